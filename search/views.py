"""The search page, and suggestions as the reader types."""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import render
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from core.ratelimit import rate_limited

from .selectors import KINDS, POOL, is_danger, results_page, search
from .tokenizer import MAX_QUERY_CHARS

SUGGESTIONS = 6
KIND_LABELS = {
    "articles": _("Articles and sections"),
    "faq": _("Questions and answers"),
    "phrases": _("Phrases"),
    "glossary": _("Glossary"),
}


@rate_limited("search", methods=("GET",))
def results(request: HttpRequest) -> HttpResponse:
    raw = request.GET.get("q", "")
    query = raw.strip()[:MAX_QUERY_CHARS]
    kind = request.GET.get("kind", "")
    kind = kind if kind in KINDS else ""
    try:
        page = int(request.GET.get("page", "1"))
    except ValueError:
        page = 1
    hits, _seconds = search(query, get_language(), limit=POOL) if query else ([], 0.0)
    danger = bool(query) and is_danger(query, get_language())
    results = results_page(hits, kind, page)
    response = render(
        request,
        "search/results.html",
        {
            "query": query,
            "hits": hits,
            "results": results,
            "groups": [(group, KIND_LABELS[group.kind]) for group in results.groups],
            "filters": [(key, KIND_LABELS[key], results.counts[key]) for key in KINDS if results.counts[key]],
            "kind_label": KIND_LABELS.get(results.kind, ""),
            "page_numbers": range(1, results.pages + 1),
            "truncated": len(raw.strip()) > MAX_QUERY_CHARS,
            "danger": danger,
            "show_quick_exit": danger,
        },
    )
    # What someone searched for is nobody else's business: not in shared caches, not in referrers.
    response["Cache-Control"] = "private, no-cache"
    response["Referrer-Policy"] = "no-referrer"
    return response


@rate_limited("search", methods=("GET",))
def suggest(request: HttpRequest) -> JsonResponse:
    query = request.GET.get("q", "").strip()[:MAX_QUERY_CHARS]
    hits, _seconds = search(query, get_language(), limit=SUGGESTIONS * 3) if len(query) >= 1 else ([], 0.0)
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
