"""Whole-page caching keyed by the content version.

Loading content bumps the version, which changes every page key at once: no page needs to be
found and deleted, and with a shared cache (Redis) every app server sees the new version on its
next request. A process remembers the version for CONTENT_VERSION_TTL seconds so a cached page
costs one cache read, not two.
"""

from __future__ import annotations

import functools
import hashlib
import logging
import time
from collections.abc import Callable
from typing import Any

from django.conf import settings
from django.core.cache import cache
from django.db import DatabaseError
from django.http import HttpRequest, HttpResponse

VERSION_KEY = "content-version"
logger = logging.getLogger(__name__)
_local: dict[str, Any] = {"version": None, "expires": 0.0}


def _shared_cache() -> bool:
    """A cache every process sees (Redis), rather than one per process (local memory)."""
    return "locmem" not in settings.CACHES["default"]["BACKEND"].lower()


def content_version() -> int:
    now = time.monotonic()
    if _local["version"] is not None and now < _local["expires"]:
        return int(_local["version"])
    # A per-process cache never hears of a load run by another process, so it asks the database.
    version = _try(cache.get, VERSION_KEY) if _shared_cache() else None
    if version is None:
        version = _version_from_database()
        if _shared_cache():
            _try(cache.set, VERSION_KEY, version, timeout=None)
    _local.update(version=version, expires=now + settings.CONTENT_VERSION_TTL)
    return int(version)


def _version_from_database() -> int:
    from wiki.models import ContentVersion

    try:
        row = ContentVersion.objects.filter(pk=1).values_list("version", flat=True).first()
    except DatabaseError:
        return 0
    return int(row or 0)


def _try(operation: Callable[..., Any], *args: Any, **kwargs: Any) -> Any:
    """A cache call that cannot fail: when the cache is down the site serves uncached, and says so."""
    try:
        return operation(*args, **kwargs)
    except Exception:
        logger.warning("cache unavailable, serving without it", exc_info=True)
        return None


def publish_content_version(version: int) -> None:
    _try(cache.set, VERSION_KEY, version, timeout=None)
    _local.update(version=version, expires=time.monotonic() + settings.CONTENT_VERSION_TTL)


def forget_local_version() -> None:
    _local.update(version=None, expires=0.0)


def cached_page(view: Callable[..., HttpResponse]) -> Callable[..., HttpResponse]:
    """Cache a public GET page by path and content version; only 200 responses are kept."""

    @functools.wraps(view)
    def wrapper(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        if request.method not in ("GET", "HEAD") or settings.DEBUG:
            return view(request, *args, **kwargs)
        # Hashed: the path is the reader's input, of any length and any characters.
        path_hash = hashlib.sha256(request.get_full_path().encode()).hexdigest()
        key = f"page:{content_version()}:{path_hash}"
        stored = _try(cache.get, key)
        if stored is not None:
            content, content_type, extra_headers = stored
            response = HttpResponse(content, content_type=content_type)
            for name, value in extra_headers:
                response[name] = value
            return response
        response = view(request, *args, **kwargs)
        if response.status_code == 200 and not response.cookies and not getattr(response, "streaming", False):
            if hasattr(response, "render") and not response.is_rendered:
                response.render()
            keep = [
                (name, response[name]) for name in ("Content-Language", "X-Robots-Tag") if response.has_header(name)
            ]
            _try(cache.set, key, (response.content, response["Content-Type"], keep), settings.PAGE_CACHE_SECONDS)
        return response

    return wrapper
