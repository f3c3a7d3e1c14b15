"""No sentence shown to a reader claims the opposite level of one of that reader's own scores.

Every text that depends on a scale is tagged in the instrument file with the levels it assumes
(a pattern's `requires`, a passage's `assumes`, a scale's level texts). These property tests
generate answer sets, build the whole result as a reader sees it, and check every tagged text
that appears, in both languages: first through the audit list the presentation keeps, then
independently, by looking for each tagged text of the file in everything the view shows.
"""

from __future__ import annotations

import dataclasses
from pathlib import Path
from typing import Any

from django.conf import settings
from hypothesis import HealthCheck, given
from hypothesis import settings as hypothesis_settings
from hypothesis import strategies as st

from assessment import presentation, scoring
from assessment.instrument import Assumes, Instrument
from assessment.instrument_file import read_instruments

INSTRUMENTS, _ = read_instruments(Path(settings.CONTENT_DIR))
V2: Instrument = INSTRUMENTS["communication-patterns/v2"]
NA = 0
OPPOSITE = {"low": "high", "high": "low"}
PROPERTY = hypothesis_settings(deadline=None, suppress_health_check=[HealthCheck.too_slow], max_examples=300)


@st.composite
def answer_sets(draw: st.DrawFn) -> dict[str, int]:
    """Realistic and unrealistic answers alike: a profile the answers aim at, some noise, some
    "does not apply", and now and then an answer style (one position, or agreeing with everything)."""
    kind = draw(st.sampled_from(["profile", "profile", "profile", "random", "style"]))
    if kind == "random":
        answers = {item.id: draw(st.integers(1, 5)) for item in V2.items}
    elif kind == "style":
        low = draw(st.integers(1, 4))
        answers = {item.id: draw(st.integers(low, low + 1)) for item in V2.items}
    else:
        targets = {scale: draw(st.integers(0, 100)) for scale in V2.scales}
        answers = scoring.answers_for_scores(V2, targets)
        for item_id in draw(st.lists(st.sampled_from([i.id for i in V2.items]), max_size=8)):
            answers[item_id] = draw(st.integers(1, 5))
    if draw(st.booleans()):
        for item in V2.items_of("intimacy"):
            if draw(st.booleans()):
                answers[item.id] = NA
    return answers


def holds(assumes: Assumes, levels: dict[str, str | None]) -> bool:
    return all(levels.get(scale) in allowed for scale, allowed in assumes.items())


def everything_shown(value: Any) -> list[str]:
    """Every string a view holds, however deep (what any page, share page or PDF could show)."""
    if isinstance(value, str):
        return [value]
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        return [
            s for f in dataclasses.fields(value) if f.name != "shown" for s in everything_shown(getattr(value, f.name))
        ]
    if isinstance(value, list | tuple):
        return [s for v in value for s in everything_shown(v)]
    if isinstance(value, dict):
        return [s for v in value.values() for s in everything_shown(v)]
    return []


def tagged_texts(language: str) -> list[tuple[str, Assumes]]:
    """Every text of the file that assumes something about a scale, with what it assumes."""
    found: list[tuple[str, Assumes]] = []
    for scale in V2.scales.values():
        for level in ("low", "middle", "high"):
            found.append((scale.meaning(level)[language], {scale.id: frozenset({level})}))
    for pattern in V2.patterns.values():
        for passage in [*pattern.in_conflict, *pattern.in_intimacy]:
            found.append((passage.text[language], {**pattern.requires, **passage.assumes}))
        for text in [pattern.summary[language], pattern.growth[language], *pattern.strengths[language]]:
            found.append((text, pattern.requires))
    for blend in V2.blends.values():
        for passage in blend.text:
            found.append((passage.text[language], passage.assumes))
    nsp = V2.no_single_pattern
    assert nsp is not None
    for passage in [*nsp.in_conflict, *nsp.in_intimacy]:
        found.append((passage.text[language], passage.assumes))
    return [(text, assumes) for text, assumes in found if assumes]


TAGGED = {language: tagged_texts(language) for language in ("en", "zh-hans")}


@PROPERTY
@given(answer_sets(), st.sampled_from(["en", "zh-hans"]))
def test_no_shown_text_assumes_a_level_the_reader_does_not_have(answers: dict[str, int], language: str) -> None:
    view = presentation.result_view(V2, answers, {}, language)
    levels = {scale.id: scale.level for scale in view.scales}
    for shown in view.shown:
        assert holds(shown.assumes, levels), (shown.text, shown.assumes, levels)


