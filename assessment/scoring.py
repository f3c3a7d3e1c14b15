"""Where the pattern is decided. Plain Python, no Django.

1. Each answer is a position from 1 to `points` (5). A reverse-keyed item counts as
   points + 1 - position. Keying is part of the item, never of a translation, so the same
   position scores the same in every language. An item marked `may_not_apply` also accepts the
   instrument's "does not apply to me now" code: that answer is kept but never scored.
2. A scale's score is the mean of its scored answers, shown from 0 to 100. From version 2 on, a
   scale with fewer than `min_answers` scored answers is not shown at all.
3. One rounding (half up) gives both the number shown and its level: 33 or less is low, 67 or
   more is high, anything between is middle. The level is never read from the unrounded score.
4. The error band is the shown score plus and minus one standard error of measurement (SEM):
   sd x sqrt(1 - reliability), from the figures the instrument file declares for the scale and
   the result's language, widened by sqrt(items / answered) when some items did not apply.
5. Version 1: the pattern is the one whose prototype is nearest (Euclidean distance over all
   scales); a tie goes to the pattern listed first in the instrument file.
   From version 2 on, the result is a *reading*: a clear pattern, a blend of two, or no single
   pattern (see `read`), with thresholds declared in the instrument file's `scoring` section.
6. The safety check is scored on its own and never touches scales or pattern.
"""

from __future__ import annotations

import math
from collections import Counter
from collections.abc import Mapping
from dataclasses import dataclass

from base.languages import pick, pick_text

from .instrument import Instrument, Item, Pattern, SafetyItem

SKIPPED = 0  # a safety-check answer the reader chose not to give (version 1; later files declare it)
TIE_TOLERANCE = 1e-9
LOW_AT_MOST, HIGH_AT_LEAST = 33, 67  # on the shown (rounded) score
BAND_Z = 1.0  # the error band is one SEM either side: about two chances in three
RCI_Z = 1.96  # a change counts as reliable beyond 1.96 standard errors of the difference
MAX_ANSWER_LENGTH = 2  # no declared code is longer; anything longer is refused before it is read

CLEAR, BLEND, NONE = "clear", "blend", "none"


class AnswerError(ValueError):
    """The answers cannot be scored; the message says why, in terms a developer can act on."""


# --- answers ---------------------------------------------------------------------------------------


def answer_codes(instrument: Instrument, item: Item | SafetyItem) -> tuple[int, ...]:
    """Every code a form may send for this item, as the instrument file declares them."""
    positions = tuple(range(1, instrument.points + 1))
    if isinstance(item, SafetyItem):
        return (*positions, instrument.safety_skip_code)
    if item.may_not_apply and instrument.does_not_apply is not None:
        return (*positions, instrument.does_not_apply.code)
    return positions


def parse_answer(instrument: Instrument, item: Item | SafetyItem, raw: object) -> int:
    """The one parser of answer values for every form: exactly a declared code, written in ASCII digits.

    '３' (full width), '³', '①', ' 3', '03', '+3', '3.0' and a 5,000-digit string are all refused
    with AnswerError; nothing is converted before it is known to be one of the declared codes.
    """
    if not isinstance(raw, str) or not 0 < len(raw) <= MAX_ANSWER_LENGTH:
        raise AnswerError(f"answer to {item.id} is not one of its choices")
    for code in answer_codes(instrument, item):
        if raw == str(code):
            return code
    raise AnswerError(f"answer to {item.id} is not one of its choices")


def answer_choices(instrument: Instrument, item: Item | SafetyItem, language: str) -> list[tuple[int, str]]:
    """(code, label) for each choice a form shows for this item, in order."""
    if isinstance(item, SafetyItem):
        labels = pick(instrument.safety_labels, language, [])
        skip = pick_text(instrument.safety_skip_label, language)
        return [*((p, labels[p - 1]) for p in range(1, instrument.points + 1)), (instrument.safety_skip_code, skip)]
    labels = pick(instrument.labels, language, [])
    choices = [(p, labels[p - 1]) for p in range(1, instrument.points + 1)]
    if item.may_not_apply and instrument.does_not_apply is not None:
        label = instrument.does_not_apply.label
        choices.append((instrument.does_not_apply.code, pick_text(label, language)))
    return choices


