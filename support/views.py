"""The support page."""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils.translation import get_language

from . import selectors


def page(request: HttpRequest) -> HttpResponse:
    """Not page-cached: the region may come from this visitor's browser language."""
    context = selectors.support_context(
        get_language(), request.GET.get("region"), request.META.get("HTTP_ACCEPT_LANGUAGE", "")
    )
    context["reviewed"] = selectors.directory().verified
    response = render(request, "support/page.html", context)
    response["Vary"] = "Accept-Language"
    response["Cache-Control"] = "private, no-cache"
    return response
