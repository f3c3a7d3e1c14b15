"""The support page."""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils.translation import get_language

from core.templating import context_of

from . import selectors


def page(request: HttpRequest) -> HttpResponse:
    """Not page-cached: the region may come from this visitor's browser language."""
    block = selectors.support_block(
        get_language(), request.GET.get("region"), request.META.get("HTTP_ACCEPT_LANGUAGE", "")
    )
    context = context_of(block, reviewed=selectors.directory().verified, show_quick_exit=True)
    response = render(request, "support/page.html", context)
    response["Vary"] = "Accept-Language"
    response["Cache-Control"] = "private, no-cache"
    return response
