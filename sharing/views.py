"""The public side of a result: a short address, a share page, a share image."""

from __future__ import annotations

import segno
from django.conf import settings
from django.core.cache import cache
from django.http import Http404, HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import render
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext

from assessment import presentation, registry, tokens
from assessment.models import Result

from .images import Card, render_card

IMAGE_VERSION = "1"


def _shared_result(share_id: str) -> Result:
    if not tokens.looks_like(share_id, tokens.SHARE_BYTES):
        raise Http404("No such result")
    result = Result.objects.filter(share_id=share_id, sharing_enabled=True).first()
    if result is None:
        raise Http404("No such result")
    return result


def short(request: HttpRequest, share_id: str) -> HttpResponse:
    """/r/<id>/ sends each viewer to the share page in their own language."""
    if not tokens.looks_like(share_id, tokens.SHARE_BYTES):
        raise Http404("No such result")
    language = translation.get_language_from_request(request, check_path=False)
    if language not in dict(settings.LANGUAGES):
        language = settings.LANGUAGE_CODE
    with translation.override(language):
        response = HttpResponseRedirect(reverse("sharing:page", args=[share_id]))
    response["Vary"] = "Accept-Language, Cookie"
    return response


def _pattern(result: Result, language: str) -> presentation.PatternView:
    instrument = registry.get_instrument(result.instrument, result.version) or registry.current_instrument()
    return presentation.result_view(instrument, result.answers, result.safety_answers, language).pattern


def share_page(request: HttpRequest, share_id: str) -> HttpResponse:
    result = _shared_result(share_id)
    language = translation.get_language()
    short_url = f"{settings.SITE_URL}{reverse('short-share', args=[share_id])}"
    qr = segno.make(short_url, error="m")
    response = render(
        request,
        "sharing/page.html",
        {
            "pattern": _pattern(result, language),
            "share_id": share_id,
            "short_url": short_url,
            "qr_svg": qr.svg_inline(scale=4, dark="#23211f", light="#ffffff", title=gettext("QR code of this page")),
        },
    )
    # The owner can turn sharing off at any moment, so no shared cache may keep this page.
    response["Cache-Control"] = "no-cache"
    response["Referrer-Policy"] = "strict-origin-when-cross-origin"
    return response


def share_image(request: HttpRequest, share_id: str) -> HttpResponse:
    result = _shared_result(share_id)
    language = translation.get_language()
    pattern = _pattern(result, language)
    key = f"share-card:{IMAGE_VERSION}:{result.instrument}:{result.version}:{pattern.id}:{language}"
    png = cache.get(key)
    if png is None:
        card = Card(
            site_name=gettext("Relationship Communication Wiki"),
            kicker=gettext("My communication pattern"),
            title=pattern.name,
            summary=pattern.summary,
            footer=gettext("Take the test: about 8 minutes, no account"),
        )
        png = render_card(card)
        cache.set(key, png, timeout=None)
    response = HttpResponse(png, content_type="image/png")
    response["Cache-Control"] = "public, max-age=300"
    return response
