"""Synthetic readers, for editors trying the statistics out and for the stability benchmark.
Plain Python, no Django.

Every figure computed from these readers is a product of the settings below, not a property of
the test: change a setting and the figures change. The settings are chosen to be less
flattering than the first generator (one independent trait per scale, every item equally good,
alpha about .88), not to be right.

- Traits: one per scale, drawn together from a normal distribution with the means and the
  correlations below (plausible directions from the research on demand-withdraw patterns,
  rejection sensitivity and repair; the sizes are guesses, not estimates from our data).
- Items: a keyed answer is 3 + loading x trait + noise. Reverse-keyed items load less than
  plainly worded ones, as they usually do in practice.
- Acquiescence: each reader has a personal tilt towards agreeing (or disagreeing) with every
  statement, whatever its keying, added to the position they choose before it is rounded.
- "Does not apply": a share of readers (not in a sexual relationship now, say) choose it for
  every item that offers it.
- Straight-lining: a small share of readers give the same answer to every question.
Two takes by the same reader share the traits, the tilt and those choices; only the noise
is drawn again.

With these settings version 2's scales have an alpha of about .73 (version 1's about .75: it has
fewer reverse-keyed items, which load less), close to the provisional .75 that version 2 declares
for its error bands. bench/stability_bench.py judges issue 15's targets at these settings (5,000
readers, seed 2026) and shows other reliabilities only as labelled what-ifs; see "How steady a
result is" in content/instruments/README.md.
"""

from __future__ import annotations

import math
import random
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

SCALES: tuple[str, ...] = ("expressing", "listening", "pursuing", "withdrawing", "repair", "intimacy", "rejection")
TRAIT_MEANS: dict[str, float] = {
    "expressing": 0.2,
    "listening": 0.3,
    "pursuing": -0.1,
    "withdrawing": -0.1,
    "repair": 0.3,
    "intimacy": 0.4,
    "rejection": -0.1,
}
TRAIT_CORRELATIONS: dict[tuple[str, str], float] = {
    ("expressing", "listening"): 0.30,
    ("expressing", "pursuing"): 0.15,
    ("expressing", "withdrawing"): -0.40,
    ("expressing", "repair"): 0.35,
    ("expressing", "intimacy"): 0.45,
    ("expressing", "rejection"): -0.20,
    ("listening", "pursuing"): -0.20,
    ("listening", "withdrawing"): -0.15,
    ("listening", "repair"): 0.40,
    ("listening", "intimacy"): 0.25,
    ("listening", "rejection"): -0.10,
    ("pursuing", "withdrawing"): 0.15,
    ("pursuing", "repair"): -0.05,
    ("pursuing", "intimacy"): 0.0,
    ("pursuing", "rejection"): 0.45,
    ("withdrawing", "repair"): -0.35,
    ("withdrawing", "intimacy"): -0.25,
    ("withdrawing", "rejection"): 0.20,
    ("repair", "intimacy"): 0.30,
    ("repair", "rejection"): -0.15,
    ("intimacy", "rejection"): -0.30,
}
PLUS_LOADING = 0.85
MINUS_LOADING = 0.70
NOISE = 0.95
ACQUIESCENCE_SD = 0.30
NOT_APPLICABLE_SHARE = 0.10
STRAIGHT_LINE_SHARE = 0.02
SAFETY_SIGNAL_SHARE = 0.04
# The first generator (issue 15 measured the published test with it): alpha about .88.
FIRST_GENERATOR: dict[str, float | bool] = {
    "correlated": False, "plus_loading": 1.1, "minus_loading": 1.1, "noise": 0.9, "acquiescence_sd": 0.0,
    "not_applicable_share": 0.0, "straight_line_share": 0.0,
}  # fmt: skip


