"""One interface to two full-text engines. Terms arrive already tokenized (search.tokenizer)
and contain only ASCII letters and digits, so building the match expression cannot inject."""

from __future__ import annotations

import re

from django.db import connection

from .ranking import TITLE_WEIGHT

_SAFE = re.compile(r"^[a-z0-9]+$")

BODY_WEIGHT = 1.0  # TITLE_WEIGHT: a title word counts as this many body words, here as in ranking.py


def _terms(group: set[str]) -> list[str]:
    return sorted(term for term in group if _SAFE.match(term))


def rebuild(documents: list[tuple[int, str, str, str]]) -> None:
    """(id, language, title terms, body terms) for every document; replaces the whole index."""
    with connection.cursor() as cursor:
        if connection.vendor == "sqlite":
            cursor.execute("DELETE FROM search_fts")
            cursor.executemany(
                "INSERT INTO search_fts (language, title, body, doc_id) VALUES (%s, %s, %s, %s)",
                [(language, title, body, doc_id) for doc_id, language, title, body in documents],
            )
            cursor.execute("INSERT INTO search_fts (search_fts) VALUES ('optimize')")
        else:
            cursor.execute(
                "UPDATE search_searchdocument SET title_vector = to_tsvector('simple', title_terms), "
                "vector = setweight(to_tsvector('simple', title_terms), 'A') "
                "|| setweight(to_tsvector('simple', body_terms), 'D')"
            )
            # Fresh statistics, or the planner keeps estimating from the old index's rows.
            cursor.execute("ANALYZE search_searchdocument")


def search(
    groups: list[set[str]], language: str, limit: int, *, require_all: bool = True, title_only: bool = False,
    ranked: bool = True,
) -> list[int]:  # fmt: skip
    """Ids of matching documents, the engine's best first (or in index order when not ranked).

    Ranking every match of a very common term is what makes a search slow on a large index, so
    the caller can ask for title matches only, or for matches without ranking.
    """
    safe = [terms for terms in (_terms(group) for group in groups) if terms]
    if not safe:
        return []
    with connection.cursor() as cursor:
        if connection.vendor == "sqlite":
            joiner = " AND " if require_all else " OR "
            expression = joiner.join("(" + " OR ".join(f'"{t}"' for t in group) + ")" for group in safe)
            columns = "{title}" if title_only else "{title body}"
            order = "ORDER BY rank" if ranked else ""
            cursor.execute(
                "SELECT doc_id, bm25(search_fts, 0.0, %s, %s) AS rank FROM search_fts "
                f"WHERE search_fts MATCH %s AND language = %s {order} LIMIT %s",
                [TITLE_WEIGHT, BODY_WEIGHT, f"{columns} : ({expression})", language, limit],
            )
            return [int(doc_id) for doc_id, _ in cursor.fetchall()]
        joiner = " & " if require_all else " | "
        expression = joiner.join("(" + " | ".join(group) + ")" for group in safe)
        column = "title_vector" if title_only else "vector"
        order = f"ORDER BY ts_rank_cd({column}, q, 1) DESC, id" if ranked else ""
        cursor.execute(
            "SELECT id FROM search_searchdocument, to_tsquery('simple', %s) q "
            f"WHERE language = %s AND {column} @@ q {order} LIMIT %s",
            [expression, language, limit],
        )
        return [int(doc_id) for (doc_id,) in cursor.fetchall()]
