"""Version 2 scoring through the scoring module's public functions: answers, keying, rounding,
levels, error bands, "does not apply", and version 1 re-scored exactly as it always was."""

from __future__ import annotations

import math
from pathlib import Path

import pytest
from django.conf import settings
from hypothesis import HealthCheck, given
from hypothesis import settings as hypothesis_settings
from hypothesis import strategies as st

from assessment import scoring
from assessment.instrument import Instrument
from assessment.instrument_file import read_instruments

INSTRUMENTS, PROBLEMS = read_instruments(Path(settings.CONTENT_DIR))
V1: Instrument = INSTRUMENTS["communication-patterns/v1"]
V2: Instrument = INSTRUMENTS["communication-patterns/v2"]
NA = V2.does_not_apply.code if V2.does_not_apply else 0
SLOW = hypothesis_settings(deadline=None, suppress_health_check=[HealthCheck.too_slow], max_examples=150)


def answer_sets(instrument: Instrument, not_applicable: bool = False) -> st.SearchStrategy[dict[str, int]]:
    def choice(item_may_not_apply: bool) -> st.SearchStrategy[int]:
        positions = st.integers(1, instrument.points)
        return st.one_of(positions, st.just(NA)) if not_applicable and item_may_not_apply else positions

    return st.fixed_dictionaries({item.id: choice(item.may_not_apply) for item in instrument.items})


# --- the file ------------------------------------------------------------------------------------


def test_both_versions_read_without_problems() -> None:
    assert PROBLEMS == []
    assert V1.scoring is None and V2.scoring is not None


def test_every_v2_scale_is_balanced_three_plus_three() -> None:
    for scale in V2.scales:
        items = V2.items_of(scale)
        assert len(items) == 6, scale
        assert sum(item.reverse for item in items) == 3, scale


def test_v2_never_reuses_an_id_for_a_different_question() -> None:
    v1_texts = {item.id: item.text["en"] for item in V1.items}
    for item in V2.items:
        if item.id in v1_texts:
            assert item.text["en"] == v1_texts[item.id] or item.id == "in4", item.id


def test_wd3_is_split_into_two_single_questions() -> None:
    ids = {item.id for item in V2.items}
    assert "wd3" not in ids and {"wd7", "wd8"} <= ids
    assert "without" not in V2.item("wd7").text["en"]  # type: ignore[union-attr]


@pytest.mark.parametrize("item_id", ["pu1", "pu6", "re5", "rj5", "in1"])
def test_chinese_items_say_no_more_than_the_english(item_id: str) -> None:
    text = V2.item(item_id).text["zh-hans"]  # type: ignore[union-attr]
    for stronger in ("逼出", "冷战", "翻旧账", "提心吊胆", "直接说", "过后再说", "扭头就走"):
        assert stronger not in text


def test_no_chinese_item_uses_yi_jiu_for_a_plain_when() -> None:
    import re

    for item in V2.items:
        assert not re.search(r"一[^，。]{0,6}就", item.text["zh-hans"]), item.id


def test_only_intimacy_items_offer_does_not_apply() -> None:
    assert {item.scale for item in V2.items if item.may_not_apply} == {"intimacy"}
    assert V2.time_frame and "few months" in V2.time_frame["en"] and "最近几个月" in V2.time_frame["zh-hans"]


# --- one parser for answer values ------------------------------------------------------------------


@pytest.mark.parametrize("raw", ["1", "2", "3", "4", "5"])
def test_parse_answer_accepts_the_positions(raw: str) -> None:
    assert scoring.parse_answer(V2, V2.items[0], raw) == int(raw)


@pytest.mark.parametrize(
    "raw", ["", " 3", "3 ", "03", "+3", "3.0", "３", "³", "①", "٣", "6", "-1", "0", "9" * 5000, "1" * 20, "x"]
)
def test_parse_answer_refuses_anything_else(raw: str) -> None:
    item = V2.item("ex1")
    assert item is not None and not item.may_not_apply
    with pytest.raises(scoring.AnswerError):
        scoring.parse_answer(V2, item, raw)


