"""The private report: one typed document of ordered sections, shown as a page and as a PDF.

`build_report` decides once what a result's report says, in one language and in which order;
`report.html` renders those sections and `pdf_document` turns the same sections into the PDF, so
the page and the file cannot drift apart. Only what belongs to one medium stays with it: the
page's forms, chart positions and couple status; the PDF's layout.

Where the safety check signalled danger, the report leads with support and leaves out every
section of practice or intimacy advice (the plan, phrases, "In intimacy", "What to practise
next"): practising new ways of talking will not make an unsafe relationship safe.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import ClassVar

from django.conf import settings
from django.utils import translation
from django.utils.formats import date_format
from django.utils.translation import gettext

from base import emblems
from base.languages import join_sentences
from core.site import site_name
from phrases.selectors import PhraseCard, phrases_for
from phrases.situations import label
from support.selectors import RegionView, region_links, region_view
from support.selectors import directory as support_directory
from wiki import selectors as wiki_selectors
from wiki.selectors import ArticleCard

from . import presentation, registry, scoring
from .instrument import Instrument
from .models import Result
from .pdf import ReportDocument, ScaleBar, Section
from .presentation import ChangeView, ResultView, ScaleView, SinceView

PHRASES_IN_REPORT = 8


@dataclass(frozen=True)
class SupportSection:
    """Support first, for a result whose safety answers signal danger."""

    heading: str
    intro: str
    region: RegionView
    regions: list[tuple[str, str]]  # (id, name) of every region, to switch to
    id: ClassVar[str] = "support"


@dataclass(frozen=True)
class SinceSection:
    """What moved since the result this one retook: v2 reliable change, or v1's plain table."""

    heading: str
    since: SinceView | None
    changes: list[ChangeView]
    earlier_date: dt.date | None
    real_change: str  # how a change beyond measurement error is marked
    within_error: str
    id: ClassVar[str] = "compare"
    template: ClassVar[str] = "assessment/report/_since.html"


@dataclass(frozen=True)
class Part:
    """A headed part of a section: a list (strengths) or paragraphs."""

    heading: str
    paragraphs: list[str]
    as_list: bool = False


@dataclass(frozen=True)
class PatternSection:
    heading: str
    view: ResultView  # the reading: its kind, intro, answer-style notice and blend
    parts: list[Part]
    retake_advice: str
    id: ClassVar[str] = "pattern"
    template: ClassVar[str] = "assessment/report/_pattern.html"


@dataclass(frozen=True)
class ScalesSection:
    heading: str
    meanings_heading: str  # the PDF's heading over what each score means, below its chart
    scales: list[ScaleView]
    id: ClassVar[str] = "scales"
    template: ClassVar[str] = "assessment/report/_scales.html"

    @property
    def shown(self) -> list[ScaleView]:
        return [scale for scale in self.scales if scale.score is not None]


@dataclass(frozen=True)
class PlanSection:
    heading: str
    intro: str
    steps: list[str]
    id: ClassVar[str] = "plan"
    template: ClassVar[str] = "assessment/report/_plan.html"


@dataclass(frozen=True)
class PhrasesSection:
    heading: str
    intro: str
    phrases: list[PhraseCard]
    id: ClassVar[str] = "phrases"
    template: ClassVar[str] = "assessment/report/_phrases.html"


@dataclass(frozen=True)
class ReadNextSection:
    heading: str
    articles: list[ArticleCard]
    id: ClassVar[str] = "read-next"
    template: ClassVar[str] = "assessment/report/_read_next.html"


BodySection = PatternSection | ScalesSection | PlanSection | PhrasesSection | ReadNextSection


