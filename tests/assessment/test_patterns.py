"""Fit-aware readings: a clear pattern, a blend of two, or no single pattern; and the report pages
that show each of them, in both languages."""

from __future__ import annotations

from collections.abc import Mapping
from http import HTTPStatus
from pathlib import Path

import pytest
from django.conf import settings
from django.test import Client
from hypothesis import HealthCheck, given
from hypothesis import settings as hypothesis_settings
from hypothesis import strategies as st

from assessment import presentation, registry, scoring
from assessment import services as assessment_services
from assessment.instrument import Instrument
from assessment.instrument_file import read_instruments
from assessment.models import Result

INSTRUMENTS, _ = read_instruments(Path(settings.CONTENT_DIR))
V1: Instrument = INSTRUMENTS["communication-patterns/v1"]
V2: Instrument = INSTRUMENTS["communication-patterns/v2"]
NA = 0
SLOW = hypothesis_settings(deadline=None, suppress_health_check=[HealthCheck.too_slow], max_examples=150)


def answers_near(targets: Mapping[str, float], instrument: Instrument = V2) -> dict[str, int]:
    return scoring.answers_for_scores(instrument, {s: targets.get(s, 50) for s in instrument.scales})


def reading(answers: dict[str, int]) -> scoring.Reading:
    return scoring.score(V2, answers).reading


# A profile that sits between two patterns (found by scoring.read's own rules: see the assertion).
BETWEEN_URGENT_AND_DIRECT = {
    "expressing": 70, "listening": 42, "pursuing": 70, "withdrawing": 22, "repair": 48, "rejection": 52,
}  # fmt: skip


def test_the_bundled_version_is_the_one_new_readers_take() -> None:
    assert registry.current_instrument().key == V2.key


@pytest.mark.parametrize("pattern", list(V2.patterns))
def test_each_prototype_is_a_clear_pattern_of_its_own(pattern: str) -> None:
    result = reading(answers_near(V2.patterns[pattern].prototype))
    assert (result.kind, result.patterns) == (scoring.CLEAR, (pattern,))


def test_a_profile_between_two_patterns_is_a_blend_of_both() -> None:
    result = reading(answers_near(BETWEEN_URGENT_AND_DIRECT))
    assert result.kind == scoring.BLEND
    assert set(result.patterns) == {"urgent-reacher", "direct-engager"}


@pytest.mark.parametrize("position", [1, 2, 3, 4, 5])
def test_straight_lining_is_noticed_and_never_gets_a_pattern(position: int) -> None:
    result = reading({item.id: position for item in V2.items})
    assert (result.kind, result.reason) == (scoring.NONE, "same-answer")


def test_agreeing_with_everything_is_noticed() -> None:
    answers = {item.id: 4 + index % 2 for index, item in enumerate(V2.items)}
    result = reading(answers)
    assert (result.kind, result.reason) == (scoring.NONE, "agree-all")


def test_disagreeing_with_everything_is_noticed() -> None:
    answers = {item.id: 1 + index % 2 for index, item in enumerate(V2.items)}
    assert reading(answers).reason == "disagree-all"


def test_a_flat_profile_gets_no_single_pattern() -> None:
    answers = answers_near({s: 55 for s in V2.scales} | {"pursuing": 50})
    result = reading(answers)
    assert (result.kind, result.reason) == (scoring.NONE, "flat")


def test_withdrawing_high_and_repair_low_never_read_as_steady_connector() -> None:
    """The issue's example: a result told it "rarely shuts down" while its withdrawing was 71."""
    answers = answers_near({"expressing": 70, "listening": 65, "pursuing": 30, "withdrawing": 71, "repair": 17})
    result = reading(answers)
    assert "steady-connector" not in result.patterns


def test_far_from_every_pattern_gets_a_scale_by_scale_reading() -> None:
    answers = answers_near(
        {"expressing": 0, "listening": 0, "pursuing": 0, "withdrawing": 0, "repair": 100, "rejection": 100}
    )
    result = reading(answers)
    assert (result.kind, result.reason) == (scoring.NONE, "far")


@SLOW
@given(st.fixed_dictionaries({item.id: st.integers(1, 5) for item in V2.items}))
def test_every_reading_is_one_of_three_kinds_and_names_only_patterns_that_fit(answers: dict[str, int]) -> None:
    scored = scoring.score(V2, answers)
    result = scored.reading
    levels = scoring.levels_of(scored.measured)
    expected_count = {scoring.CLEAR: 1, scoring.BLEND: 2, scoring.NONE: 0}[result.kind]
    assert len(result.patterns) == expected_count == len(set(result.patterns))
    for pattern in result.patterns:
        assert V2.patterns[pattern].fits(levels)
    if result.style and result.style.flag:
        assert result.kind == scoring.NONE


@SLOW
@given(st.integers(1, 5), st.dictionaries(st.sampled_from([i.id for i in V2.items]), st.integers(1, 5), max_size=3))
def test_nearly_flat_answers_never_get_the_most_troubled_pattern(position: int, changes: dict[str, int]) -> None:
    answers = {item.id: position for item in V2.items} | changes
    assert "torn-between" not in reading(answers).patterns


