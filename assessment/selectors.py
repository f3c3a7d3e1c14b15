"""Reads for the test's pages: everything a report or an explanation page shows, in one language."""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from django.conf import settings
from django.urls import reverse
from django.utils import translation
from django.utils.formats import date_format
from django.utils.translation import gettext

from base import emblems
from base.languages import pick_text
from core.cache import cache_delete_many, cache_get, cache_set, content_version
from phrases import selectors as phrase_selectors
from phrases.selectors import PhraseCard
from phrases.situations import label
from support.selectors import directory as support_directory
from support.selectors import region_links, region_view
from wiki import selectors as wiki_selectors

from . import pdf, presentation, registry, scoring
from .instrument import Instrument
from .models import Result
from .pdf import ReportDocument, ScaleBar, Section

PHRASES_IN_REPORT = 8


def share_url(result: Result) -> str:
    """The language-neutral short address; it redirects each viewer to their own language."""
    return f"{settings.SITE_URL}{reverse('short-share', args=[result.share_id])}"


def phrases_for(situations: list[str], language: str, limit: int = PHRASES_IN_REPORT) -> list[PhraseCard]:
    """The phrases a report offers for its pattern's situations."""
    return phrase_selectors.phrases_for(situations, language, limit)


def has_safety_signal(result: Result) -> bool:
    instrument = registry.get_instrument(result.instrument, result.version) or registry.current_instrument()
    return scoring.safety_signal(instrument, result.safety_answers)


def report_context(result: Result, language: str, region_id: str | None, accept_language: str = "") -> dict[str, Any]:
    """Everything the private report shows. Added for the fit-aware results (issue 15):
    `view` (presentation.ResultView: kind, scales with error bands, notice), `since`
    (presentation.SinceView or None: previous pattern and reliable change), `changes` (scale
    changes, for the PDF), `retake_from` (the first day a retake makes sense) and `retake_advice`."""
    instrument = registry.get_instrument(result.instrument, result.version) or registry.current_instrument()
    view = presentation.result_view(instrument, result.answers, result.safety_answers, language, result.language)
    since: presentation.SinceView | None = None
    changes: list[presentation.ChangeView] = []
    earlier_date = None
    retake_from = result.created + dt.timedelta(days=presentation.RETAKE_AFTER_DAYS)
    with translation.override(language):
        retake_advice = presentation.retake_advice(instrument, language, date_format(retake_from, "DATE_FORMAT"))
        if result.previous is not None:
            earlier = result.previous
            earlier_instrument = registry.get_instrument(earlier.instrument, earlier.version)
            if earlier_instrument is not None:
                earlier_date = earlier.created
                if instrument.wording:
                    since = presentation.since(
                        instrument, result.answers, result.language,
                        earlier_instrument, earlier.answers, earlier.language,
                        language,
                        days=(result.created - earlier.created).days,
                        before_date=date_format(earlier.created, "DATE_FORMAT"),
                    )  # fmt: skip
                    changes = since.changes
                else:  # both scored with version 1: the plain table it always had
                    earlier_scores = scoring.score(earlier_instrument, earlier.answers).scale_scores
                    changes = presentation.compare(instrument, view.scores, earlier_scores, language)
    directory = support_directory()
    return {
        "result": result,
        "view": view,
        "pattern": view.pattern,
        "phrases": phrases_for(view.pattern.phrase_situations, language),
        "situation_labels": [label(s) for s in view.pattern.phrase_situations],
        "articles": wiki_selectors.article_cards(language, slugs=view.pattern.articles),
        "since": since,
        "changes": changes,
        "earlier_date": earlier_date,
        "retake_from": retake_from,
        "retake_advice": retake_advice,
        "region": region_view(directory.region_for(language, region_id, accept_language), language, directory),
        "regions": region_links(directory, language),
    }


