"""Figures for editors, from stored answers. Never a token, never a time finer than the day."""

from __future__ import annotations

import csv
import io
from collections import Counter
from dataclasses import dataclass, field

from assessment import scoring
from assessment.instrument import Instrument
from assessment.models import Draft, Result
from base import statistics


@dataclass(frozen=True)
class InstrumentFigures:
    started: int
    finished: int
    stops: list[tuple[str, int]]  # first unanswered item of unfinished tests
    scales: list[statistics.ScaleFigures]
    patterns: list[tuple[str, int]]  # clear patterns (version 1: the nearest pattern)
    safety_signals: int
    readings: list[tuple[str, int]] = field(default_factory=list)  # clear, blend, none
    blends: list[tuple[str, int]] = field(default_factory=list)  # "a + b" -> count
    no_pattern_reasons: list[tuple[str, int]] = field(default_factory=list)
    not_applicable: dict[str, float] = field(default_factory=dict)  # item -> share answering "does not apply"

    @property
    def completion_rate(self) -> float:
        return self.finished / self.started if self.started else 0.0

    @property
    def safety_rate(self) -> float:
        return self.safety_signals / self.finished if self.finished else 0.0


def _results(instrument: Instrument, language: str | None, synthetic: bool):  # type: ignore[no-untyped-def]
    rows = Result.objects.filter(instrument=instrument.id, version=instrument.version, is_synthetic=synthetic)
    return rows.filter(language=language) if language else rows


def instrument_figures(
    instrument: Instrument, language: str | None = None, synthetic: bool = False
) -> InstrumentFigures:
    results = list(_results(instrument, language, synthetic).values_list("answers", "safety_answers", "language"))
    drafts = Draft.objects.filter(instrument=instrument.id, version=instrument.version)
    if language:
        drafts = drafts.filter(language=language)
    order = [item.id for item in instrument.items]
    stops: Counter[str] = Counter()
    unfinished = 0
    if not synthetic:
        for answers in drafts.values_list("answers", flat=True):
            unfinished += 1
            stops[next((i for i in order if i not in answers), "safety check")] += 1
    complete = [(a, s, lang) for a, s, lang in results if set(a) == set(order)]
    scales = []
    for scale_id in instrument.scales:
        items = instrument.items_of(scale_id)
        # A row counts for a scale only when every item of the scale was answered on the scale.
        usable = [a for a, _, _ in complete if all(scoring.is_scored(instrument, a[i.id]) for i in items)]
        raw = [[answers[i.id] for i in items] for answers in usable]
        keyed = [[scoring.keyed_value(i.reverse, a[i.id], instrument.points) for i in items] for a in usable]
        scales.append(statistics.scale_figures(scale_id, [i.id for i in items], raw, keyed, instrument.points))
    readings: Counter[str] = Counter()
    clear: Counter[str] = Counter()
    blends: Counter[str] = Counter()
    reasons: Counter[str] = Counter()
    for answers, _, lang in complete:
        reading = scoring.score(instrument, answers, lang).reading
        readings[reading.kind] += 1
        if reading.kind == scoring.CLEAR:
            clear[reading.patterns[0]] += 1
        elif reading.kind == scoring.BLEND:
            blends[" + ".join(sorted(reading.patterns))] += 1
        else:
            reasons[reading.reason] += 1
    not_applicable = {}
    if instrument.does_not_apply is not None and complete:
        code = instrument.does_not_apply.code
        for item in instrument.items:
            if item.may_not_apply:
                not_applicable[item.id] = sum(1 for a, _, _ in complete if a[item.id] == code) / len(complete)
    signals = sum(1 for _, safety, _ in complete if scoring.safety_signal(instrument, safety))
    return InstrumentFigures(
        started=len(results) + unfinished,
        finished=len(results),
        stops=sorted(stops.items(), key=lambda pair: order.index(pair[0]) if pair[0] in order else len(order)),
        scales=scales,
        patterns=[(pattern_id, clear.get(pattern_id, 0)) for pattern_id in instrument.patterns],
        safety_signals=signals,
        readings=[(kind, readings.get(kind, 0)) for kind in (scoring.CLEAR, scoring.BLEND, scoring.NONE)],
        blends=blends.most_common(),
        no_pattern_reasons=reasons.most_common(),
        not_applicable=not_applicable,
    )


def answers_csv(
    instrument: Instrument, synthetic: bool = False, with_safety: bool = False, language: str | None = None
) -> str:
    """Raw answers, one row per result, numbered in no meaningful order; the day only.

    The same filters as the statistics page: synthetic or real answers, and one language or both.
    A "does not apply" answer is written as its code, as the instrument file declares it.
    """
    rows = (
        _results(instrument, language, synthetic)
        .order_by("?")
        .values_list("language", "created", "answers", "safety_answers")
    )
    items = [item.id for item in instrument.items]
    safety = [item.id for item in instrument.safety_items] if with_safety else []
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    writer.writerow(["row", "instrument", "version", "language", "day", *items, *safety])
    for number, (row_language, day, answers, safety_answers) in enumerate(rows, start=1):
        writer.writerow(
            [number, instrument.id, instrument.version, row_language, day.isoformat(),
             *(answers.get(i, "") for i in items), *(safety_answers.get(i, "") for i in safety)]
        )  # fmt: skip
    return buffer.getvalue()
