"""Searching: a query in, ranked results with highlighted snippets out, in one language."""

from __future__ import annotations

import re
import time
from dataclasses import dataclass
from typing import Any

from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe

from core.cache import content_version

from . import backends, ranking
from .models import SearchDocument, SearchTerm, TermStatistic
from .services import DOCUMENT_COUNT, TERM_COUNT
from .tokenizer import Query, correct, normalise, parse_query, stem

CANDIDATES = 200
MAX_RESULTS = 30
PER_ARTICLE = 3
SNIPPET_CHARS = {"en": 180, "zh-hans": 90}
_WORD_OR_HAN = re.compile(r"[A-Za-z0-9]+(?:['’][A-Za-z]+)*|[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]")
_vocabulary: dict[str, Any] = {}


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
    key = (language, content_version())
    if _vocabulary.get("key") != key:
        _vocabulary.update(
            key=key, terms=frozenset(SearchTerm.objects.filter(language=language).values_list("term", flat=True))
        )
    return _vocabulary["terms"]


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
    """Ranked hits and the time taken in seconds. Any text is a valid query."""
    started = time.perf_counter()
    query = parse_query(raw or "")
    if query.empty:
        return [], time.perf_counter() - started
    query = correct(query, vocabulary(language))
    tiers = [backends.search(query, language, CANDIDATES, require_all=True)]
    if len(tiers[0]) < limit and len(query.groups) > 1:
        # Too few documents have every word: after them come documents with some of the words.
        seen = {doc_id for doc_id, _ in tiers[0]}
        tiers.append(
            [hit for hit in backends.search(query, language, CANDIDATES, require_all=False) if hit[0] not in seen]
        )
    documents = SearchDocument.objects.in_bulk([doc_id for tier in tiers for doc_id, _ in tier])
    stats = statistics(language, {term for group in query.groups for term in group})
    ranked: list[tuple[SearchDocument, float]] = []
    for tier in tiers:
        candidates = [
            ranking.Candidate(d.pk, d.kind, d.title_terms, d.body_terms)
            for d in (documents.get(doc_id) for doc_id, _ in tier)
            if d is not None
        ]
        ranked += [(documents[c.id], value) for c, value in ranking.rank(candidates, query.groups, stats)]
    hits: list[Hit] = []
    per_article: dict[str, int] = {}
    for document, score in ranked:
        if document.article_slug:
            if per_article.get(document.article_slug, 0) >= PER_ARTICLE:
                continue
            per_article[document.article_slug] = per_article.get(document.article_slug, 0) + 1
        hits.append(
            Hit(
                document.kind,
                document.title,
                document.url,
                snippet(document.text, query, language),
                document.article_slug,
                score,
            )
        )
        if len(hits) >= limit:
            break
    return hits, time.perf_counter() - started
