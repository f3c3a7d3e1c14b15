"""One interface to two full-text engines. Terms arrive already tokenized (search.tokenizer)
and contain only ASCII letters and digits, so building the match expression cannot inject."""

from __future__ import annotations

import re

from django.db import connection

from .tokenizer import Query

_SAFE = re.compile(r"^[a-z0-9]+$")
TITLE_WEIGHT, BODY_WEIGHT = 8.0, 1.0


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
        else:
            cursor.execute(
                "UPDATE search_searchdocument SET vector = setweight(to_tsvector('simple', title_terms), 'A') "
                "|| setweight(to_tsvector('simple', body_terms), 'D')"
            )


def search(query: Query, language: str, limit: int, require_all: bool = True) -> list[tuple[int, float]]:
    """(document id, score), best first. Higher scores are better on both engines."""
    groups = [_terms(group) for group in query.groups]
    groups = [group for group in groups if group]
    if not groups:
        return []
    with connection.cursor() as cursor:
        if connection.vendor == "sqlite":
            joiner = " AND " if require_all else " OR "
            expression = joiner.join("(" + " OR ".join(f'"{t}"' for t in group) + ")" for group in groups)
            cursor.execute(
                "SELECT doc_id, bm25(search_fts, 0.0, %s, %s) AS rank FROM search_fts "
                "WHERE search_fts MATCH %s AND language = %s ORDER BY rank LIMIT %s",
                [TITLE_WEIGHT, BODY_WEIGHT, f"{{title body}} : ({expression})", language, limit],
            )
            return [(int(doc_id), -float(rank)) for doc_id, rank in cursor.fetchall()]
        joiner = " & " if require_all else " | "
        expression = joiner.join("(" + " | ".join(group) + ")" for group in groups)
        cursor.execute(
            "SELECT id, ts_rank_cd(vector, q, 1) AS rank FROM search_searchdocument, to_tsquery('simple', %s) q "
            "WHERE language = %s AND vector @@ q ORDER BY rank DESC, id LIMIT %s",
            [expression, language, limit],
        )
        return [(int(doc_id), float(rank)) for doc_id, rank in cursor.fetchall()]
