"""Couple roles come from the same reading as each partner's own report, and each partner gets
guidance of their own. The property test checks that the joint report never calls a partner calm
or steady (or anything else) that their own report contradicts."""

from __future__ import annotations

import html as html_module
import re
from collections.abc import Mapping
from pathlib import Path

import pytest
from django.conf import settings
from django.test import Client
from hypothesis import HealthCheck, given
from hypothesis import settings as hypothesis_settings
from hypothesis import strategies as st

from assessment import presentation, scoring
from assessment import services as assessment_services
from assessment.instrument import Instrument
from assessment.instrument_file import read_instruments
from couples import services
from couples.cycles import ROLES, detect, holds, read_cycles, role
from couples.models import Pairing

INSTRUMENTS, _ = read_instruments(Path(settings.CONTENT_DIR))
V2: Instrument = INSTRUMENTS["communication-patterns/v2"]
CYCLES = read_cycles(Path(settings.CONTENT_DIR))
PROPERTY = hypothesis_settings(deadline=None, suppress_health_check=[HealthCheck.too_slow], max_examples=300)


def near(targets: Mapping[str, float]) -> dict[str, int]:
    return scoring.answers_for_scores(V2, {s: targets.get(s, 50) for s in V2.scales})


def scores(answers: dict[str, int]) -> dict[str, float]:
    return scoring.score(V2, answers).scale_scores


# --- roles -----------------------------------------------------------------------------------------


def test_someone_high_on_both_pursuing_and_withdrawing_has_a_role_of_their_own() -> None:
    assert role({"pursuing": 80, "withdrawing": 75}) == "reach-and-retreat"
    # The example: own result "Torn", pursuing 62 and withdrawing 67.
    assert role({"pursuing": 62, "withdrawing": 67}) == "reach-and-retreat"
    assert role({"pursuing": 55, "withdrawing": 55}) == "neither"  # neither is high


def test_two_torn_partners_are_never_told_they_are_a_steady_pair() -> None:
    torn = {"expressing": 45, "listening": 45, "pursuing": 62, "withdrawing": 67, "repair": 60, "rejection": 75}
    detected = detect(torn, torn)
    assert detected.cycle == "both-reach-retreat" and detected.roles[0] != detected.roles[1]


def test_roles_use_the_rounded_number_each_report_shows() -> None:
    # 66.67 shows as 67 (high) on the partner's own report, so it counts as high here too.
    assert role({"pursuing": 66.67, "withdrawing": 66.67}) == "reach-and-retreat"
    assert role({"pursuing": 49.6, "withdrawing": 20}) == "pursuer"  # shown as 50


def test_partners_who_play_the_same_part_get_different_roles_by_a_published_rule() -> None:
    first = {"pursuing": 20, "withdrawing": 75, "expressing": 30, "repair": 50, "listening": 50}
    second = {**first, "expressing": 60}
    assert detect(first, second).roles == ("stayer", "opener")  # higher expressing opens
    assert detect(first, first).roles == ("opener", "stayer")  # a tie goes to the inviter


def test_every_cycle_gives_its_two_roles_different_guidance() -> None:
    for cycle_id, (first, second) in ROLES.items():
        cycle = CYCLES[cycle_id]
        for language in ("en", "zh-hans"):
            assert cycle.guidance[first][language] != cycle.guidance[second][language]


# --- the property: the joint report agrees with each partner's own report ------------------------


@st.composite
def answer_sets(draw: st.DrawFn) -> dict[str, int]:
    targets = {scale: draw(st.integers(0, 100)) for scale in V2.scales}
    answers = scoring.answers_for_scores(V2, targets)
    for item_id in draw(st.lists(st.sampled_from([i.id for i in V2.items]), max_size=6)):
        answers[item_id] = draw(st.integers(1, 5))
    return answers


def own_levels(answers: dict[str, int]) -> dict[str, str | None]:
    """The levels the partner's own report shows, read from that report's view."""
    return {s.id: s.level for s in presentation.result_view(V2, answers, {}, "en").scales}


CALM = {"pursuing": {"low", "middle"}, "withdrawing": {"low", "middle"}, "repair": {"middle", "high"}}


