from __future__ import annotations

from typing import Any

from django.conf import settings
from django.http import HttpRequest
from django.urls import translate_url
from django.utils import translation

from core.site import site_name

QUICK_EXIT_URLS = {"en": "https://www.bbc.com/weather", "zh-hans": "https://www.weather.com.cn/"}


def site(request: HttpRequest) -> dict[str, Any]:
    """The site's name, and the same page's address in every language (for the switcher)."""
    current = translation.get_language()
    alternates = []
    for code, name in settings.LANGUAGES:
        with translation.override(code):
            label = str(name)
        alternates.append(
            {
                "code": code,
                "name": _native_name(code),
                "label": label,
                "url": translate_url(request.path, code),
                "current": code == current,
            }
        )
    return {
        "SITE_NAME": site_name(),
        "SITE_URL": settings.SITE_URL,
        # Where "leave this site quickly" goes: an ordinary page nobody would think twice about.
        "QUICK_EXIT_URL": QUICK_EXIT_URLS.get(current, QUICK_EXIT_URLS["en"]),
        "language_alternates": alternates,
    }


def _native_name(code: str) -> str:
    return {"en": "English", "zh-hans": "简体中文"}.get(code, code)
