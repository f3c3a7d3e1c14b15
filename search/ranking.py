"""Ranking the candidates both engines return, in the same way on both. Plain Python, no Django.

SQLite's bm25() and PostgreSQL's ts_rank_cd() disagree, so the engines only find candidates,
and this module orders them with BM25 (Robertson and Zaragoza, 2009): rare terms count more than
common ones, repeats count less and less, long documents are not favoured for being long, and a
term in a title counts as several in a body. A reader's query must match one term per group.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

K1, B = 1.2, 0.75
TITLE_WEIGHT = 4.0
# An article's own title and summary, or a concept's name, outrank a passing mention.
KIND_BOOST = {"article": 1.6, "concept": 1.4, "section": 1.0, "faq": 1.0, "phrase": 0.9}


@dataclass(frozen=True)
class Candidate:
    id: int
    kind: str
    title_terms: str
    body_terms: str


@dataclass(frozen=True)
class Statistics:
    documents: int
    average_length: float
    frequency: dict[str, int]

    def idf(self, term: str) -> float:
        df = self.frequency.get(term, 0)
        return math.log(1 + (self.documents - df + 0.5) / (df + 0.5))


def _count(terms: str, term: str) -> int:
    # Terms are space-separated and never contain spaces, so counting " term " is exact (and fast).
    return f" {terms} ".count(f" {term} ")


def score(candidate: Candidate, groups: list[set[str]], stats: Statistics) -> float:
    length = candidate.title_terms.count(" ") + candidate.body_terms.count(" ") + 2
    norm = K1 * (1 - B + B * length / max(stats.average_length, 1.0))
    total = 0.0
    for group in groups:
        best = 0.0
        for term in group:
            tf = TITLE_WEIGHT * _count(candidate.title_terms, term) + _count(candidate.body_terms, term)
            if tf:
                best = max(best, stats.idf(term) * tf * (K1 + 1) / (tf + norm))
        total += best
    return total * KIND_BOOST.get(candidate.kind, 1.0)


def matches_all(candidate: Candidate, groups: list[set[str]]) -> bool:
    text = f" {candidate.title_terms} {candidate.body_terms} "
    return all(any(f" {term} " in text for term in group) for group in groups)


def rank(candidates: list[Candidate], groups: list[set[str]], stats: Statistics) -> list[tuple[Candidate, float]]:
    """Best first; equal scores keep a stable order by id, so both engines agree exactly."""
    scored = [(c, score(c, groups, stats)) for c in candidates]
    return sorted(scored, key=lambda pair: (-pair[1], pair[0].id))