def _is_code(instrument: Instrument, item: Item | SafetyItem, value: object) -> bool:
    return isinstance(value, int) and not isinstance(value, bool) and value in answer_codes(instrument, item)


def check_partial(instrument: Instrument, answers: Mapping[str, object], safety: Mapping[str, object]) -> None:
    """Some answers of a test in progress: every key a known item, every value one of its codes."""
    items = {item.id: item for item in instrument.items}
    safety_items = {item.id: item for item in instrument.safety_items}
    for item_id, value in answers.items():
        if item_id not in items:
            raise AnswerError(f"unknown item {item_id}")
        if not _is_code(instrument, items[item_id], value):
            raise AnswerError(f"answer to {item_id} must be one of {answer_codes(instrument, items[item_id])}")
    for item_id, value in safety.items():
        if item_id not in safety_items:
            raise AnswerError(f"unknown safety item {item_id}")
        if not _is_code(instrument, safety_items[item_id], value):
            raise AnswerError(f"safety answer to {item_id} must be one of its codes")


def keyed_value(reverse: bool, position: int, points: int) -> int:
    return points + 1 - position if reverse else position


def to_percent(mean: float, points: int) -> float:
    return (mean - 1) / (points - 1) * 100


def is_scored(instrument: Instrument, value: int) -> bool:
    """False for the does-not-apply code: that answer is kept, never scored."""
    return 1 <= value <= instrument.points


def validate_answers(instrument: Instrument, answers: Mapping[str, object]) -> dict[str, int]:
    expected = {item.id for item in instrument.items}
    unknown = sorted(set(answers) - expected)
    if unknown:
        raise AnswerError(f"unknown item(s): {', '.join(unknown[:5])}")
    missing = sorted(expected - set(answers), key=[i.id for i in instrument.items].index)
    if missing:
        raise AnswerError(f"{len(missing)} item(s) not answered, first: {missing[0]}")
    clean: dict[str, int] = {}
    for item in instrument.items:
        value = answers[item.id]
        if not _is_code(instrument, item, value):
            extra = ""
            if item.may_not_apply and instrument.does_not_apply is not None:
                extra = f", or {instrument.does_not_apply.code} (does not apply)"
            raise AnswerError(f"answer to {item.id} must be a whole number from 1 to {instrument.points}{extra}")
        clean[item.id] = int(value)  # type: ignore[call-overload]
    return clean


# --- scale scores ----------------------------------------------------------------------------------


def round_score(value: float) -> int:
    """Half up, the same everywhere: 66.67 -> 67, 62.5 -> 63 (Python's round() would give 62)."""
    return math.floor(value + 0.5)


def level_of(shown: int) -> str:
    return "high" if shown >= HIGH_AT_LEAST else "low" if shown <= LOW_AT_MOST else "middle"


@dataclass(frozen=True)
class ScaleScore:
    id: str
    value: float | None  # 0 to 100, unrounded; None when the scale is not shown
    answered: int  # scored answers (does-not-apply answers left out)
    items: int
    shown: int | None  # the number a reader sees
    level: str | None  # low, middle or high, from `shown`
    sem: float | None  # None when the instrument declares no reliability (version 1)
    band: tuple[int, int] | None  # the error band, from `shown` and `sem`, within 0 to 100
    near: str | None  # the cut-off the band reaches across: "low-middle" or "middle-high"


def _sem(instrument: Instrument, scale_id: str, language: str, items: int, answered: int) -> float | None:
    if instrument.reliability is None or scale_id not in instrument.reliability.scales:
        return None
    figures = instrument.reliability.scales[scale_id]
    declared = pick(figures, language, None)
    if declared is None:
        return None
    return declared.sem * math.sqrt(items / answered)


def _near(shown: int, band: tuple[int, int]) -> str | None:
    """The cut-off inside the error band (the nearer one, when a wide band holds both)."""
    low, high = band
    crossings = []
    if low <= LOW_AT_MOST < high:
        crossings.append((abs(shown - (LOW_AT_MOST + 0.5)), "low-middle"))
    if low < HIGH_AT_LEAST <= high:
        crossings.append((abs(shown - (HIGH_AT_LEAST - 0.5)), "middle-high"))
    return min(crossings)[1] if crossings else None


