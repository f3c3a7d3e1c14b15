"""A result, re-scored and worded in the viewer's language. Plain Python, no Django.

Results store raw answers only, so a wording fix in the instrument file reaches every old result
the next time it is shown. Everything a report, a share page, a PDF or a chart shows about a
result comes from the typed views below.

No sentence shown to a reader may claim the opposite level of one of that reader's own scores:
every text that depends on a scale carries the levels it assumes (a pattern's `requires`, a
passage's `assumes`, a scale's own level text), only texts whose assumptions hold are shown, and
every one that is shown is listed in `ResultView.shown` so tests can check the rule.
"""

from __future__ import annotations

from collections.abc import Collection, Mapping, Sequence
from dataclasses import dataclass, field

from base.languages import join_sentences, pick, pick_text

from . import scoring
from .instrument import Assumes, Instrument, Item, NoSinglePattern, Passage, Pattern, SafetyItem

HIGH, LOW = scoring.HIGH_AT_LEAST, scoring.LOW_AT_MOST
NO_SINGLE_PATTERN = "no-single-pattern"
RETAKE_AFTER_DAYS = 14  # the length of the practice plan


def _pick(texts: dict[str, str], language: str) -> str:
    return pick_text(texts, language)


def _pick_list(texts: dict[str, list[str]], language: str) -> list[str]:
    return list(pick(texts, language, []))


@dataclass(frozen=True)
class Shown:
    """A text shown to the reader and the levels it assumes (empty: none)."""

    text: str
    assumes: Assumes


@dataclass(frozen=True)
class ScaleView:
    id: str
    name: str
    measures: str
    score: int | None  # the number shown; None when the scale is not shown
    level: str | None  # low, middle or high, from `score`
    level_name: str  # the level in the viewer's language
    meaning: str  # what this level tends to mean, addressed to the reader
    answered: int
    items: int
    sem: float | None
    band_low: int | None  # the error band: score minus and plus one SEM, within 0 to 100
    band_high: int | None
    band_text: str
    near: str | None  # "low-middle" or "middle-high" when the band reaches across that cut-off
    near_text: str
    low_end: str  # a few words for each end of a chart
    high_end: str
    not_shown_text: str

    @property
    def shown(self) -> bool:
        return self.score is not None

    @property
    def band(self) -> str | None:
        """The level (the name this field had before error bands existed)."""
        return self.level


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
class BlendView:
    first: PatternView
    second: PatternView
    text: str  # what the content says about this pair, when it says something
    shared: str  # what the two patterns share, and the reader with them
    differ: str  # where they differ, and where the reader is
    practice: str  # which of the two the plan and phrases follow


@dataclass(frozen=True)
class ResultView:
    kind: str  # clear, blend or none (see scoring.read)
    reason: str
    pattern: PatternView  # what the page leads with: the pattern, the blend or "no single pattern"
    patterns: list[PatternView]  # the pattern, or both patterns of a blend
    blend: BlendView | None
    intro: str  # one sentence on what kind of result this is
    notice: str  # the answer-style notice, when there is one
    offer_retake: bool
    retake_label: str
    scales: list[ScaleView]
    safety_signal: bool
    scores: dict[str, float]  # unrounded, shown scales only
    version: int
    shown: list[Shown] = field(default_factory=list)

    @property
    def is_clear(self) -> bool:
        return self.kind == scoring.CLEAR

    @property
    def is_blend(self) -> bool:
        return self.kind == scoring.BLEND

    @property
    def is_none(self) -> bool:
        return self.kind == scoring.NONE


def band(score: float) -> str:
    """The level of a score, from the same rounding the reader sees."""
    return scoring.level_of(scoring.round_score(score))


def level_name(instrument: Instrument, level: str | None, language: str) -> str:
    if level is None:
        return ""
    return instrument.words(f"level_{level}", language) or level


def _join(passages: list[Passage], levels: dict[str, str | None], language: str, shown: list[Shown]) -> str:
    kept = [p for p in passages if p.holds_for(levels)]
    for passage in kept:
        shown.append(Shown(_pick(passage.text, language), passage.assumes))
    return join_sentences((_pick(p.text, language) for p in kept), language)


def pattern_view(
    pattern: Pattern,
    language: str,
    levels: dict[str, str | None] | None = None,
    shown: list[Shown] | None = None,
) -> PatternView:
    """A pattern in one language. With `levels`, only the passages true for those levels."""
    audit = shown if shown is not None else []
    everything = levels is None
    view = PatternView(
        id=pattern.id,
        name=_pick(pattern.name, language),
        summary=_pick(pattern.summary, language),
        strengths=_pick_list(pattern.strengths, language),
        in_conflict=join_sentences((_pick(p.text, language) for p in pattern.in_conflict), language)
        if everything
        else _join(pattern.in_conflict, levels or {}, language, audit),
        in_intimacy=join_sentences((_pick(p.text, language) for p in pattern.in_intimacy), language)
        if everything
        else _join(pattern.in_intimacy, levels or {}, language, audit),
        growth=_pick(pattern.growth, language),
        plan=_pick_list(pattern.plan, language),
        phrase_situations=list(pattern.phrase_situations),
        articles=list(pattern.articles),
    )
    if not everything:
        for text in [view.name, view.summary, *view.strengths, view.growth, *view.plan]:
            audit.append(Shown(text, pattern.requires))
    return view


