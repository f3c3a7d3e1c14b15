"""The public side of a result: a short address, a share page, and its two share images."""

from __future__ import annotations

import hashlib
from urllib.parse import urlsplit

import segno
from django.conf import settings
from django.http import Http404, HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import render
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext, ngettext

from assessment import presentation, registry, tokens
from assessment import selectors as assessment_selectors
from assessment.models import Result
from core.cache import cache_get, cache_set
from core.site import site_name

from . import images
from .images import PREVIEW, STORY, CardText, Format

IMAGE_VERSION = "2"


def _shared_result(share_id: str) -> Result:
    if not tokens.looks_like(share_id, tokens.SHARE_BYTES):
        raise Http404("No such result")
    result = Result.objects.filter(share_id=share_id, sharing_enabled=True).first()
    # A result whose safety check signalled danger is never shared, whatever its switch says.
    if result is None or assessment_selectors.has_safety_signal(result):
        raise Http404("No such result")
    return result


def short(request: HttpRequest, share_id: str) -> HttpResponse:
    """/r/<id>/ (the QR code and copied links) opens the share page in the result's own language.

    Link-preview robots send no Accept-Language, so the result's language, not the visitor's,
    decides the preview's title, description and card.
    """
    result = _shared_result(share_id)
    language = result.language if result.language in dict(settings.LANGUAGES) else settings.LANGUAGE_CODE
    with translation.override(language):
        response = HttpResponseRedirect(reverse("sharing:page", args=[share_id]))
    response["Cache-Control"] = "no-cache"
    return response


def _pattern(result: Result, language: str) -> presentation.PatternView:
    instrument = registry.instrument_for(result.instrument, result.version)
    # The same reading as the owner's report: error bands follow the language the test was taken in.
    view = presentation.result_view(instrument, result.answers, result.safety_answers, language, result.language)
    return view.pattern


def _item_count() -> int:
    """Questions in the test a visitor would take now (the current instrument's own count)."""
    return len(registry.current_instrument().items)


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
            "site_host": _site_host(),
            "item_count": _item_count(),
            "qr_svg": qr.svg_inline(scale=4, dark="#23211f", light="#ffffff", title=gettext("QR code of this page")),
        },
    )
    # The owner can turn sharing off at any moment, so no shared cache may keep this page.
    response["Cache-Control"] = "no-cache"
    response["Referrer-Policy"] = "strict-origin-when-cross-origin"
    return response


def _site_host() -> str:
    return urlsplit(settings.SITE_URL).netloc


def card_text(pattern: presentation.PatternView, language: str) -> CardText:
    """What a share card says, in the active language (the page's, so the result's for robots)."""
    count = _item_count()
    return CardText(
        language=language,
        pattern_id=pattern.id,
        kicker=gettext("My communication pattern"),
        title=pattern.name,
        summary=pattern.summary,
        strengths=tuple(pattern.strengths[:3]),
        site_name=site_name(),
        site_host=_site_host(),
        call=ngettext(
            "Take the test: %(count)d question, about 8 minutes",
            "Take the test: %(count)d questions, about 8 minutes",
            count,
        )
        % {"count": count},
    )


def _card(request: HttpRequest, share_id: str, fmt: Format) -> HttpResponse:
    result = _shared_result(share_id)
    language = translation.get_language()
    text = card_text(_pattern(result, language), language)
    # One image per wording: a fixed text, a new item count or another address draws a new card.
    digest = hashlib.sha256(repr(text).encode()).hexdigest()[:32]
    key = f"share-card:{IMAGE_VERSION}:{fmt.name}:{digest}"
    png = cache_get(key)
    if png is None:
        png = images.render(text, fmt)
        cache_set(key, png, timeout=None)
    response = HttpResponse(png, content_type="image/png")
    # Shared caches must ask again each time: turning sharing off or deleting takes effect at once.
    response["Cache-Control"] = "no-cache"
    return response


def share_image(request: HttpRequest, share_id: str) -> HttpResponse:
    """The 1200x630 link preview (og:image)."""
    return _card(request, share_id, PREVIEW)


def share_story(request: HttpRequest, share_id: str) -> HttpResponse:
    """The 1080x1920 image for stories."""
    return _card(request, share_id, STORY)