def scoring_context(instrument: Instrument, language: str) -> dict[str, Any]:
    """The "How scoring works" page: the published rules, thresholds and reasons for one version."""

    def pick(texts: Mapping[str, str]) -> str:
        return pick_text(texts, language)

    scales = [
        {
            "id": scale.id,
            "name": pick(scale.name),
            "measures": pick(scale.measures),
            "items": len(instrument.items_of(scale.id)),
            "reverse": sum(1 for i in instrument.items_of(scale.id) if i.reverse),
            "may_not_apply": any(i.may_not_apply for i in instrument.items_of(scale.id)),
            "in_patterns": instrument.scoring is None or scale.id in instrument.scoring.pattern_scales,
        }
        for scale in instrument.scales.values()
    ]
    levels = {"low": "low", "middle": "middle", "high": "high"}
    patterns = [
        {
            "id": pattern.id,
            "name": pick(pattern.name),
            "summary": pick(pattern.summary),
            "prototype": [round(pattern.prototype[s]) if s in pattern.prototype else None for s in instrument.scales],
            "requires": [
                (pick(instrument.scales[s].name), [instrument.words(f"level_{lv}", language) or levels[lv] for lv in
                 ("low", "middle", "high") if lv in allowed])
                for s, allowed in pattern.requires.items()
            ],
        }
        for pattern in instrument.patterns.values()
    ]  # fmt: skip
    reliability = []
    if instrument.reliability is not None:
        for scale in instrument.scales.values():
            figures = instrument.reliability.scales.get(scale.id, {})
            declared = figures.get(language) or figures.get("en")
            if declared is not None:
                reliability.append(
                    {"name": pick(scale.name), "alpha": declared.alpha, "sd": declared.sd, "sem": declared.sem}
                )
    stability = None
    simulation = instrument.simulation
    if simulation is not None and instrument.scoring is not None:
        # What bench/stability_bench.py measured, as the instrument file publishes it.
        stability = {
            "readers": f"{simulation.readers:,}" if language == "en" else str(simulation.readers),
            "alpha": f"{simulation.alpha:.2f}",
            "agreement": round(simulation.agreement * 100),
            "clear": round(simulation.clear * 100),
            "target": round(simulation.target * 100),
            "met": simulation.agreement >= simulation.target,
            "target_alpha": f"{simulation.target_alpha:.2f}",
            "target_questions": simulation.target_questions,
            "questions": max(len(instrument.items_of(s)) for s in instrument.scoring.pattern_scales),
        }
    return {
        "instrument": instrument,
        "scales": scales,
        "patterns": patterns,
        "stability": stability,
        "item_count": len(instrument.items),
        "safety_count": len(instrument.safety_items),
        "labels": instrument.labels.get(language) or instrument.labels["en"],
        "does_not_apply": pick(instrument.does_not_apply.label) if instrument.does_not_apply else "",
        "time_frame": pick(instrument.time_frame) if instrument.time_frame else "",
        "rules": instrument.scoring,
        "reliability": reliability,
        "reliability_status": instrument.reliability.status if instrument.reliability else "",
        "reliability_basis": pick(instrument.reliability.basis) if instrument.reliability else "",
        "band_z": scoring.BAND_Z,
        "rci_z": scoring.RCI_Z,
        "low_at_most": scoring.LOW_AT_MOST,
        "high_at_least": scoring.HIGH_AT_LEAST,
        "retake_days": presentation.RETAKE_AFTER_DAYS,
    }


