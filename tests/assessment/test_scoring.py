"""Properties of the scoring engine, checked with hypothesis on a sample instrument."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from assessment import scoring
from assessment.instrument import Instrument
from tests.assessment.factories import make_instrument

SAMPLE = make_instrument()


def answer_sets(instrument: Instrument) -> st.SearchStrategy[dict[str, int]]:
    return st.fixed_dictionaries({item.id: st.integers(1, instrument.points) for item in instrument.items})


@settings(deadline=None)  # timings vary on a shared machine; nothing here is about speed
@given(answer_sets(SAMPLE))
def test_scores_stay_between_0_and_100(answers: dict[str, int]) -> None:
    result = scoring.score(SAMPLE, answers)
    assert all(0 <= value <= 100 for value in result.scale_scores.values())
    assert result.pattern in SAMPLE.patterns


@settings(deadline=None)  # timings vary on a shared machine; nothing here is about speed
@given(answer_sets(SAMPLE))
def test_same_answers_always_give_the_same_result(answers: dict[str, int]) -> None:
    assert scoring.score(SAMPLE, answers) == scoring.score(SAMPLE, dict(reversed(list(answers.items()))))


@settings(deadline=None)  # timings vary on a shared machine; nothing here is about speed
@given(answer_sets(SAMPLE))
def test_reverse_keying_mirrors_exactly(answers: dict[str, int]) -> None:
    """Mirroring every answer (1<->5, 2<->4) mirrors every scale score around 50."""
    mirrored = {item_id: SAMPLE.points + 1 - value for item_id, value in answers.items()}
    original = scoring.score(SAMPLE, answers).scale_scores
    flipped = scoring.score(SAMPLE, mirrored).scale_scores
    for scale in SAMPLE.scales:
        assert original[scale] + flipped[scale] == pytest.approx(100)


@settings(deadline=None)  # timings vary on a shared machine; nothing here is about speed
@given(st.sampled_from([item for item in SAMPLE.items if item.reverse]), st.integers(1, 5))
def test_a_reverse_keyed_item_counts_backwards(item: object, position: int) -> None:
    assert scoring.keyed_value(True, position, 5) == 6 - position


def test_every_pattern_is_reachable() -> None:
    for pattern in SAMPLE.patterns.values():
        answers = scoring.answers_for_scores(SAMPLE, pattern.prototype)
        assert scoring.score(SAMPLE, answers).pattern == pattern.id
    assert scoring.unreachable_patterns(SAMPLE) == []


def test_a_tie_goes_to_the_pattern_listed_first() -> None:
    # Halfway between "third" (gamma 90) and "fourth" (gamma 10); every other prototype is farther.
    chosen, distances = scoring.nearest_pattern(SAMPLE, {"alpha": 50, "beta": 50, "gamma": 50})
    assert distances["third"] == pytest.approx(distances["fourth"]) == pytest.approx(min(distances.values()))
    assert chosen == "third"


def test_scale_score_is_the_mean_shown_from_0_to_100() -> None:
    answers = {item.id: (5 if not item.reverse else 1) for item in SAMPLE.items}
    assert set(scoring.score(SAMPLE, answers).scale_scores.values()) == {100.0}
    answers = {item.id: 3 for item in SAMPLE.items}
    assert set(scoring.score(SAMPLE, answers).scale_scores.values()) == {50.0}


@settings(deadline=None)  # timings vary on a shared machine; nothing here is about speed
@given(answer_sets(SAMPLE), st.data())
def test_an_incomplete_answer_set_is_rejected(answers: dict[str, int], data: st.DataObject) -> None:
    removed = data.draw(st.sampled_from(sorted(answers)))
    del answers[removed]
    with pytest.raises(scoring.AnswerError, match="not answered"):
        scoring.score(SAMPLE, answers)


@settings(deadline=None)  # timings vary on a shared machine; nothing here is about speed
@given(
    answer_sets(SAMPLE),
    st.data(),
    st.one_of(st.integers(max_value=0), st.integers(min_value=6), st.text(), st.booleans(), st.none(), st.floats()),
)
def test_an_out_of_range_answer_is_rejected(answers: dict[str, object], data: st.DataObject, bad: object) -> None:
    answers[data.draw(st.sampled_from(sorted(answers)))] = bad
    with pytest.raises(scoring.AnswerError, match="whole number from 1 to 5"):
        scoring.score(SAMPLE, answers)


def test_an_unknown_item_is_rejected() -> None:
    answers = {item.id: 3 for item in SAMPLE.items} | {"zz9": 3}
    with pytest.raises(scoring.AnswerError, match="unknown item"):
        scoring.score(SAMPLE, answers)


@settings(deadline=None)  # timings vary on a shared machine; nothing here is about speed
@given(st.fixed_dictionaries({item.id: st.integers(0, 5) for item in SAMPLE.safety_items}))
def test_safety_signals_exactly_when_an_answer_reaches_its_threshold(answers: dict[str, int]) -> None:
    expected = any(value >= 2 for value in answers.values())
    assert scoring.safety_signal(SAMPLE, answers) == expected


@settings(deadline=None)  # timings vary on a shared machine; nothing here is about speed
@given(answer_sets(SAMPLE), st.fixed_dictionaries({item.id: st.integers(0, 5) for item in SAMPLE.safety_items}))
def test_safety_answers_never_change_the_pattern(answers: dict[str, int], safety: dict[str, int]) -> None:
    # score() does not even take them; this guards against anyone adding them later.
    before = scoring.score(SAMPLE, answers)
    scoring.validate_safety(SAMPLE, safety)
    assert scoring.score(SAMPLE, answers) == before
