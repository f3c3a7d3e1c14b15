"""Reads for the test's pages: everything a report or an explanation page shows, in one language."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.conf import settings
from django.urls import reverse
from django.utils import translation

from phrases.situations import label
from wiki import selectors as wiki_selectors
from wiki.models import Phrase

from . import presentation, registry, scoring
from .instrument import Instrument
from .models import Result
from .support import Region, SupportDirectory

PHRASES_IN_REPORT = 8


@dataclass(frozen=True)
class PhraseCard:
    text: str
    when: str
    situation: str
    article_title: str
    article_url: str
    anchor: str
    dom_id: str


def share_url(result: Result) -> str:
    """The language-neutral short address; it redirects each viewer to their own language."""
    return f"{settings.SITE_URL}{reverse('short-share', args=[result.share_id])}"


def phrases_for(situations: list[str], language: str, limit: int = PHRASES_IN_REPORT) -> list[PhraseCard]:
    """A few phrases per situation, taken in turn so every situation is represented."""
    rows = (
        Phrase.objects.filter(translation__language=language, situation__in=situations)
        .select_related("translation__article")
        .order_by("translation__article__slug", "position")
    )
    by_situation: dict[str, list[Phrase]] = {s: [] for s in situations}
    for phrase in rows:
        by_situation[phrase.situation].append(phrase)
    chosen: list[Phrase] = []
    while len(chosen) < limit and any(by_situation.values()):
        for situation in situations:
            if by_situation[situation] and len(chosen) < limit:
                chosen.append(by_situation[situation].pop(0))
    cards = []
    for phrase in chosen:
        with translation.override(language):
            url = reverse("wiki:article", kwargs={"slug": phrase.translation.article.slug})
        cards.append(
            PhraseCard(
                phrase.text,
                phrase.when,
                phrase.situation,
                phrase.translation.title,
                url,
                phrase.anchor,
                f"{phrase.translation.article.slug}-{phrase.anchor}",
            )
        )
    return cards


def region_view(region: Region, language: str) -> dict[str, Any]:
    return {
        "id": region.id,
        "name": region.name[language],
        "services": [
            {
                "name": s.name[language],
                "description": s.description[language],
                "phone": s.phone,
                "url": s.url,
                "source": s.source,
            }
            for s in region.services
        ],
    }


def region_links(directory: SupportDirectory, language: str) -> list[tuple[str, str]]:
    return [(region.id, region.name[language]) for region in directory.regions.values()]


def report_context(result: Result, language: str, region_id: str | None) -> dict[str, Any]:
    instrument = registry.get_instrument(result.instrument, result.version) or registry.current_instrument()
    view = presentation.result_view(instrument, result.answers, result.safety_answers, language)
    changes: list[presentation.Change] = []
    earlier_date = None
    if result.previous is not None:
        earlier = result.previous
        earlier_instrument = registry.get_instrument(earlier.instrument, earlier.version)
        if earlier_instrument is not None:
            earlier_scores = scoring.score(earlier_instrument, earlier.answers).scale_scores
            changes = presentation.compare(instrument, view.scores, earlier_scores, language)
            earlier_date = earlier.created
    directory = registry.support_directory()
    return {
        "result": result,
        "view": view,
        "pattern": view.pattern,
        "phrases": phrases_for(view.pattern.phrase_situations, language),
        "situation_labels": [label(s) for s in view.pattern.phrase_situations],
        "articles": wiki_selectors.article_cards(language, slugs=view.pattern.articles),
        "changes": changes,
        "earlier_date": earlier_date,
        "region": region_view(directory.region_for(language, region_id), language),
        "regions": region_links(directory, language),
    }


def scoring_context(instrument: Instrument, language: str) -> dict[str, Any]:
    scales = [
        {
            "id": scale.id,
            "name": scale.name.get(language) or scale.name["en"],
            "measures": scale.measures.get(language) or scale.measures["en"],
            "items": len(instrument.items_of(scale.id)),
            "reverse": sum(1 for i in instrument.items_of(scale.id) if i.reverse),
        }
        for scale in instrument.scales.values()
    ]
    patterns = [
        {
            "name": presentation.pattern_view(pattern, language).name,
            "summary": presentation.pattern_view(pattern, language).summary,
            "prototype": [round(pattern.prototype[s]) for s in instrument.scales],
        }
        for pattern in instrument.patterns.values()
    ]
    return {
        "instrument": instrument,
        "scales": scales,
        "patterns": patterns,
        "item_count": len(instrument.items),
        "safety_count": len(instrument.safety_items),
        "labels": instrument.labels.get(language) or instrument.labels["en"],
    }


def report_document(context: dict[str, Any], language: str) -> Any:
    """The report's content as a PDF document, in the same order as the page."""
    from django.utils.formats import date_format
    from django.utils.translation import gettext

    from .pdf import ReportDocument, Section

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
                        *[
                            " ".join(filter(None, [s["name"], s["phone"], s["description"], s["url"]]))
                            for s in region["services"]
                        ],
                    ],
                )
            )
        sections += [
            Section(gettext("What you do well"), list(pattern.strengths)),
            Section(gettext("In conflict"), [pattern.in_conflict]),
            Section(gettext("In intimacy"), [pattern.in_intimacy]),
            Section(gettext("What to practise next"), [pattern.growth]),
            Section(gettext("Your scores"), [f"{s.name}: {s.score} / 100. {s.meaning}" for s in view.scales]),
        ]
        if not view.safety_signal:
            sections.append(Section(gettext("A 14-day practice plan"), list(pattern.plan), numbered=True))
            sections.append(
                Section(
                    gettext("Phrases for your pattern"),
                    [f"“{p.text}” ({p.when})" if p.when else f"“{p.text}”" for p in context["phrases"]],
                )
            )
        sections.append(
            Section(
                gettext("Read next"), [f"{card.title}: {settings.SITE_URL}{card.url}" for card in context["articles"]]
            )
        )
        if context["changes"]:
            sections.append(
                Section(gettext("Since last time"), [f"{c.name}: {c.before} → {c.after}" for c in context["changes"]])
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
        )
