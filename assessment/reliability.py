"""The public reliability page: each scale's alpha and omega per language, from real answers only.

Nothing is published for a language until it has MIN_RESULTS real (not synthetic) results of the
version shown; until then the page says "not yet". Figures come from results whose every question
of the scale was answered on the scale ("does not apply" answers leave that scale out of the row).
"""

from __future__ import annotations

import math
from dataclasses import dataclass

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils.translation import get_language

from base import statistics
from base.languages import pick
from core.cache import cache_get, cache_set

from . import registry, scoring
from .instrument import Instrument
from .models import Result

MIN_RESULTS = 200
CACHE_SECONDS = 3600


@dataclass(frozen=True)
class ScaleReliability:
    id: str
    name: str
    respondents: int
    alpha: float | None
    omega: float | None
    declared_alpha: float | None  # what the error bands use now (provisional or measured)
    declared_sem: float | None


@dataclass(frozen=True)
class LanguageReliability:
    language: str
    results: int  # real results of this version in this language
    published: bool  # at least MIN_RESULTS
    scales: list[ScaleReliability]


def _figure(value: float) -> float | None:
    return None if math.isnan(value) else round(value, 2)


def language_reliability(instrument: Instrument, language: str, shown_in: str) -> LanguageReliability:
    rows = Result.objects.filter(
        instrument=instrument.id, version=instrument.version, language=language, is_synthetic=False
    )
    count = rows.count()
    key = f"reliability:{instrument.key}:{language}:{shown_in}:{count}"
    cached = cache_get(key)
    if isinstance(cached, LanguageReliability):
        return cached
    answers = list(rows.values_list("answers", flat=True)) if count >= MIN_RESULTS else []
    scales = []
    for scale in instrument.scales.values():
        items = instrument.items_of(scale.id)
        keyed = [
            [scoring.keyed_value(i.reverse, a[i.id], instrument.points) for i in items]
            for a in answers
            if all(isinstance(a.get(i.id), int) and scoring.is_scored(instrument, a[i.id]) for i in items)
        ]
        declared = None
        if instrument.reliability is not None:
            by_language = instrument.reliability.scales.get(scale.id, {})
            declared = pick(by_language, language, None)
        enough = len(keyed) >= 2
        scales.append(
            ScaleReliability(
                id=scale.id,
                name=scale.name.get(shown_in) or scale.name["en"],
                respondents=len(keyed),
                alpha=_figure(statistics.cronbach_alpha(keyed)) if enough else None,
                omega=_figure(statistics.mcdonald_omega(keyed)) if enough else None,
                declared_alpha=declared.alpha if declared else None,
                declared_sem=round(declared.sem, 1) if declared else None,
            )
        )
    figures = LanguageReliability(language, count, count >= MIN_RESULTS, scales)
    cache_set(key, figures, CACHE_SECONDS)
    return figures


def page(request: HttpRequest) -> HttpResponse:
    """How reliable the scales are, in both languages of the test, for the version readers take now."""
    instrument = registry.current_instrument()
    shown_in = get_language()
    languages = [lang for lang in ("en", "zh-hans") if instrument.is_complete_in(lang)]
    return render(
        request,
        "assessment/reliability.html",
        {
            "instrument": instrument,
            "min_results": MIN_RESULTS,
            "languages": [language_reliability(instrument, lang, shown_in) for lang in languages],
            "status": instrument.reliability.status if instrument.reliability else "",
            "basis": (instrument.reliability.basis.get(shown_in) or instrument.reliability.basis.get("en", ""))
            if instrument.reliability
            else "",
        },
    )