def _no_single_view(
    entry: NoSinglePattern, reason: str, levels: dict[str, str | None], language: str, shown: list[Shown]
) -> PatternView:
    view = PatternView(
        id=NO_SINGLE_PATTERN,
        name=_pick(entry.name, language),
        summary=_pick(entry.summary[reason], language),
        strengths=_pick_list(entry.strengths, language),
        in_conflict=_join(entry.in_conflict, levels, language, shown),
        in_intimacy=_join(entry.in_intimacy, levels, language, shown),
        growth=_pick(entry.growth, language),
        plan=_pick_list(entry.plan, language),
        phrase_situations=list(entry.phrase_situations),
        articles=list(entry.articles),
    )
    for text in [view.name, view.summary, *view.strengths, view.growth, *view.plan]:
        shown.append(Shown(text, {}))
    return view


def scale_views(
    instrument: Instrument, measured: dict[str, scoring.ScaleScore], language: str, shown: list[Shown]
) -> list[ScaleView]:
    views = []
    for scale in instrument.scales.values():
        m = measured[scale.id]
        meaning = _pick(scale.meaning(m.level), language) if m.level else ""
        if m.level:
            shown.append(Shown(meaning, {scale.id: frozenset({m.level})}))
        band_low, band_high = m.band if m.band else (None, None)
        near_text = ""
        if m.near and m.level:
            lower, upper = m.near.split("-")
            other = upper if m.level == lower else lower
            near_text = instrument.words(
                "near_cutoff",
                language,
                lower=level_name(instrument, lower, language),
                upper=level_name(instrument, upper, language),
                other=level_name(instrument, other, language),
            )
        views.append(
            ScaleView(
                id=scale.id,
                name=_pick(scale.name, language),
                measures=_pick(scale.measures, language),
                score=m.shown,
                level=m.level,
                level_name=level_name(instrument, m.level, language),
                meaning=meaning,
                answered=m.answered,
                items=m.items,
                sem=m.sem,
                band_low=band_low,
                band_high=band_high,
                band_text=instrument.words("band", language, low=band_low, high=band_high) if m.band else "",
                near=m.near,
                near_text=near_text,
                low_end=_pick(scale.ends.low, language) if scale.ends else "",
                high_end=_pick(scale.ends.high, language) if scale.ends else "",
                not_shown_text=""
                if m.shown is not None
                else instrument.words(
                    "not_shown",
                    language,
                    answered=m.answered,
                    needed=instrument.scoring.min_answers if instrument.scoring else 1,
                    items=m.items,
                ),
            )
        )
    return views


def _blend_view(
    instrument: Instrument,
    first: Pattern,
    second: Pattern,
    scales: list[ScaleView],
    levels: dict[str, str | None],
    language: str,
    shown: list[Shown],
) -> BlendView:
    first_view = pattern_view(first, language, levels, shown)
    second_view = pattern_view(second, language, levels, shown)
    separator = instrument.words("list_separator", language)
    shared, differ = [], []
    reader_differs = False  # the two patterns share a high or low level that the reader does not have
    for scale in scales:
        if scale.level is None or scale.id not in first.prototype or scale.id not in second.prototype:
            continue
        level_a = band(first.prototype[scale.id])
        level_b = band(second.prototype[scale.id])
        if level_a == level_b != "middle":  # what the two have in common that marks them out
            if scale.level == level_a:
                shared.append(instrument.words("blend_shared_item", language, scale=scale.name, level=scale.level_name))
            else:
                reader_differs = True
        elif level_a != level_b:
            differ.append(
                instrument.words(
                    "blend_differ_item",
                    language,
                    scale=scale.name,
                    first=first_view.name,
                    first_level=level_name(instrument, level_a, language),
                    second=second_view.name,
                    second_level=level_name(instrument, level_b, language),
                    level=scale.level_name,
                    score=scale.score,
                )
            )
    entry = instrument.blends.get(frozenset((first.id, second.id)))
    text = _join(entry.text, levels, language, shown) if entry else ""
    shared_text = ""
    if shared:
        shared_text = instrument.words("blend_shared", language, list=separator.join(shared))
    elif reader_differs:
        shared_text = instrument.words("blend_shared_none", language)
    differ_text = instrument.words("blend_differ", language, list=separator.join(differ)) if differ else ""
    for sentence in (shared_text, differ_text):
        if sentence:
            shown.append(Shown(sentence, {}))  # it states the reader's own levels, whatever they are
    return BlendView(
        first=first_view,
        second=second_view,
        text=text,
        shared=shared_text,
        differ=differ_text,
        practice=instrument.words("blend_practice", language, first=first_view.name),
    )


