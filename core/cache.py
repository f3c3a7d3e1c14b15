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
from typing import Any, ParamSpec, overload

from django.conf import settings
from django.core.cache import cache
from django.db import DatabaseError
from django.http import HttpRequest, HttpResponse, QueryDict
from django.template.response import SimpleTemplateResponse

from .cache_backend import CacheUnavailable

P = ParamSpec("P")

VERSION_KEY = "content-version"
WARNING_INTERVAL_SECONDS = 10.0
_warned = {"until": 0.0}
logger = logging.getLogger(__name__)
_local: dict[str, Any] = {"version": None, "expires": 0.0}


def _shared_cache() -> bool:
    """A cache every process sees (Redis), rather than one per process (local memory)."""
    return "locmem" not in str(settings.CACHES["default"]["BACKEND"]).lower()


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


_version_source: dict[str, Callable[[], int]] = {}


def set_version_source(source: Callable[[], int]) -> None:
    """The app that owns content (the wiki) says where the current content version is stored."""
    _version_source["read"] = source


def _version_from_database() -> int:
    source = _version_source.get("read")
    if source is None:
        return 0
    try:
        return source()
    except DatabaseError:
        return 0


def _try(operation: Callable[..., Any], *args: Any, **kwargs: Any) -> Any:
    """A cache call that cannot fail: when the cache is down the site serves uncached.

    The cache backend's circuit breaker logs one line per outage interval; nothing more here.
    """
    try:
        return operation(*args, **kwargs)
    except CacheUnavailable:
        return None  # the backend's circuit breaker has said so, once for this outage
    except Exception as error:
        now = time.monotonic()
        if now >= _warned["until"]:  # one line per interval, never a traceback per request
            _warned["until"] = now + WARNING_INTERVAL_SECONDS
            logger.warning("cache unavailable, serving without it (%s)", type(error).__name__)
        return None


def cache_get(key: str) -> Any:
    """Read the shared cache; None when the key is missing or the cache is unavailable."""
    return _try(cache.get, key)


def cache_set(key: str, value: Any, timeout: int | None) -> None:
    _try(cache.set, key, value, timeout)


def cache_delete_many(keys: list[str]) -> None:
    _try(cache.delete_many, keys)


def publish_content_version(version: int) -> None:
    _try(cache.set, VERSION_KEY, version, timeout=None)
    _local.update(version=version, expires=time.monotonic() + settings.CONTENT_VERSION_TTL)


def forget_local_version() -> None:
    """Forget what this process remembers of the cache (for tests and after a reload)."""
    _local.update(version=None, expires=0.0)
    _warned.update(until=0.0)


@overload
def cached_page(view: Callable[P, HttpResponse]) -> Callable[P, HttpResponse]: ...


@overload
def cached_page(
    view: None = None, *, query: tuple[str, ...] = ()
) -> Callable[[Callable[P, HttpResponse]], Callable[P, HttpResponse]]: ...


def cached_page(view: Callable[..., HttpResponse] | None = None, *, query: tuple[str, ...] = ()) -> Any:
    """Cache a public GET page by path, its declared query parameters and the content version.

    Only the parameters named in `query` reach the view and the cache key; any others (`?utm=1`,
    junk) are dropped, so they can neither fill the cache with copies nor miss it. Only 200
    responses that set no cookie are kept.
    """

    def decorate(view: Callable[..., HttpResponse]) -> Callable[..., HttpResponse]:
        @functools.wraps(view)
        def wrapper(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
            if request.method not in ("GET", "HEAD") or settings.DEBUG:
                return view(request, *args, **kwargs)
            kept = QueryDict(mutable=True)
            for name in query:
                values = [v[:200] for v in request.GET.getlist(name)[:20]]
                if values:
                    kept.setlist(name, values)
            kept._mutable = False
            request.GET = kept  # type: ignore[assignment]
            # Hashed: the path is the reader's input, of any length and any characters.
            address = request.path + ("?" + kept.urlencode() if kept else "")
            key = f"page:{content_version()}:{hashlib.sha256(address.encode()).hexdigest()}"
            stored = _try(cache.get, key)
            if stored is not None:
                content, content_type, extra_headers = stored
                response = HttpResponse(content, content_type=content_type)
                for name, value in extra_headers:
                    response[name] = value
                return response
            response = view(request, *args, **kwargs)
            if response.status_code == 200 and not response.cookies and not getattr(response, "streaming", False):
                if isinstance(response, SimpleTemplateResponse) and not response.is_rendered:
                    response.render()
                keep = [
                    (name, response[name])
                    for name in ("Content-Language", "X-Robots-Tag", "Vary")
                    if response.has_header(name)
                ]
                _try(cache.set, key, (response.content, response["Content-Type"], keep), settings.PAGE_CACHE_SECONDS)
            return response

        return wrapper

    return decorate(view) if view is not None else decorate
