"""Figures for editors, from stored answers. Never a token, never a time finer than the day."""

from __future__ import annotations

import csv
import io
from collections import Counter
from dataclasses import dataclass

from assessment import scoring
from assessment.instrument import Instrument
from assessment.models import Draft, Result

from . import statistics


@dataclass(frozen=True)
class InstrumentFigures:
    started: int
    finished: int
    stops: list[tuple[str, int]]  # first unanswered item of unfinished tests
    scales: list[statistics.ScaleFigures]
    patterns: list[tuple[str, int]]
    safety_signals: int

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
    results = list(_results(instrument, language, synthetic).values_list("answers", "safety_answers"))
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
    complete = [(a, s) for a, s in results if set(a) == set(order)]
    scales = []
    for scale_id in instrument.scales:
        items = instrument.items_of(scale_id)
        raw = [[answers[i.id] for i in items] for answers, _ in complete]
        keyed = [
            [scoring.keyed_value(i.reverse, answers[i.id], instrument.points) for i in items] for answers, _ in complete
        ]
        scales.append(statistics.scale_figures(scale_id, [i.id for i in items], raw, keyed, instrument.points))
    patterns = Counter(scoring.score(instrument, answers).pattern for answers, _ in complete)
    signals = sum(1 for _, safety in complete if scoring.safety_signal(instrument, safety))
    return InstrumentFigures(
        started=len(results) + unfinished,
        finished=len(results),
        stops=sorted(stops.items(), key=lambda pair: order.index(pair[0]) if pair[0] in order else len(order)),
        scales=scales,
        patterns=[(pattern_id, patterns.get(pattern_id, 0)) for pattern_id in instrument.patterns],
        safety_signals=signals,
    )


def answers_csv(instrument: Instrument, synthetic: bool = False, with_safety: bool = False) -> str:
    """Raw answers, one row per result, numbered in no meaningful order; the day only."""
    rows = (
        _results(instrument, None, synthetic)
        .order_by("?")
        .values_list("language", "created", "answers", "safety_answers")
    )
    items = [item.id for item in instrument.items]
    safety = [item.id for item in instrument.safety_items] if with_safety else []
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    writer.writerow(["row", "instrument", "version", "language", "day", *items, *safety])
    for number, (language, day, answers, safety_answers) in enumerate(rows, start=1):
        writer.writerow(
            [number, instrument.id, instrument.version, language, day.isoformat(),
             *(answers.get(i, "") for i in items), *(safety_answers.get(i, "") for i in safety)]
        )  # fmt: skip
    return buffer.getvalue()
