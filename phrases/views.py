"""The phrase bank: find phrases by words and situations, and print a sheet of the ones picked.

Everything is plain GET forms and links, so it all works without JavaScript.
"""

from __future__ import annotations

from http import HTTPStatus

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils.http import urlencode
from django.utils.translation import get_language

from core.cache import cached_page

from . import selectors
from .situations import LABELS

MAX_QUERY_CHARS = 100


def phrase_bank(request: HttpRequest) -> HttpResponse:
    # A reader's own words and picks are theirs: those pages are never kept in the shared cache.
    if request.GET.get("q", "").strip() or "pick" in request.GET:
        response = _bank(request)
        response["Cache-Control"] = "private, no-cache"
        response["Referrer-Policy"] = "no-referrer"
        return response
    return _public_bank(request)


def _bank(request: HttpRequest) -> HttpResponse:
    language = get_language()
    query = request.GET.get("q", "").strip()[:MAX_QUERY_CHARS]
    chosen = [key for key in request.GET.getlist("situation") if key]
    status = HTTPStatus.OK
    if any(key not in LABELS for key in chosen):
        # An unknown situation shows every phrase and says so, rather than an empty page.
        chosen, status = [], HTTPStatus.BAD_REQUEST
    chosen = [key for key in LABELS if key in chosen]  # canonical order, no repeats
    try:
        page_number = int(request.GET.get("page", "1"))
    except ValueError:
        page_number = 1
    picks = selectors.clean_picks(request.GET.getlist("pick"))
    everything = selectors.phrase_list(language)
    filtering = bool(query or chosen)
    if filtering:
        result = selectors.bank_page(selectors.filtered(everything, query, chosen), page_number)
    else:
        result = selectors.BankPage(selectors.overview(everything), len(everything), 1, 1)
    shown = {item.dom_id for group in result.groups for item in group.phrases}
    context = {
        "query": query,
        "chosen": chosen,
        "situations": selectors.situation_counts(language),
        "filtering": filtering,
        "result": result,
        "page_numbers": range(1, result.pages + 1),
        "total": len(everything),
        "picks": picks,
        # Picks made on other pages travel along as hidden fields.
        "hidden_picks": [pick for pick in picks if pick not in shown],
        "all_url": _with_picks(reverse("phrases:bank"), picks),
        "bad_filter": status == HTTPStatus.BAD_REQUEST,
    }
    return render(request, "phrases/bank.html", context, status=status)


_public_bank = cached_page(query=("situation", "page"))(_bank)


def sheet(request: HttpRequest) -> HttpResponse:
    """A printable sheet of the picked phrases; unticking one and updating takes it off."""
    picks = selectors.clean_picks(request.GET.getlist("pick"))
    phrases = selectors.picked(selectors.phrase_list(get_language()), picks)
    kept = [phrase.dom_id for phrase in phrases]
    context = {"phrases": phrases, "bank_url": _with_picks(reverse("phrases:bank"), kept)}
    response = render(request, "phrases/sheet.html", context)
    response["Cache-Control"] = "private, no-cache"
    response["Referrer-Policy"] = "no-referrer"
    return response


def _with_picks(url: str, picks: list[str]) -> str:
    return f"{url}?{urlencode([('pick', pick) for pick in picks])}" if picks else url
