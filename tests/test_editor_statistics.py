"""The statistics module against values worked out by hand, and its properties."""

from __future__ import annotations

import math

import pytest
from hypothesis import given
from hypothesis import strategies as st

from base import statistics as stats

# Worked by hand (as in a textbook exercise): 3 items, 4 respondents.
#   rows: (1,2,2) (2,3,3) (3,3,4) (4,5,5)
#   item variances (n-1): 1.6667, 1.5833, 1.6667 -> sum 4.9167
#   totals 5, 8, 10, 14 -> mean 9.25, variance ((-4.25)^2+(-1.25)^2+0.75^2+4.75^2)/3 = 14.25
#   alpha = 3/2 * (1 - 4.9167/14.25) = 0.9825
WORKED = [[1, 2, 2], [2, 3, 3], [3, 3, 4], [4, 5, 5]]


def test_alpha_matches_the_worked_example() -> None:
    assert stats.cronbach_alpha(WORKED) == pytest.approx(1.5 * (1 - (5 / 3 + 19 / 12 + 5 / 3) / 14.25))
    assert stats.cronbach_alpha(WORKED) == pytest.approx(0.9825, abs=1e-4)


def test_identical_items_have_alpha_one() -> None:
    rows = [[v, v, v] for v in (1, 2, 3, 4, 5)]
    assert stats.cronbach_alpha(rows) == pytest.approx(1.0)


def test_corrected_item_total_excludes_the_item_itself() -> None:
    # Item 1 against items 2+3: (4,6,7,10) -> correlation with (1,2,3,4)
    expected = stats.correlation([1, 2, 3, 4], [4, 6, 7, 10])
    assert stats.corrected_item_total(WORKED)[0] == pytest.approx(expected)


def test_constant_answers_give_no_number_rather_than_a_wrong_one() -> None:
    assert math.isnan(stats.cronbach_alpha([[3, 3], [3, 3], [3, 3]]))


@given(st.lists(st.lists(st.integers(1, 5), min_size=4, max_size=4), min_size=3, max_size=40))
def test_alpha_is_at_most_one(rows: list[list[int]]) -> None:
    alpha = stats.cronbach_alpha(rows)
    assert math.isnan(alpha) or alpha <= 1 + 1e-9


def test_scale_figures_flag_low_values() -> None:
    raw = [[1, 5, 2], [5, 1, 4], [2, 4, 1], [4, 2, 5], [3, 3, 3]]
    figures = stats.scale_figures("x", ["a", "b", "c"], raw, raw, 5)
    assert figures.low
    assert figures.items[0].shares == [0.2, 0.2, 0.2, 0.2, 0.2]


def test_omega_equals_alpha_when_every_item_measures_equally_well() -> None:
    import random

    rng = random.Random(2)
    rows = []
    for _ in range(2000):
        trait = rng.gauss(0, 1)
        rows.append([trait + rng.gauss(0, 1) for _ in range(6)])
    assert stats.mcdonald_omega(rows) == pytest.approx(stats.cronbach_alpha(rows), abs=0.01)


def test_omega_is_at_least_alpha_when_items_measure_unequally() -> None:
    import random

    rng = random.Random(3)
    loadings = [0.9, 0.8, 0.7, 0.5, 0.4, 0.3]
    rows = []
    for _ in range(3000):
        trait = rng.gauss(0, 1)
        rows.append([w * trait + rng.gauss(0, 1) for w in loadings])
    expected = sum(loadings) ** 2 / (sum(loadings) ** 2 + len(loadings))
    assert stats.mcdonald_omega(rows) == pytest.approx(expected, abs=0.03)
    assert stats.mcdonald_omega(rows) >= stats.cronbach_alpha(rows) - 0.005


def test_omega_has_no_number_for_constant_answers() -> None:
    assert math.isnan(stats.mcdonald_omega([[3, 3, 3]] * 5))
