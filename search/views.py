"""The search page, and suggestions as the reader types."""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import render
from django.utils.translation import get_language

from core.ratelimit import rate_limited

from .selectors import search
from .tokenizer import MAX_QUERY_CHARS

SUGGESTIONS = 6


@rate_limited("search", methods=("GET",))
def results(request: HttpRequest) -> HttpResponse:
    raw = request.GET.get("q", "")
    query = raw.strip()[:MAX_QUERY_CHARS]
    hits, _ = search(query, get_language()) if query else ([], 0.0)
    response = render(
        request,
        "search/results.html",
        {"query": query, "hits": hits, "truncated": len(raw.strip()) > MAX_QUERY_CHARS},
    )
    # What someone searched for is nobody else's business: not in shared caches, not in referrers.
    response["Cache-Control"] = "private, no-cache"
    response["Referrer-Policy"] = "no-referrer"
    return response


@rate_limited("search", methods=("GET",))
def suggest(request: HttpRequest) -> JsonResponse:
    query = request.GET.get("q", "").strip()[:MAX_QUERY_CHARS]
    hits, _ = search(query, get_language(), limit=SUGGESTIONS * 3) if len(query) >= 1 else ([], 0.0)
    seen: set[str] = set()
    suggestions = []
    for hit in hits:
        key = hit.article_slug or hit.url
        if key in seen:
            continue
        seen.add(key)
        suggestions.append(
            {
                "title": hit.title.split(" · ")[0],
                "url": hit.url if hit.kind == "concept" else hit.url.split("#")[0],
                "kind": hit.kind,
            }
        )
        if len(suggestions) == SUGGESTIONS:
            break
    response = JsonResponse({"query": query, "suggestions": suggestions})
    response["Cache-Control"] = "private, no-cache"
    return response