@dataclass(frozen=True)
class Settings:
    """Everything that shapes the synthetic figures, so a page can say what they are a product of."""

    correlated: bool = True  # False: independent traits with mean 0, as the first generator drew them
    plus_loading: float = PLUS_LOADING
    minus_loading: float = MINUS_LOADING
    noise: float = NOISE
    acquiescence_sd: float = ACQUIESCENCE_SD
    not_applicable_share: float = NOT_APPLICABLE_SHARE
    straight_line_share: float = STRAIGHT_LINE_SHARE

    def describe(self) -> list[tuple[str, str]]:
        pairs = ", ".join(f"{a[:3]}–{b[:3]} {r:+.2f}" for (a, b), r in TRAIT_CORRELATIONS.items() if r)
        means = ", ".join(f"{scale[:3]} {mean:+.1f}" for scale, mean in TRAIT_MEANS.items())
        traits = f"normal, means {means}; correlations {pairs}" if self.correlated else "independent, mean 0"
        return [
            ("Traits", traits),
            ("Loadings", f"{self.plus_loading} (plainly worded items), {self.minus_loading} (reverse-keyed)"),
            ("Noise per answer", f"sd {self.noise}"),
            ("Acquiescence", f"a personal tilt towards agreeing, sd {self.acquiescence_sd} answer steps"),
            ("Does not apply", f"{self.not_applicable_share:.0%} of readers, on every item that offers it"),
            ("Straight-lining", f"{self.straight_line_share:.0%} of readers give one answer to every question"),
        ]


DEFAULT = Settings()


def cholesky(matrix: Sequence[Sequence[float]]) -> list[list[float]]:
    size = len(matrix)
    lower = [[0.0] * size for _ in range(size)]
    for i in range(size):
        for j in range(i + 1):
            total = sum(lower[i][k] * lower[j][k] for k in range(j))
            if i == j:
                remainder = matrix[i][i] - total
                if remainder <= 0:
                    raise ValueError("the trait correlations are not positive definite")
                lower[i][j] = math.sqrt(remainder)
            else:
                lower[i][j] = (matrix[i][j] - total) / lower[j][j]
    return lower


def correlation_matrix() -> list[list[float]]:
    index = {scale: n for n, scale in enumerate(SCALES)}
    matrix = [[1.0 if i == j else 0.0 for j in range(len(SCALES))] for i in range(len(SCALES))]
    for (a, b), r in TRAIT_CORRELATIONS.items():
        matrix[index[a]][index[b]] = matrix[index[b]][index[a]] = r
    return matrix


_LOWER = cholesky(correlation_matrix())


@dataclass(frozen=True)
class Reader:
    traits: dict[str, float]
    acquiescence: float
    not_applicable: bool
    straight_line: int | None  # the one position this reader gives everywhere, if any


def draw_reader(rng: random.Random, settings: Settings = DEFAULT) -> Reader:
    normals = [rng.gauss(0, 1) for _ in SCALES]
    if settings.correlated:
        traits = {
            scale: TRAIT_MEANS[scale] + sum(_LOWER[i][k] * normals[k] for k in range(i + 1))
            for i, scale in enumerate(SCALES)
        }
    else:
        traits = dict(zip(SCALES, normals, strict=True))
    acquiescence = rng.gauss(0, settings.acquiescence_sd)
    not_applicable = rng.random() < settings.not_applicable_share
    straight = rng.randint(1, 5) if rng.random() < settings.straight_line_share else None
    return Reader(traits, acquiescence, not_applicable, straight)


def take(instrument: Any, reader: Reader, rng: random.Random, settings: Settings = DEFAULT) -> dict[str, int]:
    """One take of the test: a position (or the does-not-apply code) for every item."""
    answers: dict[str, int] = {}
    points = instrument.points
    for item in instrument.items:
        if reader.not_applicable and getattr(item, "may_not_apply", False) and instrument.does_not_apply is not None:
            answers[item.id] = instrument.does_not_apply.code
            continue
        if reader.straight_line is not None:
            answers[item.id] = reader.straight_line
            continue
        trait = reader.traits.get(item.scale, 0.0)
        loading = settings.minus_loading if item.reverse else settings.plus_loading
        keyed = 3 + loading * trait + rng.gauss(0, settings.noise)
        raw = (points + 1 - keyed if item.reverse else keyed) + reader.acquiescence
        answers[item.id] = max(1, min(points, round(raw)))
    return answers


def safety_answers(instrument: Any, rng: random.Random) -> dict[str, int]:
    safety = {item.id: 1 for item in instrument.safety_items}
    if rng.random() < SAFETY_SIGNAL_SHARE:
        safety[rng.choice(instrument.safety_items).id] = 2
    return safety