# --- the report pages -------------------------------------------------------------------------------


def finished(
    answers: dict[str, int], language: str, instrument: Instrument = V2, safety: dict[str, int] | None = None
) -> tuple[Result, str]:
    draft = assessment_services.draft_start(instrument=instrument, language=language)
    created = assessment_services.result_create(
        token=draft.token,
        instrument=instrument,
        answers=answers,
        safety=safety or {item.id: 1 for item in instrument.safety_items},
    )
    return created.result, f"/{language}/report/{created.report_token}/"


pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("language", ["en", "zh-hans"])
def test_a_clear_pattern_page(client: Client, site_content: object, language: str) -> None:
    _, path = finished(answers_near(V2.patterns["quiet-protector"].prototype), language)
    response = client.get(path)
    html = response.content.decode()
    assert response.status_code == HTTPStatus.OK
    assert V2.patterns["quiet-protector"].name[language] in html
    assert V2.words("clear_intro", language, pattern=V2.patterns["quiet-protector"].name[language]) in html
    assert 'data-reading="clear"' in html and 'class="scale-band"' in html
    assert V2.words("level_high", language) in html


@pytest.mark.parametrize("language", ["en", "zh-hans"])
def test_a_blend_page_names_both_and_says_what_they_share_and_where_they_differ(
    client: Client, site_content: object, language: str
) -> None:
    result, path = finished(answers_near(BETWEEN_URGENT_AND_DIRECT), language)
    html = client.get(path).content.decode()
    view = presentation.result_view(V2, result.answers, result.safety_answers, language)
    assert view.blend is not None and 'data-reading="blend"' in html and 'id="blend"' in html
    for pattern in ("urgent-reacher", "direct-engager"):
        assert V2.patterns[pattern].name[language] in html
    assert view.blend.shared in html and view.blend.differ in html and view.blend.text in html


@pytest.mark.parametrize("language", ["en", "zh-hans"])
def test_no_single_pattern_page_reads_scale_by_scale(client: Client, site_content: object, language: str) -> None:
    _, path = finished(
        answers_near({"expressing": 0, "listening": 0, "pursuing": 0, "withdrawing": 0, "repair": 100,
                      "rejection": 100}),
        language,
    )  # fmt: skip
    html = client.get(path).content.decode()
    nsp = V2.no_single_pattern
    assert nsp is not None
    assert nsp.name[language] in html and nsp.summary["far"][language] in html
    assert 'data-reading="none"' in html and 'href="#scales"' in html
    assert 'id="answer-style"' not in html
    for pattern in V2.patterns.values():
        assert pattern.name[language] not in html.split('id="pattern"', 1)[1].split('id="scales"', 1)[0]


@pytest.mark.parametrize("language", ["en", "zh-hans"])
def test_a_straight_lined_result_is_kindly_named_with_an_offer_to_retake(
    client: Client, site_content: object, language: str
) -> None:
    _, path = finished({item.id: 3 for item in V2.items}, language)
    html = client.get(path).content.decode()
    assert V2.words("notice_same-answer", language) in html
    assert 'id="answer-style"' in html and f'action="{path}retake/"' in html
    assert V2.words("retake_offer", language) in html
    assert V2.patterns["torn-between"].name[language] not in html


@pytest.mark.parametrize("language", ["en", "zh-hans"])
def test_a_scale_that_did_not_apply_is_not_shown(client: Client, site_content: object, language: str) -> None:
    answers = answers_near(V2.patterns["steady-connector"].prototype)
    answers |= {item.id: NA for item in V2.items_of("intimacy")}
    result, path = finished(answers, language)
    html = client.get(path).content.decode()
    assert result.answers["in1"] == NA
    assert 'id="score-intimacy"' in html and "is-not-shown" in html
    assert V2.words("not_shown", language, answered=0, needed=4, items=6) in html


@pytest.mark.parametrize("language", ["en", "zh-hans"])
def test_an_old_version_1_result_still_opens_and_re_scores_under_version_1(
    client: Client, site_content: object, language: str
) -> None:
    answers = scoring.answers_for_scores(V1, V1.patterns["urgent-reacher"].prototype)
    result, path = finished(answers, language, instrument=V1)
    response = client.get(path)
    html = response.content.decode()
    assert response.status_code == HTTPStatus.OK and result.version == 1
    assert V1.patterns["urgent-reacher"].name[language] in html
    view = presentation.result_view(V1, result.answers, result.safety_answers, language)
    assert view.version == 1 and view.kind == scoring.CLEAR
    assert [s.score for s in view.scales] == [
        scoring.round_score(v) for v in scoring.score(V1, answers).scale_scores.values()
    ]
    assert 'class="scale-band"' not in html  # version 1 declares no reliability, so it shows no band


def test_how_scoring_works_publishes_the_thresholds_and_their_reasons(client: Client) -> None:
    english = client.get("/en/test/how-scoring-works/").content.decode()
    assert "Why these numbers" in english and "0.55" in english and "25" in english
    assert "How reliable the scales are" in english and "We publish how reliable" not in english
    chinese = client.get("/zh-hans/test/how-scoring-works/").content.decode()
    assert V2.patterns["torn-between"].name["zh-hans"] in chinese