@PROPERTY
@given(answer_sets(), answer_sets())
def test_the_joint_report_never_contradicts_either_partners_own_report(
    inviter: dict[str, int], partner: dict[str, int]
) -> None:
    detected = detect(scores(inviter), scores(partner))
    cycle = CYCLES[detected.cycle]
    for answers, role_id in ((inviter, detected.roles[0]), (partner, detected.roles[1])):
        levels = own_levels(answers)
        assert holds(cycle.assumes_each, levels), (detected, levels)
        assert holds(cycle.assumes[role_id], levels), (detected, role_id, levels)
        if detected.cycle == "steady":  # "neither of you tends to chase or disappear"
            assert all(levels[scale] in allowed for scale, allowed in CALM.items()), levels
        if role_id in ("pursuer", "reach-and-retreat"):
            assert levels["pursuing"] != "low"
        if role_id in ("withdrawer", "reach-and-retreat"):
            assert levels["withdrawing"] != "low"
    first, second = detected.roles
    assert first != second and cycle.guidance[first] != cycle.guidance[second]


@PROPERTY
@given(answer_sets(), answer_sets())
def test_both_partners_see_the_same_cycle_and_the_same_roles(inviter: dict[str, int], partner: dict[str, int]) -> None:
    once = detect(scores(inviter), scores(partner))
    assert once == detect(scores(inviter), scores(partner))


# --- the joint report pages, for each cycle and role ------------------------------------------------

QUIET = V2.patterns["quiet-protector"].prototype
BOTH_HIGH = {"pursuing": 75, "withdrawing": 75, "rejection": 75, "repair": 60}
PAIRS: dict[str, tuple[Mapping[str, float], Mapping[str, float]]] = {
    "both-reach-retreat": (BOTH_HIGH, {"pursuing": 70, "withdrawing": 70, "rejection": 70}),
    "reach-retreat": ({"pursuing": 70, "withdrawing": 70, "rejection": 75}, QUIET),
    "pursue-withdraw": (V2.patterns["urgent-reacher"].prototype, QUIET),
    "both-withdraw": (QUIET, {**QUIET, "expressing": 55}),
    "both-escalate": (V2.patterns["urgent-reacher"].prototype, V2.patterns["direct-engager"].prototype),
    "steady": (V2.patterns["steady-connector"].prototype, V2.patterns["careful-accommodator"].prototype),
    "shifting": (V2.patterns["steady-connector"].prototype, V2.patterns["urgent-reacher"].prototype),
}


def shared_pairing(inviter_answers: dict[str, int], partner_answers: dict[str, int], language: str):  # type: ignore[no-untyped-def]
    safety = {item.id: 1 for item in V2.safety_items}
    draft = assessment_services.draft_start(instrument=V2, language="en")
    inviter = assessment_services.result_create(
        token=draft.token, instrument=V2, answers=inviter_answers, safety=safety
    )
    invitation = services.invitation_create(inviter=inviter.result)
    partner_draft = services.invitation_accept(token=invitation.token, instrument=V2, language=language)
    partner = assessment_services.result_create(
        token=partner_draft.token, instrument=V2, answers=partner_answers, safety=safety
    )
    pairing = services.pairing_share(pairing=Pairing.objects.get(partner=partner.result))
    return pairing, inviter.report_token, partner.report_token


def guidance_of(html: str) -> tuple[str, str]:
    section = html.split('id="do-title"', 1)[1].split("</section>", 1)[0]
    paragraphs = re.findall(r"<p>(.*?)</p>", section, flags=re.S)
    return html_module.unescape(paragraphs[0].strip()), html_module.unescape(paragraphs[1].strip())


@pytest.mark.django_db
@pytest.mark.parametrize("cycle_id", list(PAIRS))
@pytest.mark.parametrize("language", ["en", "zh-hans"])
def test_each_partner_sees_their_own_role_in_each_cycle(site_content: object, cycle_id: str, language: str) -> None:
    first, second = (near(targets) for targets in PAIRS[cycle_id])
    detected = detect(scores(first), scores(second))
    assert detected.cycle == cycle_id
    pairing, inviter_token, partner_token = shared_pairing(first, second, language)
    cycle = CYCLES[cycle_id]
    for token, mine, theirs in (
        (inviter_token, detected.roles[0], detected.roles[1]),
        (partner_token, detected.roles[1], detected.roles[0]),
    ):
        html = Client().get(f"/{language}/report/{token}/couple/{pairing.pk}/").content.decode()
        assert cycle.name[language] in html
        you, partner = guidance_of(html)
        assert cycle.guidance[mine][language] in you and cycle.guidance[theirs][language] in partner
        assert you != partner
