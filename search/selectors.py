"""Searching: a query in, ranked results with highlighted snippets out, in one language."""

from __future__ import annotations

import re
import time
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from django.conf import settings
from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe

from base.chinese import HAN
from core.cache import content_version

from . import backends, ranking
from .danger import DANGER_FILE, SAFETY_ARTICLE, DangerPhrases, read_danger_phrases
from .models import SearchDocument, SearchTerm, TermStatistic
from .services import DOCUMENT_COUNT, TERM_COUNT
from .tokenizer import Query, correct, normalise, parse_query, stem

CANDIDATES = 150
# Above this many expected matches the engine is not asked to rank them all (slow on a large
# index); the bundled wiki stays below it for all but its commonest words.
RANKED_MATCHES = 300
MAX_RESULTS = 30
PER_ARTICLE = 3
SNIPPET_CHARS = {"en": 180, "zh-hans": 90}
_WORD_OR_HAN = re.compile(rf"[A-Za-z0-9]+(?:['’][A-Za-z]+)*|[{HAN}]")
_vocabulary: dict[str, tuple[int, frozenset[str]]] = {}


@dataclass(frozen=True)
class Hit:
    kind: str
    title: str
    url: str
    snippet: SafeString
    article_slug: str
    score: float


def vocabulary(language: str) -> frozenset[str]:
    """The index's English stems, remembered per process until the content changes."""
    # One entry per language: alternating English and Chinese searches must not reload each other's.
    version = content_version()
    cached = _vocabulary.get(language)
    if cached is None or cached[0] != version:
        cached = (version, frozenset(SearchTerm.objects.filter(language=language).values_list("term", flat=True)))
        _vocabulary[language] = cached
    return cached[1]


def candidates(groups: list[set[str]], language: str, stats: ranking.Statistics, limit: int) -> list[int]:
    """Documents worth ranking, found by the engine: with every word first, then with some."""
    frequencies = [sum(stats.frequency.get(term, 0) for term in group) for group in groups]
    found = _engine(groups, language, require_all=True, expected=min(frequencies))
    if len(found) < limit and len(groups) > 1:
        seen = set(found)
        # A rare word ("wheelchair") says most about what is wanted: every document holding one of
        # the query's rare words is ranked, even when common words ("sex", "partner") match hundreds.
        for frequency, group in sorted(zip(frequencies, groups, strict=True), key=lambda pair: pair[0]):
            if 0 < frequency <= RANKED_MATCHES:
                rare = [i for i in backends.search([group], language, CANDIDATES, require_all=True) if i not in seen]
                found += rare
                seen.update(rare)
        found += [i for i in _engine(groups, language, require_all=False, expected=sum(frequencies)) if i not in seen]
    return found