def result_view(
    instrument: Instrument,
    answers: dict[str, int],
    safety: dict[str, int],
    language: str,
    taken_in: str | None = None,
) -> ResultView:
    """The whole result in `language`. Error bands use the reliability of the language the test
    was taken in (`taken_in`, the viewer's language when not given)."""
    scored = scoring.score(instrument, answers, taken_in or language)
    reading = scored.reading
    shown: list[Shown] = []
    levels = scoring.levels_of(scored.measured)
    scales = scale_views(instrument, scored.measured, language, shown)
    signal = scoring.safety_signal(instrument, safety)
    if instrument.scoring is None:  # version 1: the nearest prototype, its texts as written
        pattern = pattern_view(instrument.patterns[scored.pattern], language)
        return ResultView(
            kind=scoring.CLEAR,
            reason="nearest",
            pattern=pattern,
            patterns=[pattern],
            blend=None,
            intro="",
            notice="",
            offer_retake=False,
            retake_label="",
            scales=scales,
            safety_signal=signal,
            scores=scored.scale_scores,
            version=instrument.version,
            shown=[],
        )
    blend = None
    notice = ""
    if reading.kind == scoring.CLEAR:
        headline = pattern_view(instrument.patterns[reading.patterns[0]], language, levels, shown)
        patterns = [headline]
        intro = instrument.words("clear_intro", language, pattern=headline.name)
    elif reading.kind == scoring.BLEND:
        first, second = (instrument.patterns[p] for p in reading.patterns)
        blend = _blend_view(instrument, first, second, scales, levels, language, shown)
        patterns = [blend.first, blend.second]
        name = instrument.words("blend_name", language, first=blend.first.name, second=blend.second.name)
        summary = instrument.words("blend_summary", language, first=blend.first.name, second=blend.second.name)
        shown.append(Shown(name, {}))
        shown.append(Shown(summary, {}))
        headline = PatternView(
            id=f"{first.id}+{second.id}",
            name=name,
            summary=summary,
            strengths=[*blend.first.strengths[:2], *blend.second.strengths[:1]],
            in_conflict=blend.first.in_conflict,
            in_intimacy=blend.first.in_intimacy,
            growth=blend.first.growth,
            plan=blend.first.plan,
            phrase_situations=list(dict.fromkeys([*blend.first.phrase_situations, *blend.second.phrase_situations])),
            articles=list(dict.fromkeys([*blend.first.articles[:2], *blend.second.articles[:1]])),
        )
        intro = summary
    else:
        assert instrument.no_single_pattern is not None
        headline = _no_single_view(instrument.no_single_pattern, reading.reason, levels, language, shown)
        patterns = []
        intro = instrument.words("no_single_intro", language)
        if reading.reason in ("same-answer", "agree-all", "disagree-all"):
            notice = instrument.words(f"notice_{reading.reason}", language)
            shown.append(Shown(notice, {}))
    return ResultView(
        kind=reading.kind,
        reason=reading.reason,
        pattern=headline,
        patterns=patterns,
        blend=blend,
        intro=intro,
        notice=notice,
        offer_retake=bool(notice),
        retake_label=instrument.words("retake_offer", language),
        scales=scales,
        safety_signal=signal,
        scores=scored.scale_scores,
        version=instrument.version,
        shown=shown,
    )


def reading_label(instrument: Instrument, answers: dict[str, int], language: str) -> str:
    """The pattern's name, the blend's name or "no single pattern", in one language."""
    return result_view(instrument, answers, {}, language).pattern.name


# --- since last time ---------------------------------------------------------------------------


@dataclass(frozen=True)
class ChangeView:
    id: str
    name: str
    before: int
    after: int
    reliable: bool  # larger than measurement error alone would explain (reliable change index)
    threshold: int  # the smallest change that counts as reliable, in points
    text: str

    @property
    def delta(self) -> int:
        return self.after - self.before

    @property
    def direction(self) -> str:
        return "up" if self.delta > 0 else "down" if self.delta < 0 else "same"


# The name this had before reliable change existed; the PDF still reads name, before and after.
Change = ChangeView


@dataclass(frozen=True)
class SinceView:
    intro: str
    same_version: bool
    before: str  # the earlier pattern, blend or "no single pattern"
    after: str
    pattern_changed: bool
    pattern_text: str
    changes: list[ChangeView]  # scale by scale; empty across versions
    not_compared: list[str]  # scales shown in only one of the two results
    version_text: str
    days: int
    soon_text: str  # when the two results are closer together than the practice plan

    @property
    def reliable_changes(self) -> list[ChangeView]:
        return [c for c in self.changes if c.reliable]