def measure(instrument: Instrument, answers: Mapping[str, int], language: str = "en") -> dict[str, ScaleScore]:
    """Every scale's score, level, error band and whether it is shown at all."""
    needed = instrument.scoring.min_answers if instrument.scoring is not None else 1
    measured: dict[str, ScaleScore] = {}
    for scale_id in instrument.scales:
        items = instrument.items_of(scale_id)
        keyed = [
            keyed_value(i.reverse, answers[i.id], instrument.points)
            for i in items
            if is_scored(instrument, answers[i.id])
        ]
        if len(keyed) < needed or not keyed:
            measured[scale_id] = ScaleScore(scale_id, None, len(keyed), len(items), None, None, None, None, None)
            continue
        value = to_percent(sum(keyed) / len(keyed), instrument.points)
        shown = round_score(value)
        sem = _sem(instrument, scale_id, language, len(items), len(keyed))
        band = None
        if sem is not None:
            band = (max(0, round_score(shown - BAND_Z * sem)), min(100, round_score(shown + BAND_Z * sem)))
        measured[scale_id] = ScaleScore(
            scale_id,
            value,
            len(keyed),
            len(items),
            shown,
            level_of(shown),
            sem,
            band,
            _near(shown, band) if band else None,
        )
    return measured


def scale_scores(instrument: Instrument, answers: Mapping[str, int]) -> dict[str, float]:
    """The unrounded score of every shown scale (for version 1: every scale, exactly as it always was)."""
    return {s: m.value for s, m in measure(instrument, answers).items() if m.value is not None}


def levels_of(measured: Mapping[str, ScaleScore]) -> dict[str, str | None]:
    return {scale_id: m.level for scale_id, m in measured.items()}


# --- version 1: the nearest prototype -----------------------------------------------------------------


def nearest_pattern(instrument: Instrument, scores: Mapping[str, float]) -> tuple[str, dict[str, float]]:
    """Euclidean distance over the prototype's scales present in `scores` (version 1: all of them)."""
    distances = {
        pattern.id: math.sqrt(sum((scores[s] - value) ** 2 for s, value in pattern.prototype.items() if s in scores))
        for pattern in instrument.patterns.values()
    }
    best = min(distances.values())
    # Dicts keep the file's order, so the first pattern within the tolerance is the first listed.
    chosen = next(p for p, d in distances.items() if d <= best + TIE_TOLERANCE)
    return chosen, distances


# --- version 2: the reading ------------------------------------------------------------------------


@dataclass(frozen=True)
class AnswerStyle:
    answered: int
    same_share: float  # share of scored answers at the most used position
    raw_mean: float  # mean position before reverse keying: about 3 when keying is balanced
    flag: str | None  # same-answer, agree-all, disagree-all or None


@dataclass(frozen=True)
class Reading:
    kind: str  # clear, blend or none
    patterns: tuple[str, ...]  # one for clear, two (nearer first) for a blend, none for none
    reason: str  # clear: near; blend: between; none: same-answer, agree-all, disagree-all, flat, far
    distances: dict[str, float]  # per pattern: root mean square distance over the pattern scales
    fitting: tuple[str, ...]  # patterns whose `requires` the reader meets, nearest first
    margin: float  # how far ahead the nearest fitting pattern is, in standard errors (inf: no rival)
    style: AnswerStyle | None
    spread: float  # highest minus lowest shown score


def answer_style(instrument: Instrument, answers: Mapping[str, int]) -> AnswerStyle:
    raw = [answers[item.id] for item in instrument.items if is_scored(instrument, answers[item.id])]
    if not raw:
        return AnswerStyle(0, 0.0, 0.0, None)
    same_share = max(Counter(raw).values()) / len(raw)
    raw_mean = sum(raw) / len(raw)
    flag = None
    rules = instrument.scoring
    if rules is not None:
        if same_share >= rules.same_answer_share:
            flag = "same-answer"
        elif raw_mean >= rules.agree_mean:
            flag = "agree-all"
        elif raw_mean <= rules.disagree_mean:
            flag = "disagree-all"
    return AnswerStyle(len(raw), same_share, raw_mean, flag)


