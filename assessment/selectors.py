"""Reads for the test's pages: everything a report or an explanation page shows, in one language."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

from django.conf import settings
from django.urls import reverse

from base import languages
from base.languages import pick_text
from core.cache import cache_delete_many, cache_get, cache_set, content_version
from support.selectors import directory as support_directory

from . import pdf, presentation, registry, scoring
from .instrument import Instrument, ScoringRules
from .models import Result
from .report import build_report, pdf_document


def share_url(result: Result) -> str:
    """The language-neutral short address; it redirects each viewer to their own language."""
    return f"{settings.SITE_URL}{reverse('short-share', args=[result.share_id])}"


def has_safety_signal(result: Result) -> bool:
    instrument = registry.instrument_for(result.instrument, result.version)
    return scoring.safety_signal(instrument, result.safety_answers)


@dataclass(frozen=True)
class ScaleRule:
    id: str
    name: str
    measures: str
    items: int
    reverse: int  # how many of its questions are reverse-keyed
    may_not_apply: bool
    in_patterns: bool  # whether patterns are told apart on this scale


@dataclass(frozen=True)
class PatternRule:
    id: str
    name: str
    summary: str
    prototype: list[int | None]  # per scale, in the instrument's order; None: not a pattern scale
    requires: list[tuple[str, list[str]]]  # (scale name, the levels it allows)


@dataclass(frozen=True)
class ScaleReliability:
    name: str
    alpha: float
    sd: float
    sem: float


@dataclass(frozen=True)
class Stability:
    """What bench/stability_bench.py measured, as the instrument file publishes it."""

    readers: str
    alpha: str
    agreement: int  # per cent
    clear: int
    target: int
    met: bool
    target_alpha: str
    target_questions: int
    questions: int


@dataclass(frozen=True)
class ScoringPage:
    """The "How scoring works" page: the published rules, thresholds and reasons for one version."""

    instrument: Instrument
    scales: list[ScaleRule]
    patterns: list[PatternRule]
    stability: Stability | None
    item_count: int
    safety_count: int
    labels: list[str]
    does_not_apply: str
    time_frame: str
    rules: ScoringRules | None
    reliability: list[ScaleReliability]
    reliability_status: str
    reliability_basis: str
    band_z: float
    rci_z: float
    low_at_most: float
    high_at_least: float
    retake_days: int


def scoring_page(instrument: Instrument, language: str) -> ScoringPage:
    def pick(texts: Mapping[str, str]) -> str:
        return pick_text(texts, language)

    scales = [
        ScaleRule(
            id=scale.id,
            name=pick(scale.name),
            measures=pick(scale.measures),
            items=len(instrument.items_of(scale.id)),
            reverse=sum(1 for i in instrument.items_of(scale.id) if i.reverse),
            may_not_apply=any(i.may_not_apply for i in instrument.items_of(scale.id)),
            in_patterns=instrument.scoring is None or scale.id in instrument.scoring.pattern_scales,
        )
        for scale in instrument.scales.values()
    ]
    levels = {"low": "low", "middle": "middle", "high": "high"}
    patterns = [
        PatternRule(
            id=pattern.id,
            name=pick(pattern.name),
            summary=pick(pattern.summary),
            prototype=[round(pattern.prototype[s]) if s in pattern.prototype else None for s in instrument.scales],
            requires=[
                (pick(instrument.scales[s].name), [instrument.words(f"level_{lv}", language) or levels[lv] for lv in
                 ("low", "middle", "high") if lv in allowed])
                for s, allowed in pattern.requires.items()
            ],
        )
        for pattern in instrument.patterns.values()
    ]  # fmt: skip
    reliability = []
    if instrument.reliability is not None:
        for scale in instrument.scales.values():
            figures = instrument.reliability.scales.get(scale.id, {})
            declared = languages.pick(figures, language, None)
            if declared is not None:
                reliability.append(ScaleReliability(pick(scale.name), declared.alpha, declared.sd, declared.sem))
    stability = None
    simulation = instrument.simulation
    if simulation is not None and instrument.scoring is not None:
        stability = Stability(
            readers=f"{simulation.readers:,}" if language == "en" else str(simulation.readers),
            alpha=f"{simulation.alpha:.2f}",
            agreement=round(simulation.agreement * 100),
            clear=round(simulation.clear * 100),
            target=round(simulation.target * 100),
            met=simulation.agreement >= simulation.target,
            target_alpha=f"{simulation.target_alpha:.2f}",
            target_questions=simulation.target_questions,
            questions=max(len(instrument.items_of(s)) for s in instrument.scoring.pattern_scales),
        )
    return ScoringPage(
        instrument=instrument,
        scales=scales,
        patterns=patterns,
        stability=stability,
        item_count=len(instrument.items),
        safety_count=len(instrument.safety_items),
        labels=languages.pick(instrument.labels, language, []),
        does_not_apply=pick(instrument.does_not_apply.label) if instrument.does_not_apply else "",
        time_frame=pick(instrument.time_frame) if instrument.time_frame else "",
        rules=instrument.scoring,
        reliability=reliability,
        reliability_status=instrument.reliability.status if instrument.reliability else "",
        reliability_basis=pick(instrument.reliability.basis) if instrument.reliability else "",
        band_z=scoring.BAND_Z,
        rci_z=scoring.RCI_Z,
        low_at_most=scoring.LOW_AT_MOST,
        high_at_least=scoring.HIGH_AT_LEAST,
        retake_days=presentation.RETAKE_AFTER_DAYS,
    )


# --- the PDF, cached privately per result --------------------------------------------------------

PDF_CACHE_SECONDS = 24 * 3600
ANY_REGION = "-"


def _pdf_key(result: Result, language: str, region_id: str) -> str:
    # Keyed by the hash of the report token: only this result's reader reaches this entry.
    return f"report-pdf:{result.report_hash}:{language}:{region_id}"


def report_pdf_bytes(result: Result, language: str, region_id: str | None, accept_language: str = "") -> bytes:
    """The report as a PDF; rendered once per result, language and region while the content stays the same."""
    # Only a report that leads with support differs by region; every other one is the same file.
    # The key is worked out before the report, so a cached PDF costs no report to build.
    region = ANY_REGION
    if has_safety_signal(result):
        region = support_directory().region_for(language, region_id, accept_language).id
    key = _pdf_key(result, language, region)
    stamp = (content_version(), result.instrument, result.version)
    stored = cache_get(key)
    if isinstance(stored, tuple) and len(stored) == 2 and stored[0] == stamp:
        return bytes(stored[1])
    document = pdf.report_pdf(pdf_document(build_report(result, language, region_id, accept_language)))
    cache_set(key, (stamp, document), PDF_CACHE_SECONDS)
    return document


def forget_report_pdfs(result: Result) -> None:
    """Called when a result is deleted: no copy of its PDF may outlive it."""
    regions = [ANY_REGION, *support_directory().regions]
    cache_delete_many([_pdf_key(result, code, region) for code, _ in settings.LANGUAGES for region in regions])


# --- the profile chart ---------------------------------------------------------------------------


@dataclass(frozen=True)
class ChartRow:
    """One scale of the profile chart, with positions already worked out for the SVG (0 to 100)."""

    name: str
    score: int | None
    level_name: str
    band_low: int | None
    band_high: int | None
    band_width: int
    mark_x: float
    low_end: str
    high_end: str


def chart_rows(view: presentation.ResultView) -> list[ChartRow]:
    rows: list[ChartRow] = []
    for scale in view.scales:
        if scale.score is None:
            continue
        low = scale.band_low if scale.band_low is not None else None
        high = scale.band_high if scale.band_high is not None else None
        rows.append(
            ChartRow(
                name=scale.name,
                score=scale.score,
                level_name=scale.level_name,
                band_low=low,
                band_high=high,
                band_width=(high - low) if low is not None and high is not None else 0,
                mark_x=min(98.4, max(0.0, scale.score - 0.8)),
                low_end=scale.low_end,
                high_end=scale.high_end,
            )
        )
    return rows