def report_document(context: dict[str, Any], language: str) -> Any:
    """The report's content as a PDF document, in the same order as the page."""
    chinese = language.startswith("zh")
    colon = "：" if chinese else ": "

    def aside(text: str) -> str:
        return f"（{text}）" if chinese else f" ({text})"

    with translation.override(language):
        view: presentation.ResultView = context["view"]
        pattern = context["pattern"]
        sections: list[Section] = []
        if view.safety_signal:
            region = context["region"]
            sections.append(
                Section(
                    gettext("Your safety comes first"),
                    [
                        gettext(
                            "Some of your answers say you may be afraid of your partner, pressured after saying no, "
                            "hurt or threatened. If so, this is not a communication problem, and practising new ways "
                            "of talking will not make it safe. You deserve support from people trained to help. You do "
                            "not need to confront your partner or decide anything today."
                        ),
                        gettext("In danger right now? Call your local emergency number:")
                        + " "
                        + "; ".join(f"{name} {' / '.join(numbers)}" for name, numbers in region.emergency),
                        *[
                            s.kind_label + colon + " ".join(filter(None, [s.name, s.phone, s.description, s.url]))
                            for s in region.services
                        ],
                        *[m.kind_label + colon + " ".join(filter(None, [m.note, m.directory])) for m in region.missing],
                    ],
                )
            )
        sections += [
            Section(gettext("What you do well"), list(pattern.strengths)),
            Section(gettext("In conflict"), [pattern.in_conflict]),
        ]
        if not view.safety_signal:  # no practice or intimacy advice where practice will not make it safe
            sections += [
                Section(gettext("In intimacy"), [pattern.in_intimacy]),
                Section(gettext("What to practise next"), [pattern.growth]),
            ]
        sections.append(
            Section(
                gettext("What your scores mean"),
                [
                    f"{s.name}{colon}{s.score}/100{'。' if chinese else '. '}{s.meaning}"
                    for s in view.scales
                    if s.score is not None
                ],
            )
        )
        if not view.safety_signal:
            sections.append(Section(gettext("A 14-day practice plan"), list(pattern.plan), numbered=True))
            sections.append(
                Section(
                    gettext("Phrases for your pattern"),
                    [f"“{p.text}”{aside(p.when)}" if p.when else f"“{p.text}”" for p in context["phrases"]],
                )
            )
        sections.append(
            Section(
                gettext("Read next"),
                [f"{card.title}{colon}{settings.SITE_URL}{card.url}" for card in context["articles"]],
            )
        )
        if context["changes"]:
            sections.append(
                Section(
                    gettext("Since last time"), [f"{c.name}{colon}{c.before} → {c.after}" for c in context["changes"]]
                )
            )
        return ReportDocument(
            language=language,
            site_name=gettext("Relationship Communication Wiki"),
            kicker=gettext("Your communication pattern"),
            title=pattern.name,
            summary=pattern.summary,
            note=gettext("Taken on %(date)s. A mirror for reflection, not a diagnosis.")
            % {"date": date_format(context["result"].created, "DATE_FORMAT")},
            sections=sections,
            chart_heading=gettext("Your scores"),
            emblem_png=emblems.png(pattern.id, 240),
            scales=[
                ScaleBar(
                    s.name,
                    s.score,
                    s.low_end,
                    s.high_end,
                    (s.band_low, s.band_high) if s.band_low is not None and s.band_high is not None else None,
                    s.level_name,
                )
                for s in view.scales
                if s.score is not None
            ],
        )


# --- the PDF, cached privately per result --------------------------------------------------------

PDF_CACHE_SECONDS = 24 * 3600


def _pdf_key(result: Result, language: str, region_id: str) -> str:
    # Keyed by the hash of the report token: only this result's reader reaches this entry.
    return f"report-pdf:{result.report_hash}:{language}:{region_id}"


def report_pdf_bytes(result: Result, language: str, region_id: str | None, accept_language: str = "") -> bytes:
    """The report as a PDF; rendered once per result, language and region while the content stays the same."""
    context = report_context(result, language, region_id, accept_language)
    key = _pdf_key(result, language, context["region"].id)
    stamp = (content_version(), result.instrument, result.version)
    stored = cache_get(key)
    if isinstance(stored, tuple) and len(stored) == 2 and stored[0] == stamp:
        return bytes(stored[1])
    document = pdf.report_pdf(report_document(context, language))
    cache_set(key, (stamp, document), PDF_CACHE_SECONDS)
    return document


def forget_report_pdfs(result: Result) -> None:
    """Called when a result is deleted: no copy of its PDF may outlive it."""
    regions = list(support_directory().regions)
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