def _engine(groups: list[set[str]], language: str, *, require_all: bool, expected: int) -> list[int]:
    if expected <= RANKED_MATCHES:
        return backends.search(groups, language, CANDIDATES, require_all=require_all)
    # Too many matches to rank them all quickly: title matches first, then others as they come;
    # BM25 in Python then orders whatever was found.
    found = backends.search(groups, language, CANDIDATES // 2, require_all=require_all, title_only=True, ranked=False)
    seen = set(found)
    rest = backends.search(groups, language, CANDIDATES // 2, require_all=require_all, ranked=False)
    return found + [i for i in rest if i not in seen]


def statistics(language: str, terms: set[str]) -> ranking.Statistics:
    wanted = {*terms, DOCUMENT_COUNT, TERM_COUNT}
    frequency = dict(TermStatistic.objects.filter(language=language, term__in=wanted).values_list("term", "documents"))
    count = frequency.pop(DOCUMENT_COUNT, 0)
    total = frequency.pop(TERM_COUNT, 0)
    return ranking.Statistics(count, total / count if count else 1.0, frequency)


def _marks(text: str, query: Query) -> list[bool]:
    """Which characters of text belong to a matched word or Han run."""
    marked = [False] * len(text)
    for match in _WORD_OR_HAN.finditer(text):
        word = match.group()
        if word.isascii() and stem(normalise(word)) in query.stems:
            marked[match.start() : match.end()] = [True] * (match.end() - match.start())
    if query.han_runs:
        folded = "".join(normalise(ch) if len(normalise(ch)) == 1 else "\0" for ch in text)
        for run in query.han_runs:
            for found in re.finditer(re.escape(run), folded):
                marked[found.start() : found.end()] = [True] * len(run)
    return marked


def snippet(text: str, query: Query, language: str) -> SafeString:
    width = SNIPPET_CHARS.get(language, 160)
    marked = _marks(text, query)
    first = marked.index(True) if True in marked else 0
    start = max(0, first - width // 3)
    if language == "en" and start:
        space = text.rfind(" ", 0, start)
        start = space + 1 if space >= 0 else start
    end = min(len(text), start + width)
    if language == "en" and end < len(text):
        # End on a word boundary too, so no half word (or half a highlight) is left before the "…".
        space = text.rfind(" ", start, end + 1)
        end = space if space > start + width // 2 else end
    parts: list[str] = ["…" if start else ""]
    position = start
    while position < end:
        current = marked[position]
        stop = position
        while stop < end and marked[stop] == current:
            stop += 1
        chunk = escape(text[position:stop])
        parts.append(f"<mark>{chunk}</mark>" if current else chunk)
        position = stop
    parts.append("…" if end < len(text) else "")
    return mark_safe("".join(parts))


def search(raw: str, language: str, limit: int = MAX_RESULTS) -> tuple[list[Hit], float]:
    """Ranked hits and the time taken in seconds. Any text is a valid query.

    A query in a reader's own words about a partner who forces, pressures or will not take no
    (content/search/danger-phrases.yaml) always puts the article on coercion first.
    """
    started = time.perf_counter()
    hits = _ranked(raw, language, limit)
    if is_danger(raw, language):
        hits = _safety_first(hits, language)[:limit]
    return hits, time.perf_counter() - started


SNIPPET_FALLBACK = 200


def is_danger(raw: str, language: str) -> bool:
    phrases = danger_phrases()
    return phrases is not None and phrases.matches(raw or "", language)


@lru_cache(maxsize=2)
def _danger_phrases(root: str, stamp: float) -> DangerPhrases | None:
    return read_danger_phrases(Path(root))[0]


def danger_phrases() -> DangerPhrases | None:
    root = Path(settings.CONTENT_DIR)
    path = root / DANGER_FILE
    return _danger_phrases(str(root), path.stat().st_mtime) if path.exists() else None


def _safety_first(hits: list[Hit], language: str) -> list[Hit]:
    first = [h for h in hits if h.article_slug == SAFETY_ARTICLE and h.kind == "article"]
    if not first:
        row = (
            SearchDocument.objects.filter(language=language, kind="article", article_slug=SAFETY_ARTICLE)
            .values_list("title", "url", "text")
            .first()
        )
        if row is None:
            return hits
        title, url, text = row
        first = [Hit("article", title, url, SafeString(escape(text[:SNIPPET_FALLBACK])), SAFETY_ARTICLE, 0.0)]
    return first + [h for h in hits if h not in first]


def _ranked(raw: str, language: str, limit: int) -> list[Hit]:
    query = parse_query(raw or "")
    if query.empty:
        return []
    query = correct(query, vocabulary(language))
    # A word typed twice ("bit by bit") is one word to look for, not twice the weight.
    groups = [group for index, group in enumerate(query.groups) if group not in query.groups[:index]]
    stats = statistics(language, {term for group in groups for term in group})
    ids = candidates(groups, language, stats, limit)
    documents = SearchDocument.objects.defer("text").in_bulk(ids)
    pool = [ranking.Candidate(d.pk, d.kind, d.title_terms, d.body_terms) for d in (documents.get(i) for i in ids) if d]
    complete = [c for c in pool if ranking.matches_all(c, groups)]
    ranked = ranking.rank(complete, groups, stats)
    if len(ranked) < limit and len(groups) > 1:
        # Too few documents have every word: after them come documents with some of the words.
        complete_ids = {c.id for c in complete}
        partial = [c for c in pool if c.id not in complete_ids]
        ranked += ranking.rank(partial, groups, stats)
    texts = dict(SearchDocument.objects.filter(pk__in=[c.id for c, _ in ranked[: limit * 3]]).values_list("pk", "text"))
    hits: list[Hit] = []
    per_article: dict[str, int] = {}
    for candidate, score in ranked:
        document = documents[candidate.id]
        if document.article_slug:
            if per_article.get(document.article_slug, 0) >= PER_ARTICLE:
                continue
            per_article[document.article_slug] = per_article.get(document.article_slug, 0) + 1
        hits.append(
            Hit(
                document.kind,
                document.title,
                document.url,
                snippet(texts.get(document.pk, ""), query, language),
                document.article_slug,
                score,
            )
        )
        if len(hits) >= limit:
            break
    return hits


# --- the results page: hits grouped by kind, with counts, a kind filter and pages -----------------

# What the reader can filter by, and the document kinds each covers, in the order shown.
KINDS: dict[str, tuple[str, ...]] = {
    "articles": ("article", "section"),
    "faq": ("faq",),
    "phrases": ("phrase",),
    "glossary": ("concept",),
}
POOL = 150  # as many hits as the engine ranks (CANDIDATES)
PAGE_SIZE = 10
PREVIEW = 4


@dataclass(frozen=True)
class KindGroup:
    kind: str
    hits: list[Hit]
    count: int


@dataclass(frozen=True)
class ResultsPage:
    groups: list[KindGroup]
    counts: dict[str, int]
    total: int
    kind: str
    page: int
    pages: int


def kind_of(hit: Hit) -> str:
    return next((key for key, kinds in KINDS.items() if hit.kind in kinds), "articles")


def results_page(hits: list[Hit], kind: str = "", page: int = 1) -> ResultsPage:
    """Ranked hits grouped by kind. All kinds: a few of each, the group with the best hit first.
    One kind: that kind's hits, a page at a time."""
    by_kind: dict[str, list[Hit]] = {key: [] for key in KINDS}
    for hit in hits:
        by_kind[kind_of(hit)].append(hit)
    counts = {key: len(found) for key, found in by_kind.items()}
    if kind in KINDS:
        found = by_kind[kind]
        pages = max(1, -(-len(found) // PAGE_SIZE))
        page = min(max(page, 1), pages)
        shown = found[(page - 1) * PAGE_SIZE : page * PAGE_SIZE]
        groups = [KindGroup(kind, shown, len(found))] if shown else []
        return ResultsPage(groups, counts, len(hits), kind, page, pages)
    order = sorted((key for key in KINDS if by_kind[key]), key=lambda key: hits.index(by_kind[key][0]))
    groups = [KindGroup(key, by_kind[key][:PREVIEW], counts[key]) for key in order]
    return ResultsPage(groups, counts, len(hits), "", 1, 1)
