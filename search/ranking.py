"""Ranking the candidates both engines return, in the same way on both. Plain Python, no Django.

SQLite's bm25() and PostgreSQL's ts_rank_cd() disagree, so the engines only find candidates,
and this module orders them with BM25 (Robertson and Zaragoza, 2009): rare terms count more than
common ones, repeats count less and less, long documents are not favoured for being long, and a
term in a title counts as several in a body. A reader's query must match one term per group.
"""

from __future__ import annotations

import math
from collections import Counter
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


def score(candidate: Candidate, groups: list[set[str]], stats: Statistics) -> float:
    title = Counter(candidate.title_terms.split())
    body = Counter(candidate.body_terms.split())
    length = sum(body.values()) + sum(title.values())
    norm = K1 * (1 - B + B * length / max(stats.average_length, 1.0))
    total = 0.0
    for group in groups:
        best = 0.0
        for term in group:
            tf = TITLE_WEIGHT * title.get(term, 0) + body.get(term, 0)
            if tf:
                best = max(best, stats.idf(term) * tf * (K1 + 1) / (tf + norm))
        total += best
    return total * KIND_BOOST.get(candidate.kind, 1.0)


def rank(candidates: list[Candidate], groups: list[set[str]], stats: Statistics) -> list[tuple[Candidate, float]]:
    """Best first; equal scores keep a stable order by id, so both engines agree exactly."""
    scored = [(c, score(c, groups, stats)) for c in candidates]
    return sorted(scored, key=lambda pair: (-pair[1], pair[0].id))
