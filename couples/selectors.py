"""Reads for couple mode: a reader's invitations and pairings, and the joint report."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from django.conf import settings
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext as _

from assessment import presentation, registry, scoring
from assessment.models import Result
from assessment.presentation import PatternView
from base.languages import pick_text
from phrases.selectors import PhraseCard, phrases_for
from support.selectors import RegionView, region_links, region_view
from support.selectors import directory as support_directory
from wiki import selectors as wiki_selectors
from wiki.selectors import ArticleCard

from .cycles import Cycle, detect, read_cycles
from .models import Invitation, Pairing
from .this_week import read_this_week


@lru_cache(maxsize=2)
def _cycles(root: str, stamp: float) -> dict[str, Cycle]:
    return read_cycles(Path(root))


def cycles() -> dict[str, Cycle]:
    root = Path(settings.CONTENT_DIR)
    path = root / "couples" / "cycles.yaml"
    return _cycles(str(root), path.stat().st_mtime)


@dataclass(frozen=True)
class WaitingInvitation:
    """What the inviter sees of an invitation until the partner shares: the same whatever happened."""

    pk: int
    share_until: dt.date


def invitations_of(result: Result) -> list[WaitingInvitation]:
    """The inviter's invitations still waiting: never opened, accepted, finished or declined alike."""
    today = timezone.localdate()
    waiting = (
        Invitation.objects.filter(inviter=result, cancelled__isnull=True)
        .exclude(pairing__shared=True)
        .order_by("-created", "-pk")
    )
    return [WaitingInvitation(i.pk, i.share_until) for i in waiting if i.share_until >= today]


def pairings_of(result: Result) -> list[Pairing]:
    """Joint reports the reader can open: only those the partner chose to share."""
    return list(Pairing.objects.filter(Q(inviter=result) | Q(partner=result), shared=True).order_by("-pk"))


def share_choice_for(result: Result) -> Pairing | None:
    """For an invited partner who has finished: the pairing they may still choose to share."""
    pairing = (
        Pairing.objects.select_related("invitation")
        .filter(partner=result, shared=False, invitation__cancelled__isnull=True)
        .first()
    )
    if pairing is None or pairing.invitation.share_until < timezone.localdate():
        return None
    return pairing


# Where each level sits on a 0–100 chart, for drawing the partner's level as a shaded stretch.
LEVEL_SPANS = {
    "low": (0, scoring.LOW_AT_MOST),
    "middle": (scoring.LOW_AT_MOST, scoring.HIGH_AT_LEAST - scoring.LOW_AT_MOST),
    "high": (scoring.HIGH_AT_LEAST, 100 - scoring.HIGH_AT_LEAST),
}


@dataclass(frozen=True)
class JointRow:
    """One scale of the joint chart: the viewer's own number, the partner's level only."""

    name: str
    my_score: int | None
    my_mark_x: float | None
    their_level: str | None
    their_level_name: str
    their_start: int
    their_width: int
    low_end: str
    high_end: str


@lru_cache(maxsize=2)
def _this_week(root: str, stamp: float) -> dict[str, dict[str, list[str]]]:
    return read_this_week(Path(root), set(cycles()))[0]


def this_week() -> dict[str, dict[str, list[str]]]:
    root = Path(settings.CONTENT_DIR)
    return _this_week(str(root), (root / "couples" / "this-week.yaml").stat().st_mtime)


@dataclass(frozen=True)
class JointPage:
    """Everything one partner's joint report shows, in that partner's language."""

    pairing: Pairing
    my_pattern: PatternView
    their_pattern: PatternView
    scales: list[tuple[str, int | str, str]]  # (scale, my score or "–", their level or "–")
    rows: list[JointRow]
    this_week: list[str]
    cycle_name: str
    cycle_unfolds: str
    my_guidance: str | None
    their_guidance: str | None
    my_phrases: list[PhraseCard]
    their_phrases: list[PhraseCard]
    articles: list[ArticleCard]
    unsafe: bool  # the viewer's own safety answers signalled danger
    region: RegionView
    regions: list[tuple[str, str]]


