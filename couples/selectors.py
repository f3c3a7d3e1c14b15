"""Reads for couple mode: a reader's invitations and pairings, and the joint report."""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path
from typing import Any

from django.conf import settings
from django.db.models import Q

from assessment import presentation, registry, scoring
from assessment.models import Result
from assessment.selectors import phrases_for, region_links, region_view
from wiki import selectors as wiki_selectors

from .cycles import Cycle, detect, read_cycles
from .models import Invitation, Pairing


@lru_cache(maxsize=2)
def _cycles(root: str, stamp: float) -> dict[str, Cycle]:
    return read_cycles(Path(root))


def cycles() -> dict[str, Cycle]:
    root = Path(settings.CONTENT_DIR)
    path = root / "couples" / "cycles.yaml"
    return _cycles(str(root), path.stat().st_mtime)


def invitations_of(result: Result) -> list[Invitation]:
    return list(
        Invitation.objects.filter(inviter=result, accepted__isnull=True, cancelled__isnull=True).order_by("-created")
    )


def pairings_of(result: Result) -> list[Pairing]:
    return list(Pairing.objects.filter(Q(inviter=result) | Q(partner=result)).order_by("-pk"))


def joint_context(pairing: Pairing, viewer: Result, language: str, region_id: str | None) -> dict[str, Any]:
    """Everything the viewer's joint report shows. The partner's safety answers are never read."""
    partner = pairing.partner if viewer.pk == pairing.inviter_id else pairing.inviter
    mine = registry.get_instrument(viewer.instrument, viewer.version) or registry.current_instrument()
    theirs = registry.get_instrument(partner.instrument, partner.version) or registry.current_instrument()
    my_scores = scoring.score(mine, viewer.answers)
    their_scores = scoring.score(theirs, partner.answers)
    my_pattern = presentation.pattern_view(mine.patterns[my_scores.pattern], language)
    their_pattern = presentation.pattern_view(theirs.patterns[their_scores.pattern], language)
    detected = detect(my_scores.scale_scores, their_scores.scale_scores)
    cycle = cycles()[detected.cycle]
    my_role, their_role = detected.roles
    scales = [
        (
            s.name.get(language) or s.name["en"],
            round(my_scores.scale_scores[s.id]),
            round(their_scores.scale_scores.get(s.id, 0)),
        )
        for s in mine.scales.values()
    ]
    # Only the viewer's own safety answers decide what the viewer's page shows.
    unsafe = scoring.safety_signal(mine, viewer.safety_answers)
    directory = registry.support_directory()
    return {
        "pairing": pairing,
        "my_pattern": my_pattern,
        "their_pattern": their_pattern,
        "scales": scales,
        "cycle_name": cycle.name.get(language) or cycle.name["en"],
        "cycle_unfolds": cycle.unfolds.get(language) or cycle.unfolds["en"],
        "my_guidance": cycle.guidance[my_role].get(language),
        "their_guidance": cycle.guidance[their_role].get(language),
        "my_phrases": [] if unsafe else phrases_for(cycle.situations[my_role], language, limit=4),
        "their_phrases": [] if unsafe else phrases_for(cycle.situations[their_role], language, limit=4),
        "articles": wiki_selectors.article_cards(language, slugs=cycle.articles),
        "unsafe": unsafe,
        "region": region_view(directory.region_for(language, region_id), language),
        "regions": region_links(directory, language),
    }
