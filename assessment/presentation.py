"""A result, re-scored and worded in the viewer's language. Plain Python, no Django.

Results store raw answers only, so a wording fix in the instrument file reaches every old result
the next time it is shown.
"""

from __future__ import annotations

from dataclasses import dataclass

from . import scoring
from .instrument import Instrument, Pattern

HIGH, LOW = 67, 33


def _pick(texts: dict[str, str], language: str) -> str:
    return texts.get(language) or texts.get("en", "")


@dataclass(frozen=True)
class ScaleView:
    id: str
    name: str
    measures: str
    score: int
    band: str
    meaning: str


@dataclass(frozen=True)
class PatternView:
    id: str
    name: str
    summary: str
    strengths: list[str]
    in_conflict: str
    in_intimacy: str
    growth: str
    plan: list[str]
    phrase_situations: list[str]
    articles: list[str]


@dataclass(frozen=True)
class ResultView:
    pattern: PatternView
    scales: list[ScaleView]
    safety_signal: bool
    scores: dict[str, float]


@dataclass(frozen=True)
class Change:
    name: str
    before: int
    after: int

    @property
    def delta(self) -> int:
        return self.after - self.before


def band(score: float) -> str:
    return "high" if score >= HIGH else "low" if score <= LOW else "middle"


def pattern_view(pattern: Pattern, language: str) -> PatternView:
    return PatternView(
        id=pattern.id,
        name=_pick(pattern.name, language),
        summary=_pick(pattern.summary, language),
        strengths=pattern.strengths.get(language) or pattern.strengths["en"],
        in_conflict=_pick(pattern.in_conflict, language),
        in_intimacy=_pick(pattern.in_intimacy, language),
        growth=_pick(pattern.growth, language),
        plan=pattern.plan.get(language) or pattern.plan["en"],
        phrase_situations=pattern.phrase_situations,
        articles=pattern.articles,
    )


def result_view(instrument: Instrument, answers: dict[str, int], safety: dict[str, int], language: str) -> ResultView:
    scored = scoring.score(instrument, answers)
    scales = []
    for scale in instrument.scales.values():
        value = scored.scale_scores[scale.id]
        level = band(value)
        meaning = {"high": scale.high, "middle": scale.middle, "low": scale.low}[level]
        scales.append(
            ScaleView(
                scale.id,
                _pick(scale.name, language),
                _pick(scale.measures, language),
                round(value),
                level,
                _pick(meaning, language),
            )
        )
    return ResultView(
        pattern=pattern_view(instrument.patterns[scored.pattern], language),
        scales=scales,
        safety_signal=scoring.safety_signal(instrument, safety),
        scores=scored.scale_scores,
    )


def compare(current: Instrument, now: dict[str, float], earlier: dict[str, float], language: str) -> list[Change]:
    """Scale by scale, what moved since an earlier result (scales both versions share)."""
    return [
        Change(_pick(scale.name, language), round(earlier[scale.id]), round(now[scale.id]))
        for scale in current.scales.values()
        if scale.id in earlier and scale.id in now
    ]
