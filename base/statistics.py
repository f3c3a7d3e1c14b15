"""How the test behaves on real answers. Plain Python, no Django.

Classical test theory, as in any psychometrics textbook (e.g. Nunnally & Bernstein, 1994,
Psychometric Theory): Cronbach's alpha per scale, corrected item-total correlations, and each
item's mean, spread and share of each answer. Inputs are keyed answers (reverse-keyed items
already turned around), one row per respondent.

McDonald's omega (total) comes from a one-factor model fitted by iterated principal axis
factoring on the item covariances (McDonald, 1999, Test Theory: A Unified Treatment):
omega = (sum of loadings)² / ((sum of loadings)² + sum of unique variances). Unlike alpha it does
not assume every item measures the scale equally well.
"""

from __future__ import annotations

import math
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass

LOW_ALPHA = 0.7
LOW_ITEM_TOTAL = 0.3


def mean(values: Sequence[float]) -> float:
    return sum(values) / len(values) if values else float("nan")


def variance(values: Sequence[float]) -> float:
    """Sample variance (n - 1), as textbooks use for alpha."""
    if len(values) < 2:
        return float("nan")
    centre = mean(values)
    return sum((v - centre) ** 2 for v in values) / (len(values) - 1)


def correlation(xs: Sequence[float], ys: Sequence[float]) -> float:
    if len(xs) < 2:
        return float("nan")
    mx, my = mean(xs), mean(ys)
    sxy = sum((x - mx) * (y - my) for x, y in zip(xs, ys, strict=True))
    sxx = sum((x - mx) ** 2 for x in xs)
    syy = sum((y - my) ** 2 for y in ys)
    if sxx == 0 or syy == 0:
        return float("nan")
    return sxy / math.sqrt(sxx * syy)


def cronbach_alpha(rows: Sequence[Sequence[float]]) -> float:
    """alpha = k / (k - 1) * (1 - sum of item variances / variance of the total)."""
    if len(rows) < 2 or len(rows[0]) < 2:
        return float("nan")
    k = len(rows[0])
    columns = list(zip(*rows, strict=True))
    total_variance = variance([sum(row) for row in rows])
    if total_variance == 0:
        return float("nan")
    return k / (k - 1) * (1 - sum(variance(c) for c in columns) / total_variance)


def corrected_item_total(rows: Sequence[Sequence[float]]) -> list[float]:
    """Each item's correlation with the sum of the scale's other items."""
    columns = list(zip(*rows, strict=True))
    totals = [sum(row) for row in rows]
    return [correlation(column, [t - v for t, v in zip(totals, column, strict=True)]) for column in columns]


def covariance_matrix(rows: Sequence[Sequence[float]]) -> list[list[float]]:
    columns = list(zip(*rows, strict=True))
    means = [mean(c) for c in columns]
    n = len(rows)
    return [
        [sum((a - means[i]) * (b - means[j]) for a, b in zip(columns[i], columns[j], strict=True)) / (n - 1)
         for j in range(len(columns))]
        for i in range(len(columns))
    ]  # fmt: skip


def _first_eigen(matrix: list[list[float]], steps: int = 500) -> tuple[float, list[float]]:
    """Largest eigenvalue and its unit eigenvector of a symmetric matrix, by power iteration."""
    size = len(matrix)
    vector = [1.0 / math.sqrt(size)] * size
    value = 0.0
    for _ in range(steps):
        product = [sum(matrix[i][j] * vector[j] for j in range(size)) for i in range(size)]
        norm = math.sqrt(sum(x * x for x in product))
        if norm == 0:
            return 0.0, vector
        new = [x / norm for x in product]
        value = sum(new[i] * sum(matrix[i][j] * new[j] for j in range(size)) for i in range(size))
        if max(abs(a - b) for a, b in zip(new, vector, strict=True)) < 1e-10:
            vector = new
            break
        vector = new
    return value, vector


def one_factor_loadings(rows: Sequence[Sequence[float]], steps: int = 200) -> tuple[list[float], list[float]]:
    """Loadings and unique variances of a one-factor model (iterated principal axis factoring)."""
    cov = covariance_matrix(rows)
    size = len(cov)
    # Start from each item's largest covariance with another item, a common first guess.
    communal = [max(abs(cov[i][j]) for j in range(size) if j != i) for i in range(size)]
    loadings = [0.0] * size
    for _ in range(steps):
        reduced = [[communal[i] if i == j else cov[i][j] for j in range(size)] for i in range(size)]
        value, vector = _first_eigen(reduced)
        loadings = [x * math.sqrt(max(value, 0.0)) for x in vector]
        # Heywood cases: a unique variance never drops below 0.5% of the item's variance.
        new = [min(loadings[i] ** 2, cov[i][i] * 0.995) for i in range(size)]
        if max(abs(a - b) for a, b in zip(new, communal, strict=True)) < 1e-8:
            communal = new
            break
        communal = new
    if sum(loadings) < 0:
        loadings = [-x for x in loadings]
    return loadings, [cov[i][i] - communal[i] for i in range(size)]


def mcdonald_omega(rows: Sequence[Sequence[float]]) -> float:
    if len(rows) < 3 or len(rows[0]) < 2:
        return float("nan")
    if any(variance(column) == 0 for column in zip(*rows, strict=True)):
        return float("nan")
    loadings, unique = one_factor_loadings(rows)
    common = sum(loadings) ** 2
    return common / (common + sum(unique)) if common + sum(unique) > 0 else float("nan")


@dataclass(frozen=True)
class ItemFigures:
    id: str
    mean: float
    sd: float
    shares: list[float]  # share of answers at each position 1..points
    item_total: float

    @property
    def low(self) -> bool:
        return not math.isnan(self.item_total) and self.item_total < LOW_ITEM_TOTAL


@dataclass(frozen=True)
class ScaleFigures:
    id: str
    alpha: float
    respondents: int
    items: list[ItemFigures]
    omega: float = float("nan")

    @property
    def low(self) -> bool:
        return not math.isnan(self.alpha) and self.alpha < LOW_ALPHA


def scale_figures(
    scale_id: str, item_ids: list[str], raw: list[list[int]], keyed: list[list[int]], points: int
) -> ScaleFigures:
    """raw and keyed: one row per respondent, one column per item of the scale."""
    item_totals = corrected_item_total(keyed) if keyed else [float("nan")] * len(item_ids)
    items = []
    for index, item_id in enumerate(item_ids):
        column = [row[index] for row in raw]
        counts = Counter(column)
        shares = [counts.get(p, 0) / len(column) if column else 0.0 for p in range(1, points + 1)]
        sd = math.sqrt(variance(column)) if len(column) > 1 else float("nan")
        items.append(ItemFigures(item_id, mean(column), sd, shares, item_totals[index]))
    return ScaleFigures(scale_id, cronbach_alpha(keyed), len(raw), items, mcdonald_omega(keyed))