def test_does_not_apply_is_accepted_only_where_declared() -> None:
    intimacy = V2.item("in1")
    assert intimacy is not None
    assert scoring.parse_answer(V2, intimacy, str(NA)) == NA
    assert NA in scoring.answer_codes(V2, intimacy)
    assert [code for code, _ in scoring.answer_choices(V2, intimacy, "zh-hans")][-1] == NA
    assert scoring.answer_choices(V2, intimacy, "zh-hans")[-1][1] == "目前不适用于我"


def test_the_safety_skip_code_is_a_declared_code() -> None:
    item = V2.safety_items[0]
    assert scoring.parse_answer(V2, item, "0") == 0
    with pytest.raises(scoring.AnswerError):
        scoring.parse_answer(V2, item, "6")


@given(st.text(max_size=8))
def test_parse_answer_returns_a_declared_code_or_refuses(raw: str) -> None:
    for item in (V2.items[0], V2.item("in1"), V2.safety_items[0]):
        assert item is not None
        try:
            value = scoring.parse_answer(V2, item, raw)
        except scoring.AnswerError:
            continue
        assert value in scoring.answer_codes(V2, item) and raw == str(value)


def test_check_partial_accepts_declared_codes_and_refuses_others() -> None:
    scoring.check_partial(V2, {"in1": NA, "ex1": 3}, {"sc1": 0})
    for answers in ({"ex1": NA}, {"ex1": 6}, {"ex1": True}, {"zz1": 3}):
        with pytest.raises(scoring.AnswerError):
            scoring.check_partial(V2, answers, {})


# --- scores, rounding, levels ------------------------------------------------------------------------


@pytest.mark.parametrize(("value", "shown"), [(66.6667, 67), (62.5, 63), (37.5, 38), (33.333, 33), (12.5, 13)])
def test_one_rounding_half_up(value: float, shown: int) -> None:
    assert scoring.round_score(value) == shown


@pytest.mark.parametrize(("shown", "level"), [(33, "low"), (34, "middle"), (66, "middle"), (67, "high")])
def test_levels_come_from_the_shown_number(shown: int, level: str) -> None:
    assert scoring.level_of(shown) == level


@pytest.mark.parametrize("position", [1, 2, 3, 4, 5])
def test_the_same_answer_everywhere_moves_no_v2_score(position: int) -> None:
    answers = {item.id: position for item in V2.items}
    measured = scoring.measure(V2, answers)
    assert {m.value for m in measured.values()} == {50.0}


@SLOW
@given(answer_sets(V2, not_applicable=True))
def test_number_level_and_band_always_agree(answers: dict[str, int]) -> None:
    for m in scoring.measure(V2, answers, "zh-hans").values():
        if m.shown is None:
            assert m.level is None and m.band is None and m.answered < V2.scoring.min_answers  # type: ignore[union-attr]
            continue
        assert m.shown == scoring.round_score(m.value)  # type: ignore[arg-type]
        assert m.level == scoring.level_of(m.shown)
        assert m.band is not None and 0 <= m.band[0] <= m.shown <= m.band[1] <= 100
        if m.near is None:
            assert {scoring.level_of(m.band[0]), scoring.level_of(m.band[1])} == {m.level}


def test_the_error_band_is_one_sem_from_the_declared_reliability() -> None:
    declared = V2.reliability.scales["expressing"]["en"]  # type: ignore[union-attr]
    sem = declared.sd * math.sqrt(1 - declared.alpha)
    answers = scoring.answers_for_scores(V2, {s: 50 for s in V2.scales})
    m = scoring.measure(V2, answers)["expressing"]
    assert m.sem == pytest.approx(sem)
    assert m.band == (scoring.round_score(50 - sem), scoring.round_score(50 + sem))


def test_a_score_near_a_cut_off_says_so() -> None:
    answers = scoring.answers_for_scores(V2, {s: 62.5 for s in V2.scales})
    m = scoring.measure(V2, answers)["listening"]
    assert m.shown == 63 and m.level == "middle" and m.near == "middle-high"
    far = scoring.measure(V2, scoring.answers_for_scores(V2, {s: 50 for s in V2.scales}))["listening"]
    assert far.near is None


