"""Where the pattern is decided. Plain Python, no Django.

1. Each answer is a position from 1 to `points` (5). A reverse-keyed item counts as
   points + 1 - position. Keying is part of the item, never of a translation, so the same
   position scores the same in every language.
2. A scale's score is the mean of its keyed answers, shown from 0 to 100.
3. The pattern is the one whose prototype is nearest to the scale scores (Euclidean distance);
   a tie goes to the pattern listed first in the instrument file.
4. The safety check is scored on its own and never touches scales or pattern.
"""

from __future__ import annotations

import math
from collections.abc import Mapping
from dataclasses import dataclass

from .instrument import Instrument

SKIPPED = 0  # a safety-check answer the reader chose not to give
TIE_TOLERANCE = 1e-9


class AnswerError(ValueError):
    """The answers cannot be scored; the message says why, in terms a developer can act on."""


@dataclass(frozen=True)
class Scored:
    scale_scores: dict[str, float]
    pattern: str
    distances: dict[str, float]


def keyed_value(reverse: bool, position: int, points: int) -> int:
    return points + 1 - position if reverse else position


def to_percent(mean: float, points: int) -> float:
    return (mean - 1) / (points - 1) * 100


def validate_answers(instrument: Instrument, answers: Mapping[str, object]) -> dict[str, int]:
    expected = {item.id for item in instrument.items}
    unknown = sorted(set(answers) - expected)
    if unknown:
        raise AnswerError(f"unknown item(s): {', '.join(unknown[:5])}")
    missing = sorted(expected - set(answers), key=[i.id for i in instrument.items].index)
    if missing:
        raise AnswerError(f"{len(missing)} item(s) not answered, first: {missing[0]}")
    clean: dict[str, int] = {}
    for item_id, value in answers.items():
        if isinstance(value, bool) or not isinstance(value, int) or not 1 <= value <= instrument.points:
            raise AnswerError(f"answer to {item_id} must be a whole number from 1 to {instrument.points}")
        clean[item_id] = value
    return clean


def scale_scores(instrument: Instrument, answers: Mapping[str, int]) -> dict[str, float]:
    scores: dict[str, float] = {}
    for scale_id in instrument.scales:
        items = instrument.items_of(scale_id)
        mean = sum(keyed_value(i.reverse, answers[i.id], instrument.points) for i in items) / len(items)
        scores[scale_id] = to_percent(mean, instrument.points)
    return scores


def nearest_pattern(instrument: Instrument, scores: Mapping[str, float]) -> tuple[str, dict[str, float]]:
    distances = {
        pattern.id: math.sqrt(sum((scores[s] - pattern.prototype[s]) ** 2 for s in instrument.scales))
        for pattern in instrument.patterns.values()
    }
    best = min(distances.values())
    # Dicts keep the file's order, so the first pattern within the tolerance is the first listed.
    chosen = next(p for p, d in distances.items() if d <= best + TIE_TOLERANCE)
    return chosen, distances


def score(instrument: Instrument, answers: Mapping[str, object]) -> Scored:
    clean = validate_answers(instrument, answers)
    scores = scale_scores(instrument, clean)
    pattern, distances = nearest_pattern(instrument, scores)
    return Scored(scores, pattern, distances)


def validate_safety(instrument: Instrument, answers: Mapping[str, object]) -> dict[str, int]:
    expected = {item.id for item in instrument.safety_items}
    unknown = sorted(set(answers) - expected)
    if unknown:
        raise AnswerError(f"unknown safety item(s): {', '.join(unknown)}")
    missing = sorted(expected - set(answers))
    if missing:
        raise AnswerError(f"safety item(s) not answered: {', '.join(missing)}")
    clean: dict[str, int] = {}
    for item_id, value in answers.items():
        if isinstance(value, bool) or not isinstance(value, int) or not SKIPPED <= value <= instrument.points:
            raise AnswerError(f"safety answer to {item_id} must be {SKIPPED} (skipped) to {instrument.points}")
        clean[item_id] = value
    return clean


def safety_signal(instrument: Instrument, answers: Mapping[str, int]) -> bool:
    """True when any answered safety item is at or above its signal position."""
    return any(
        answers.get(item.id, SKIPPED) != SKIPPED and answers[item.id] >= item.signal_at
        for item in instrument.safety_items
    )


def achievable_scores(instrument: Instrument, scale_id: str) -> list[float]:
    count = len(instrument.items_of(scale_id))
    totals = range(count, count * instrument.points + 1)
    return [to_percent(total / count, instrument.points) for total in totals]


def answers_for_scores(instrument: Instrument, targets: Mapping[str, float]) -> dict[str, int]:
    """Answers whose scale scores are as near the targets as the items allow (for tests, seeding)."""
    answers: dict[str, int] = {}
    for scale_id in instrument.scales:
        items = instrument.items_of(scale_id)
        count = len(items)
        wanted_mean = 1 + targets[scale_id] / 100 * (instrument.points - 1)
        total = max(count, min(count * instrument.points, round(wanted_mean * count)))
        base, extra = divmod(total, count)
        for index, item in enumerate(items):
            keyed = base + (1 if index < extra else 0)
            answers[item.id] = keyed_value(item.reverse, keyed, instrument.points)
    return answers


def unreachable_patterns(instrument: Instrument) -> list[str]:
    """Patterns that do not win even at the achievable point nearest their own prototype."""
    lost = []
    for pattern in instrument.patterns.values():
        answers = answers_for_scores(instrument, pattern.prototype)
        chosen, _ = nearest_pattern(instrument, scale_scores(instrument, answers))
        if chosen != pattern.id:
            lost.append(pattern.id)
    return lost