def joint_page(
    pairing: Pairing, viewer: Result, language: str, region_id: str | None, accept_language: str = ""
) -> JointPage:
    """Everything the viewer's joint report shows. The partner's safety answers are never read."""
    partner = pairing.partner if viewer.pk == pairing.inviter_id else pairing.inviter
    mine = registry.instrument_for(viewer.instrument, viewer.version)
    theirs = registry.instrument_for(partner.instrument, partner.version)
    my_scores = scoring.score(mine, viewer.answers, viewer.language)
    their_scores = scoring.score(theirs, partner.answers, partner.language)
    # Each partner's pattern as their own report reads it: the clear pattern, the blend or
    # "no single pattern", never a nearest prototype their report does not show.
    my_view = presentation.result_view(mine, viewer.answers, {}, language, viewer.language)
    my_pattern = my_view.pattern
    their_pattern = presentation.result_view(theirs, partner.answers, {}, language, partner.language).pattern
    # Roles come from the numbers each partner's own report shows. The inviter is always passed
    # first, so a tie between partners is settled the same way on both partners' pages.
    inviter_scores, partner_scores = (
        (my_scores, their_scores) if viewer.pk == pairing.inviter_id else (their_scores, my_scores)
    )
    detected = detect(inviter_scores.scale_scores, partner_scores.scale_scores)
    cycle = cycles()[detected.cycle]
    my_role, their_role = detected.roles if viewer.pk == pairing.inviter_id else detected.roles[::-1]
    # The partner's scores are shown as levels only: an exact 0 or 100 would give away every
    # answer they gave on that scale.
    level_names = {"low": _("low"), "middle": _("middle"), "high": _("high")}
    ends = {s.id: (s.low_end, s.high_end) for s in my_view.scales}
    scales = []
    rows: list[JointRow] = []
    for s in mine.scales.values():
        mine_measured = my_scores.measured.get(s.id)
        theirs_measured = their_scores.measured.get(s.id)
        my_number = mine_measured.shown if mine_measured and mine_measured.shown is not None else None
        their_level = theirs_measured.level if theirs_measured and theirs_measured.level else None
        name = pick_text(s.name, language)
        scales.append((name, my_number if my_number is not None else "–", level_names.get(their_level or "", "–")))
        low_end, high_end = ends.get(s.id, ("", ""))
        start, width = LEVEL_SPANS.get(their_level or "", (0, 0))
        rows.append(
            JointRow(
                name=name,
                my_score=my_number,
                my_mark_x=min(98.4, max(0.0, my_number - 0.8)) if my_number is not None else None,
                their_level=their_level,
                their_level_name=level_names.get(their_level or "", ""),
                their_start=start,
                their_width=width,
                low_end=low_end,
                high_end=high_end,
            )
        )
    # Only the viewer's own safety answers decide what the viewer's page shows.
    unsafe = scoring.safety_signal(mine, viewer.safety_answers)
    directory = support_directory()
    return JointPage(
        pairing=pairing,
        my_pattern=my_pattern,
        their_pattern=their_pattern,
        scales=scales,
        rows=rows,
        this_week=[] if unsafe else this_week().get(detected.cycle, {}).get(language, []),
        cycle_name=pick_text(cycle.name, language),
        cycle_unfolds=pick_text(cycle.unfolds, language),
        my_guidance=cycle.guidance[my_role].get(language),
        their_guidance=cycle.guidance[their_role].get(language),
        my_phrases=[] if unsafe else phrases_for(cycle.situations[my_role], language, limit=4),
        their_phrases=[] if unsafe else phrases_for(cycle.situations[their_role], language, limit=4),
        articles=wiki_selectors.article_cards(language, slugs=cycle.articles),
        unsafe=unsafe,
        region=region_view(directory.region_for(language, region_id, accept_language), language, directory),
        regions=region_links(directory, language),
    )