SENTENCE_ENDS = ".!?。！？”"


def stands_whole(text: str, corpus: str) -> bool:
    """Whether `text` is shown as a passage of its own, not as words inside another one: it starts
    a text or follows a sentence's end (English passages are joined with a space, Chinese ones with
    nothing), and it ends a text or a sentence."""
    start = corpus.find(text)
    while start != -1:
        before = corpus[:start].rstrip(" ")
        after = corpus[start + len(text) :].lstrip(" ")
        starts_whole = not before or before[-1] in "\n" + SENTENCE_ENDS
        ends_whole = not after or after[0] == "\n" or text[-1] in SENTENCE_ENDS
        if starts_whole and ends_whole:
            return True
        start = corpus.find(text, start + 1)
    return False


def test_a_passage_stands_whole_only_between_passages() -> None:
    assert stands_whole("你往往会沉默。", " 你会追问。你往往会沉默。你会回来。 ")
    assert stands_whole("You go quiet.", " You pursue. You go quiet. ")
    assert not stands_whole("觉得被听见", " 能让对方觉得被听见。 ")
    assert not stands_whole("go quiet.", " You go quiet. ")


@PROPERTY
@given(answer_sets(), st.sampled_from(["en", "zh-hans"]))
def test_no_tagged_text_of_the_file_appears_where_it_does_not_hold(answers: dict[str, int], language: str) -> None:
    view = presentation.result_view(V2, answers, {}, language)
    levels = {scale.id: scale.level for scale in view.scales}
    corpus = "\n".join(f" {text} " for text in everything_shown(view))
    for text, assumes in TAGGED[language]:
        if stands_whole(text, corpus):
            assert holds(assumes, levels), (text, assumes, levels)


@PROPERTY
@given(answer_sets())
def test_no_pattern_given_has_a_profile_level_opposite_to_the_readers(answers: dict[str, int]) -> None:
    """The issue measured 15% of results with a scale in the band opposite to their pattern's profile."""
    scored = scoring.score(V2, answers)
    levels = scoring.levels_of(scored.measured)
    for pattern_id in scored.reading.patterns:
        for scale, value in V2.patterns[pattern_id].prototype.items():
            profile_level = scoring.level_of(scoring.round_score(value))
            if profile_level in OPPOSITE:
                assert levels.get(scale) != OPPOSITE[profile_level], (pattern_id, scale, levels)


@PROPERTY
@given(answer_sets(), st.sampled_from(["en", "zh-hans"]))
def test_every_section_says_something(answers: dict[str, int], language: str) -> None:
    view = presentation.result_view(V2, answers, {}, language)
    assert view.pattern.name and view.pattern.summary and view.pattern.in_conflict and view.pattern.in_intimacy
    assert len(view.pattern.plan) == 14 and view.pattern.strengths


def test_the_audit_sees_every_kind_of_text() -> None:
    """Guard against a check that passes because it looks at nothing."""
    blend_answers = scoring.answers_for_scores(
        V2, {"expressing": 70, "listening": 42, "pursuing": 70, "withdrawing": 22, "repair": 48, "rejection": 52,
             "intimacy": 80}
    )  # fmt: skip
    view = presentation.result_view(V2, blend_answers, {}, "en")
    kinds = {tuple(sorted(shown.assumes)) for shown in view.shown}
    assert view.is_blend and ("intimacy",) in kinds and len(view.shown) > 20


def test_the_check_of_tagged_texts_sees_them_in_both_languages() -> None:
    """Guard: Chinese passages are joined without spaces, and the check must still find them whole."""
    blend_answers = scoring.answers_for_scores(
        V2, {"expressing": 70, "listening": 42, "pursuing": 70, "withdrawing": 22, "repair": 48, "rejection": 52,
             "intimacy": 80}
    )  # fmt: skip
    found = {}
    for language in ("en", "zh-hans"):
        view = presentation.result_view(V2, blend_answers, {}, language)
        corpus = "\n".join(f" {text} " for text in everything_shown(view))
        found[language] = sum(stands_whole(text, corpus) for text, _ in TAGGED[language])
    assert found["en"] == found["zh-hans"] > 20
