from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils.translation import get_language

from core.cache import cached_page

from . import selectors
from .situations import LABELS, label


@cached_page
def phrase_bank(request: HttpRequest) -> HttpResponse:
    language = get_language()
    situation = request.GET.get("situation") or None
    status = 200
    if situation is not None and situation not in LABELS:
        # An unknown filter shows every phrase and says so, rather than an empty page.
        situation, status = None, 400
    return render(
        request,
        "phrases/bank.html",
        {
            "phrases": selectors.phrase_list(language, situation),
            "situations": selectors.situation_counts(language),
            "current": situation,
            "current_label": label(situation) if situation else "",
            "bad_filter": status == 400,
        },
        status=status,
    )