def _pattern_values(measured: Mapping[str, ScaleScore], pattern: Pattern) -> list[tuple[str, float, float]]:
    return [
        (s, m.value, pattern.prototype[s])
        for s, m in measured.items()
        if m.value is not None and s in pattern.prototype
    ]


def rms_distance(pattern: Pattern, measured: Mapping[str, ScaleScore]) -> float:
    """Root mean square distance to the prototype, in points per scale, over the scales both have."""
    values = _pattern_values(measured, pattern)
    return math.sqrt(sum((v - p) ** 2 for _, v, p in values) / len(values)) if values else math.inf


def separation(nearer: Pattern, other: Pattern, measured: Mapping[str, ScaleScore]) -> float:
    """How far the scores are from the boundary between two patterns, in standard errors.

    The boundary is the set of points as near to one prototype as to the other. The distance to
    it is measured along the line between the two prototypes, and divided by the standard error
    of the scores along that line (from each scale's SEM), so 1.0 means a retake would cross it
    only about one time in six.
    """
    values = {s: v for s, v, _ in _pattern_values(measured, nearer)}
    sems = {s: measured[s].sem or 0.0 for s in values}
    direction = {s: other.prototype[s] - nearer.prototype[s] for s in values}
    length = math.sqrt(sum(d * d for d in direction.values()))
    if length == 0:
        return 0.0

    def squared(pattern: Pattern) -> float:
        return sum((values[s] - pattern.prototype[s]) ** 2 for s in values)

    ahead = (squared(other) - squared(nearer)) / (2 * length)
    spread = math.sqrt(sum((direction[s] / length) ** 2 * sems[s] ** 2 for s in values))
    return ahead / spread if spread else math.inf


def read(instrument: Instrument, answers: Mapping[str, int], measured: Mapping[str, ScaleScore]) -> Reading:
    """A clear pattern, a blend of two, or no single pattern: the rules, in the order they apply.

    1. Answer style: the same position for nearly every question, or agreeing (or disagreeing)
       with statements and their opposites alike, gives no single pattern.
    2. Flat: when every shown score lies within `flat_range` points, no pattern describes it.
    3. Only patterns whose `requires` the reader's levels meet can be given, so no pattern's
       name, summary or strengths ever claims the opposite of one of the reader's own levels.
    4. Clear: the nearest such pattern, within `clear_distance` (root mean square points per
       scale), and at least `clear_margin` standard errors nearer than every other such pattern
       (see `separation`).
    5. Blend: otherwise, the two nearest such patterns, when both are within `blend_distance`.
    6. Anything else is too far from every pattern: no single pattern.
    """
    shown = [m.value for m in measured.values() if m.value is not None]
    spread = max(shown) - min(shown) if shown else 0.0
    distances = {p.id: rms_distance(p, measured) for p in instrument.patterns.values()}
    rules = instrument.scoring
    if rules is None:
        nearest, _ = nearest_pattern(instrument, {s: v for s, m in measured.items() if (v := m.value) is not None})
        return Reading(CLEAR, (nearest,), "nearest", distances, tuple(instrument.patterns), math.inf, None, spread)
    style = answer_style(instrument, answers)
    levels = levels_of(measured)
    order = list(instrument.patterns)
    fitting = tuple(
        sorted(
            (p.id for p in instrument.patterns.values() if p.fits(levels)),
            key=lambda p: (round(distances[p], 9), order.index(p)),
        )
    )
    margin = math.inf
    if len(fitting) > 1:
        first_pattern = instrument.patterns[fitting[0]]
        margin = min(separation(first_pattern, instrument.patterns[p], measured) for p in fitting[1:])

    def result(kind: str, patterns: tuple[str, ...], reason: str) -> Reading:
        return Reading(kind, patterns, reason, distances, fitting, margin, style, spread)

    if style.flag is not None:
        return result(NONE, (), style.flag)
    if spread <= rules.flat_range:
        return result(NONE, (), "flat")
    if not fitting or distances[fitting[0]] > rules.blend_distance:
        return result(NONE, (), "far")
    first = distances[fitting[0]]
    if first <= rules.clear_distance and margin >= rules.clear_margin:
        return result(CLEAR, fitting[:1], "near")
    if len(fitting) > 1 and distances[fitting[1]] <= rules.blend_distance:
        return result(BLEND, fitting[:2], "between")
    if first <= rules.clear_distance:
        return result(CLEAR, fitting[:1], "near")
    return result(NONE, (), "far")


