"""Site-wide pages: the language choice at /, home, robots.txt and the error pages."""

from __future__ import annotations

from django.conf import settings
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import render
from django.template import loader
from django.templatetags.static import static
from django.urls import reverse
from django.utils import translation
from django.views.decorators.http import require_GET

from core.cache import cached_page
from wiki import selectors

SUPPORTED = [code for code, _ in settings.LANGUAGES]


def choose_language(request: HttpRequest) -> HttpResponse:
    """Send / to the reader's language: their saved choice, else their browser's preference."""
    language = translation.get_language_from_request(request, check_path=False)
    if language not in SUPPORTED:
        language = settings.LANGUAGE_CODE
    with translation.override(language):
        response = HttpResponseRedirect(reverse("home"))
    response["Vary"] = "Accept-Language, Cookie"
    return response


@cached_page
def home(request: HttpRequest) -> HttpResponse:
    language = translation.get_language()
    categories = selectors.category_list(language)
    cards = selectors.article_cards(language)
    featured = selectors.recently_updated(language, limit=6)
    return render(
        request,
        "core/home.html",
        {"categories": categories, "featured": featured, "article_count": len(cards)},
    )


@cached_page
def editorial_policy(request: HttpRequest) -> HttpResponse:
    return render(request, "core/editorial_policy.html")


def healthz(request: HttpRequest) -> HttpResponse:
    """For load balancers, and the benchmark's baseline: the cheapest page the stack can serve."""
    return HttpResponse("ok\n", content_type="text/plain")


def favicon(request: HttpRequest) -> HttpResponse:
    return HttpResponseRedirect(static("img/icon.svg"))


@require_GET
def robots_txt(request: HttpRequest) -> HttpResponse:
    lines = [
        "User-agent: *",
        "Disallow: /" + settings.ADMIN_PATH,
        "Allow: /",
        f"Sitemap: {request.build_absolute_uri(reverse('sitemap'))}",
    ]
    return HttpResponse("\n".join(lines) + "\n", content_type="text/plain; charset=utf-8")


def _language_of(path: str) -> str:
    first = path.lstrip("/").split("/", 1)[0]
    return first if first in SUPPORTED else settings.LANGUAGE_CODE


def page_not_found(request: HttpRequest, exception: Exception | None = None) -> HttpResponse:
    with translation.override(_language_of(request.path)):
        return render(request, "404.html", status=404)


def server_error(request: HttpRequest) -> HttpResponse:
    # No context processors and no database: whatever broke must not break this page too.
    with translation.override(_language_of(request.path)):
        html = loader.get_template("500.html").render({"LANGUAGE_CODE": translation.get_language()})
    return HttpResponse(html, status=500)