@dataclass(frozen=True)
class Report:
    result: Result
    language: str
    site_name: str
    kicker: str
    title: str
    summary: str
    taken_note: str  # the date it was taken, and that it is a mirror, not a diagnosis
    pattern_id: str
    view: ResultView
    support: SupportSection | None  # first, when the safety check signalled danger
    since: SinceSection | None  # after the header, when this result retook an earlier one
    sections: list[BodySection]  # the body, in the order both the page and the PDF show it
    retake_from: dt.date  # the first day a retake makes sense

    @property
    def contents(self) -> list[tuple[str, str]]:
        """(id, heading) of every section after the header, for the page's table of contents."""
        head = [(self.since.id, self.since.heading)] if self.since else []
        return head + [(section.id, section.heading) for section in self.sections]

    def section(self, section_id: str) -> BodySection | None:
        return next((s for s in self.sections if s.id == section_id), None)

    @property
    def plan(self) -> PlanSection | None:
        found = self.section(PlanSection.id)
        return found if isinstance(found, PlanSection) else None


def _since(result: Result, instrument: Instrument, view: ResultView, language: str) -> SinceSection | None:
    earlier = result.previous
    if earlier is None:
        return None
    earlier_instrument = registry.get_instrument(earlier.instrument, earlier.version)
    if earlier_instrument is None:
        return None
    since: SinceView | None = None
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
    if since is None and not changes:
        return None
    return SinceSection(
        heading=gettext("Since last time"),
        since=since,
        changes=changes,
        earlier_date=earlier.created,
        real_change=gettext("Yes: a real change"),
        within_error=gettext("No: within error"),
    )


def build_report(result: Result, language: str, region_id: str | None, accept_language: str = "") -> Report:
    """Everything the private report says, in the order it says it, in `language`."""
    instrument = registry.instrument_for(result.instrument, result.version)
    view = presentation.result_view(instrument, result.answers, result.safety_answers, language, result.language)
    pattern = view.pattern
    unsafe = view.safety_signal
    retake_from = result.created + dt.timedelta(days=presentation.RETAKE_AFTER_DAYS)
    with translation.override(language):
        support: SupportSection | None = None
        if unsafe:
            directory = support_directory()
            support = SupportSection(
                heading=gettext("Your safety comes first"),
                intro=gettext(
                    "Some of your answers say you may be afraid of your partner, pressured after saying no, "
                    "hurt or threatened. If so, this is not a communication problem, and practising new ways "
                    "of talking will not make it safe. You deserve support from people trained to help. You do "
                    "not need to confront your partner or decide anything today."
                ),
                region=region_view(directory.region_for(language, region_id, accept_language), language, directory),
                regions=region_links(directory, language),
            )
        parts = [
            Part(gettext("What you do well"), list(pattern.strengths), as_list=True),
            Part(gettext("In conflict"), [pattern.in_conflict]),
        ]
        if not unsafe:  # no practice or intimacy advice where practice will not make it safe
            parts += [
                Part(gettext("In intimacy"), [pattern.in_intimacy]),
                Part(gettext("What to practise next"), [pattern.growth]),
            ]
        sections: list[BodySection] = [
            PatternSection(
                heading=gettext("Your pattern"),
                view=view,
                parts=parts,
                retake_advice=""
                if unsafe
                else presentation.retake_advice(instrument, language, date_format(retake_from, "DATE_FORMAT")),
            ),
            ScalesSection(
                heading=gettext("Your scores"), meanings_heading=gettext("What your scores mean"), scales=view.scales
            ),
        ]
        if not unsafe:
            situations = ", ".join(label(s) for s in pattern.phrase_situations)
            sections += [
                PlanSection(
                    heading=gettext("A 14-day practice plan"),
                    intro=gettext(
                        "One small practice a day. Each one works even if your partner does not join in. "
                        "Skip a day whenever you need to."
                    ),
                    steps=list(pattern.plan),
                ),
                PhrasesSection(
                    heading=gettext("Phrases for your pattern"),
                    intro=gettext("Picked for your pattern from our articles: %(situations)s.")
                    % {"situations": situations},
                    phrases=phrases_for(pattern.phrase_situations, language, PHRASES_IN_REPORT),
                ),
            ]
        sections.append(
            ReadNextSection(
                heading=gettext("Read next"), articles=wiki_selectors.article_cards(language, slugs=pattern.articles)
            )
        )
        return Report(
            result=result,
            language=language,
            site_name=site_name(),
            kicker=gettext("Your communication pattern"),
            title=pattern.name,
            summary=pattern.summary,
            taken_note=gettext("Taken on %(date)s. A mirror for reflection, not a diagnosis.")
            % {"date": date_format(result.created, "DATE_FORMAT")},
            pattern_id=pattern.id,
            view=view,
            support=support,
            since=_since(result, instrument, view, language),
            sections=sections,
            retake_from=retake_from,
        )


