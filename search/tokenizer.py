"""Turning text and queries into search terms, the same way for both. Plain Python, no Django.

- Width, case and script are folded first: full-width letters become half-width (NFKC), and
  traditional characters typed by habit become simplified (OpenCC t2s), so 拒絕 finds 拒绝.
- English words are reduced to their Snowball stem, so apologize, apologizing and apology meet.
- Chinese has no spaces, so a run of Han characters is indexed as its single characters and
  its overlapping pairs: a one-character query matches the character, a longer one must match
  every pair in it, in any document containing the phrase (and, rarely, others).
- Every term is written in plain ASCII (Han terms as hex code points), so SQLite's FTS5 and
  PostgreSQL's 'simple' parser both keep each term exactly as it is.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field
from functools import lru_cache

import opencc
import snowballstemmer

from base.chinese import HAN

MAX_QUERY_CHARS = 200
MAX_QUERY_GROUPS = 12
_HAN = HAN
_PIECES = re.compile(rf"[{_HAN}]+|[a-z0-9]+(?:['’][a-z]+)*")
_HAN_RUN = re.compile(rf"^[{_HAN}]+$")
_converter = opencc.OpenCC("t2s")
# Words that say nothing about what a reader looks for, and the operators people type by habit.
STOPWORDS = frozenset(
    [
        "a",
        "an",
        "and",
        "are",
        "as",
        "at",
        "be",
        "but",
        "by",
        "do",
        "does",
        "for",
        "from",
        "had",
        "has",
        "have",
        "he",
        "her",
        "him",
        "his",
        "how",
        "i",
        "if",
        "in",
        "into",
        "is",
        "it",
        "its",
        "me",
        "my",
        "not",
        "of",
        "on",
        "or",
        "our",
        "she",
        "so",
        "than",
        "that",
        "the",
        "their",
        "them",
        "then",
        "there",
        "they",
        "this",
        "to",
        "too",
        "us",
        "was",
        "we",
        "were",
        "what",
        "when",
        "where",
        "which",
        "who",
        "why",
        "will",
        "with",
        "you",
        "your",
    ]
)
_stemmer = snowballstemmer.stemmer("english")


@lru_cache(maxsize=50_000)
def stem(word: str) -> str:
    return str(_stemmer.stemWord(word.replace("’", "'").split("'")[0]))


def normalise(text: str) -> str:
    return str(_converter.convert(unicodedata.normalize("NFKC", text).casefold()))


def han_term(chars: str) -> str:
    return "x" + "".join(f"{ord(c):x}" for c in chars)


def pieces(text: str) -> list[str]:
    """Words and Han runs of normalised text, in order."""
    return _PIECES.findall(normalise(text))


def index_terms(text: str) -> str:
    """The space-separated terms a document is indexed under."""
    terms: list[str] = []
    for piece in pieces(text):
        if _HAN_RUN.match(piece):
            terms.extend(han_term(c) for c in piece)
            terms.extend(han_term(piece[i : i + 2]) for i in range(len(piece) - 1))
        else:
            terms.append(stem(piece))
    return " ".join(terms)


@dataclass
class Query:
    """Groups of alternative terms: a document must match one term of every group."""

    groups: list[set[str]] = field(default_factory=list)
    # What to highlight: English stems and Han runs, normalised.
    stems: set[str] = field(default_factory=set)
    han_runs: list[str] = field(default_factory=list)
    # English words long enough to be worth correcting when they are not in the index.
    correctable: list[tuple[int, str]] = field(default_factory=list)

    @property
    def empty(self) -> bool:
        return not self.groups


def parse_query(raw: str) -> Query:
    """Any text at all gives a Query; operators and punctuation are simply not terms."""
    query = Query()
    for piece in pieces(raw[:MAX_QUERY_CHARS]):
        if _HAN_RUN.match(piece):
            query.han_runs.append(piece)
            if len(piece) == 1:
                query.groups.append({han_term(piece)})
            else:
                query.groups.extend({han_term(piece[i : i + 2])} for i in range(len(piece) - 1))
        elif piece not in STOPWORDS:
            word_stem = stem(piece)
            query.stems.add(word_stem)
            if len(piece) >= 5:
                query.correctable.append((len(query.groups), piece))
            query.groups.append({word_stem})
    query.groups = query.groups[:MAX_QUERY_GROUPS]
    query.correctable = [(i, s) for i, s in query.correctable if i < MAX_QUERY_GROUPS]
    return query


def within_one_edit(a: str, b: str) -> bool:
    """True when b is a away by one insertion, deletion, substitution or swap of neighbours."""
    if a == b or abs(len(a) - len(b)) > 1:
        return a == b
    if len(a) == len(b):
        diffs = [i for i, (x, y) in enumerate(zip(a, b, strict=True)) if x != y]
        if len(diffs) == 1:
            return True
        return (
            len(diffs) == 2 and diffs[1] == diffs[0] + 1 and a[diffs[0]] == b[diffs[1]] and a[diffs[1]] == b[diffs[0]]
        )
    shorter, longer = (a, b) if len(a) < len(b) else (b, a)
    return any(longer[:i] + longer[i + 1 :] == shorter for i in range(len(longer)))


def english_words(text: str) -> set[str]:
    return {piece for piece in pieces(text) if not _HAN_RUN.match(piece)}


def correct(query: Query, vocabulary: frozenset[str]) -> Query:
    """Let a long English word that is not in the index also match the index's words one edit away."""
    for group_index, word in query.correctable:
        if word in vocabulary:
            continue
        near = {stem(term) for term in vocabulary if abs(len(term) - len(word)) <= 1 and within_one_edit(word, term)}
        query.groups[group_index] |= near
        query.stems |= near
    return query