def since(
    now_instrument: Instrument,
    now_answers: dict[str, int],
    now_language: str,
    before_instrument: Instrument,
    before_answers: dict[str, int],
    before_language: str,
    language: str,
    days: int,
    before_date: str,
) -> SinceView:
    """What changed since an earlier result: the pattern always; scale by scale only within one version."""
    now = result_view(now_instrument, now_answers, {}, language, now_language)
    before = result_view(before_instrument, before_answers, {}, language, before_language)
    same_version = now_instrument.key == before_instrument.key
    changed = now.pattern.id != before.pattern.id
    words = now_instrument.words if now_instrument.wording else before_instrument.words
    pattern_text = (
        words("change_pattern_moved", language, before=before.pattern.name, after=now.pattern.name)
        if changed
        else words("change_pattern_same", language, pattern=now.pattern.name)
    )
    changes: list[ChangeView] = []
    not_compared: list[str] = []
    if same_version:
        measured_now = scoring.measure(now_instrument, now_answers, now_language)
        measured_before = scoring.measure(before_instrument, before_answers, before_language)
        for scale in now.scales:
            change = scoring.reliable_change(measured_before[scale.id], measured_now[scale.id])
            if change is None:
                if measured_before[scale.id].shown is None or measured_now[scale.id].shown is None:
                    not_compared.append(words("change_not_compared", language, scale=scale.name))
                continue
            key = (
                "change_up"
                if change.reliable and change.delta > 0
                else "change_down"
                if change.reliable
                else ("change_within")
            )
            changes.append(
                ChangeView(
                    id=scale.id,
                    name=scale.name,
                    before=change.before,
                    after=change.after,
                    reliable=change.reliable,
                    threshold=int(change.threshold) + 1,
                    text=words(key, language, scale=scale.name, before=change.before, after=change.after),
                )
            )
    return SinceView(
        intro=words("change_intro", language, date=before_date),
        same_version=same_version,
        before=before.pattern.name,
        after=now.pattern.name,
        pattern_changed=changed,
        pattern_text=pattern_text,
        changes=changes,
        not_compared=not_compared,
        version_text=""
        if same_version
        else words(
            "change_other_version",
            language,
            before_version=before_instrument.version,
            after_version=now_instrument.version,
        ),
        days=days,
        soon_text=words("change_soon", language, days=days) if days < RETAKE_AFTER_DAYS else "",
    )


def retake_advice(instrument: Instrument, language: str, from_date: str) -> str:
    """When retaking makes sense: after the 14-day plan, not the next day."""
    return instrument.words("retake_when", language, date=from_date) if instrument.wording else ""


def compare(current: Instrument, now: dict[str, float], earlier: dict[str, float], language: str) -> list[ChangeView]:
    """Scale by scale, what moved (version 1 results, which declare no reliability): no judgement."""
    return [
        ChangeView(scale.id, _pick(scale.name, language), round(earlier[scale.id]), round(now[scale.id]), False, 0, "")
        for scale in current.scales.values()
        if scale.id in earlier and scale.id in now
    ]


# --- the questions, page by page ---------------------------------------------------------------

QUESTIONS_PER_PAGE = 6


@dataclass(frozen=True)
class Question:
    """One question as a form shows it: its wording and choices in the reader's language."""

    id: str
    number: int  # counted from 1 across the whole test (or the safety page)
    text: str
    choices: list[tuple[int, str]]  # (code, label), in order
    chosen: int | None
    missing: bool  # submitted without an answer


def pages(instrument: Instrument) -> list[list[Item]]:
    """The test's questions, QUESTIONS_PER_PAGE to a page, in the instrument's order."""
    items = instrument.items
    return [items[i : i + QUESTIONS_PER_PAGE] for i in range(0, len(items), QUESTIONS_PER_PAGE)]


def first_unanswered_page(instrument: Instrument, answers: Mapping[str, object]) -> int:
    """The number of the first page with a question not yet answered; 0 when all are."""
    for number, items in enumerate(pages(instrument), start=1):
        if any(item.id not in answers for item in items):
            return number
    return 0


def questions(
    instrument: Instrument,
    items: Sequence[Item | SafetyItem],
    language: str,
    chosen: Mapping[str, int],
    missing: Collection[str] = (),
    first_number: int = 1,
) -> list[Question]:
    return [
        Question(
            id=item.id,
            number=first_number + index,
            text=_pick(item.text, language),
            choices=scoring.answer_choices(instrument, item, language),
            chosen=chosen.get(item.id),
            missing=item.id in missing,
        )
        for index, item in enumerate(items)
    ]