# --- the same report as a PDF ------------------------------------------------------------------


def pdf_document(report: Report) -> ReportDocument:
    """The report's sections, in the page's order, as the PDF's headed paragraphs."""
    language = report.language
    chinese = language.startswith("zh")
    colon = "：" if chinese else ": "
    stop = "。" if chinese else ". "

    def aside(text: str) -> str:
        return f"（{text}）" if chinese else f" ({text})"

    def joined(*texts: str) -> str:
        return " ".join(text for text in texts if text)

    sections: list[Section] = []
    with translation.override(report.language):
        if report.support is not None:
            region = report.support.region
            sections.append(
                Section(
                    report.support.heading,
                    [
                        report.support.intro,
                        gettext("In danger right now? Call your local emergency number:")
                        + " "
                        + "; ".join(f"{name} {' / '.join(numbers)}" for name, numbers in region.emergency),
                        *[
                            s.kind_label + colon + joined(s.name, s.phone, s.description, s.url)
                            for s in region.services
                        ],
                        *[m.kind_label + colon + joined(m.note, m.directory) for m in region.missing],
                    ],
                )
            )
        if report.since is not None:
            since = report.since.since
            lines = [
                f"{c.name}{colon}{c.before} → {c.after}"
                + (aside(report.since.real_change if c.reliable else report.since.within_error) if since else "")
                for c in report.since.changes
            ]
            if since is not None:
                lines = [since.intro, since.pattern_text, since.version_text, *lines, *since.not_compared]
                lines.append(since.soon_text)
            sections.append(Section(report.since.heading, [line for line in lines if line]))
        for section in report.sections:
            if isinstance(section, PatternSection):
                view = section.view
                reading = [view.intro, view.notice]
                if view.blend is not None:
                    reading += [view.blend.text, view.blend.shared, view.blend.differ]
                    if report.support is None:
                        reading.append(view.blend.practice)
                reading = [text for text in reading if text]
                if reading:  # what kind of reading this is, under the page's own heading
                    sections.append(Section(section.heading, reading))
                for part in section.parts:
                    paragraphs = part.paragraphs
                    if part is section.parts[-1] and section.retake_advice:
                        paragraphs = [*paragraphs, section.retake_advice]
                    sections.append(Section(part.heading, paragraphs))
            elif isinstance(section, ScalesSection):
                sections.append(
                    Section(
                        section.meanings_heading,
                        [
                            join_sentences([f"{s.name}{colon}{s.score}/100{stop}{s.meaning}", s.band_text], language)
                            for s in section.shown
                        ],
                    )
                )
            elif isinstance(section, PlanSection):
                sections.append(Section(section.heading, section.steps, numbered=True, intro=section.intro))
            elif isinstance(section, PhrasesSection):
                sections.append(
                    Section(
                        section.heading,
                        [f"“{p.text}”{aside(p.when)}" if p.when else f"“{p.text}”" for p in section.phrases],
                    )
                )
            elif isinstance(section, ReadNextSection):
                sections.append(
                    Section(
                        section.heading,
                        [f"{card.title}{colon}{settings.SITE_URL}{card.url}" for card in section.articles],
                    )
                )
        scales = next((s for s in report.sections if isinstance(s, ScalesSection)), None)
        return ReportDocument(
            language=report.language,
            site_name=report.site_name,
            kicker=report.kicker,
            title=report.title,
            summary=report.summary,
            note=report.taken_note,
            sections=sections,
            chart_heading=scales.heading if scales else "",
            emblem_png=emblems.png(report.pattern_id, 240),
            scales=[
                ScaleBar(
                    s.name,
                    s.score,
                    s.low_end,
                    s.high_end,
                    (s.band_low, s.band_high) if s.band_low is not None and s.band_high is not None else None,
                    s.level_name,
                )
                for s in (scales.shown if scales else [])
                if s.score is not None  # always, for `shown`; says so to the type checker
            ],
        )