# --- the whole result ------------------------------------------------------------------------------


@dataclass(frozen=True)
class Scored:
    scale_scores: dict[str, float]  # shown scales only, unrounded
    pattern: str  # the nearest prototype (version 1's rule; see `reading` for what is shown)
    distances: dict[str, float]  # Euclidean, as version 1 always computed them
    measured: dict[str, ScaleScore]
    reading: Reading


def score(instrument: Instrument, answers: Mapping[str, object], language: str = "en") -> Scored:
    clean = validate_answers(instrument, answers)
    measured = measure(instrument, clean, language)
    scores = {s: m.value for s, m in measured.items() if m.value is not None}
    pattern, distances = nearest_pattern(instrument, scores)
    return Scored(scores, pattern, distances, measured, read(instrument, clean, measured))


def validate_safety(instrument: Instrument, answers: Mapping[str, object]) -> dict[str, int]:
    expected = {item.id for item in instrument.safety_items}
    unknown = sorted(set(answers) - expected)
    if unknown:
        raise AnswerError(f"unknown safety item(s): {', '.join(unknown)}")
    missing = sorted(expected - set(answers))
    if missing:
        raise AnswerError(f"safety item(s) not answered: {', '.join(missing)}")
    clean: dict[str, int] = {}
    for item in instrument.safety_items:
        value = answers[item.id]
        if not _is_code(instrument, item, value):
            raise AnswerError(
                f"safety answer to {item.id} must be {instrument.safety_skip_code} (skipped) to {instrument.points}"
            )
        clean[item.id] = int(value)  # type: ignore[call-overload]
    return clean


def safety_signal(instrument: Instrument, answers: Mapping[str, int]) -> bool:
    """True when any answered safety item is at or above its signal position."""
    skip = instrument.safety_skip_code
    return any(
        answers.get(item.id, skip) != skip and answers[item.id] >= item.signal_at for item in instrument.safety_items
    )


# --- change between two results --------------------------------------------------------------------


@dataclass(frozen=True)
class ScaleChange:
    id: str
    before: int
    after: int
    threshold: float  # the smallest difference measurement error alone rarely produces
    reliable: bool

    @property
    def delta(self) -> int:
        return self.after - self.before


def reliable_change(before: ScaleScore, after: ScaleScore) -> ScaleChange | None:
    """Jacobson and Truax's reliable change index on the shown scores: |difference| > 1.96 x
    sqrt(SEM before² + SEM after²). None when either score is not shown or has no SEM."""
    if before.shown is None or after.shown is None or before.sem is None or after.sem is None:
        return None
    threshold = RCI_Z * math.sqrt(before.sem**2 + after.sem**2)
    delta = after.shown - before.shown
    return ScaleChange(after.id, before.shown, after.shown, threshold, abs(delta) > threshold)


# --- helpers for checks, tests and seeding ---------------------------------------------------------


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
        wanted_mean = 1 + targets.get(scale_id, 50) / 100 * (instrument.points - 1)
        total = max(count, min(count * instrument.points, round(wanted_mean * count)))
        base, extra = divmod(total, count)
        for index, item in enumerate(items):
            keyed = base + (1 if index < extra else 0)
            answers[item.id] = keyed_value(item.reverse, keyed, instrument.points)
    return answers


def unreachable_patterns(instrument: Instrument) -> list[str]:
    """Patterns that are not the result even at the achievable point nearest their own prototype."""
    lost = []
    for pattern in instrument.patterns.values():
        answers = answers_for_scores(instrument, pattern.prototype)
        measured = measure(instrument, answers)
        if instrument.scoring is None:
            chosen, _ = nearest_pattern(instrument, scale_scores(instrument, answers))
            if chosen != pattern.id:
                lost.append(pattern.id)
        elif read(instrument, answers, measured).patterns != (pattern.id,):
            lost.append(pattern.id)
    return lost