def test_does_not_apply_is_never_scored_and_widens_the_band() -> None:
    answers = {item.id: 4 if not item.reverse else 2 for item in V2.items}
    full = scoring.measure(V2, answers)["intimacy"]
    intimacy = [item.id for item in V2.items_of("intimacy")]
    two_left_out = answers | {intimacy[0]: NA, intimacy[1]: NA}
    fewer = scoring.measure(V2, two_left_out)["intimacy"]
    assert fewer.answered == 4 and fewer.value == full.value == 75.0
    assert fewer.sem == pytest.approx(full.sem * math.sqrt(6 / 4))  # type: ignore[operator]


def test_a_scale_with_too_few_answers_is_not_shown_and_takes_no_part() -> None:
    answers = {item.id: (NA if item.scale == "intimacy" else 3) for item in V2.items}
    answers["in1"] = 5
    scored = scoring.score(V2, answers)
    assert scored.measured["intimacy"].shown is None and scored.measured["intimacy"].answered == 1
    assert "intimacy" not in scored.scale_scores


def test_does_not_apply_on_another_item_is_refused_when_scoring() -> None:
    answers = {item.id: 3 for item in V2.items} | {"ex1": NA}
    with pytest.raises(scoring.AnswerError, match="whole number from 1 to 5"):
        scoring.score(V2, answers)


# --- version 1 re-scores exactly as before --------------------------------------------------------


def v1_as_published(answers: dict[str, int]) -> tuple[dict[str, float], str]:
    """The published version 1 rule, written out independently of the scoring module."""
    scores = {}
    for scale in V1.scales:
        items = [item for item in V1.items if item.scale == scale]
        keyed = [6 - answers[i.id] if i.reverse else answers[i.id] for i in items]
        scores[scale] = (sum(keyed) / len(keyed) - 1) / 4 * 100
    distances = {
        p.id: math.sqrt(sum((scores[s] - p.prototype[s]) ** 2 for s in V1.scales)) for p in V1.patterns.values()
    }
    best = min(distances.values())
    return scores, next(p for p, d in distances.items() if d <= best + 1e-9)


@SLOW
@given(answer_sets(V1))
def test_version_1_re_scores_exactly_as_before(answers: dict[str, int]) -> None:
    scores, pattern = v1_as_published(answers)
    scored = scoring.score(V1, answers)
    assert scored.scale_scores == pytest.approx(scores)
    assert scored.pattern == pattern
    assert scored.reading.kind == scoring.CLEAR and scored.reading.patterns == (pattern,)


def test_the_issues_example_still_reads_steady_connector_under_version_1() -> None:
    positions = "542425352242531414453525421413125225353144"
    answers = {item.id: int(p) for item, p in zip(V1.items, positions, strict=True)}
    scored = scoring.score(V1, answers)
    assert scored.pattern == "steady-connector"
    assert scored.distances["steady-connector"] == pytest.approx(83.7, abs=0.05)
    assert scoring.round_score(scored.scale_scores["withdrawing"]) == 71


# --- reliable change --------------------------------------------------------------------------------


def score_at(shown: int, sem: float) -> scoring.ScaleScore:
    return scoring.ScaleScore("x", float(shown), 6, 6, shown, scoring.level_of(shown), sem, None, None)


def test_reliable_change_needs_more_than_196_standard_errors_of_the_difference() -> None:
    threshold = 1.96 * math.sqrt(2) * 9.5  # 26.3 points
    assert not scoring.reliable_change(score_at(40, 9.5), score_at(66, 9.5)).reliable  # type: ignore[union-attr]
    change = scoring.reliable_change(score_at(40, 9.5), score_at(67, 9.5))
    assert change is not None and change.reliable and change.threshold == pytest.approx(threshold)
    assert scoring.reliable_change(score_at(70, 9.5), score_at(43, 9.5)).reliable  # type: ignore[union-attr]


def test_no_reliable_change_without_a_score_or_an_sem() -> None:
    assert scoring.reliable_change(score_at(40, 9.5), score_at(60, None)) is None  # type: ignore[arg-type]
    hidden = scoring.ScaleScore("x", None, 2, 6, None, None, None, None, None)
    assert scoring.reliable_change(hidden, score_at(60, 9.5)) is None
