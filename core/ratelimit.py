"""Rate limits counted in the shared cache, so every app server counts the same requests.

Limits are "count/seconds" per client and scope, set by environment variables (RATE_LIMIT_<SCOPE>).
The client is identified by a keyed hash of its address, kept only for the window's length.
If the cache is unreachable the request is allowed: a limit is a brake, not a lock.
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
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

logger = logging.getLogger(__name__)


def parse_limit(text: str) -> tuple[int, int]:
    count, _, seconds = text.partition("/")
    return max(1, int(count)), max(1, int(seconds or 60))


def client_address(request: HttpRequest) -> str:
    """The address that our own proxy saw, never one the client wrote itself.

    Each proxy appends the address it received the request from, so the entries a client can
    forge are on the left; with TRUSTED_PROXY_COUNT proxies of ours in front, the one to count is
    that many entries from the right.
    """
    address = str(request.META.get("REMOTE_ADDR", ""))
    if settings.TRUST_X_FORWARDED_FOR:
        entries = [e.strip() for e in str(request.META.get("HTTP_X_FORWARDED_FOR", "")).split(",") if e.strip()]
        if len(entries) >= settings.TRUSTED_PROXY_COUNT:
            address = entries[-settings.TRUSTED_PROXY_COUNT]
    return address


def client_key(request: HttpRequest) -> str:
    return hashlib.sha256(f"{settings.SECRET_KEY}:{client_address(request)}".encode()).hexdigest()[:24]


def allow(scope: str, key: str) -> tuple[bool, int]:
    """(allowed, seconds until the window ends)."""
    limit, window = parse_limit(settings.RATE_LIMITS[scope])
    now = time.time()
    bucket = int(now // window)
    cache_key = f"rate:{scope}:{key}:{bucket}"
    retry = int(window - now % window) + 1
    try:
        if cache.add(cache_key, 1, timeout=window + 1):
            return True, retry
        return cache.incr(cache_key) <= limit, retry
    except ValueError:  # the key expired between add and incr
        return True, retry
    except Exception:
        # Logged once per outage by the cache backend's circuit breaker.
        logger.debug("rate limit for %s not counted: the cache is unavailable", scope)
        return True, retry


def rate_limited(scope: str, methods: tuple[str, ...] = ("POST",)) -> Callable[..., Any]:
    def decorate(view: Callable[..., HttpResponse]) -> Callable[..., HttpResponse]:
        @functools.wraps(view)
        def wrapper(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
            if request.method in methods:
                allowed, retry = allow(scope, client_key(request))
                if not allowed:
                    response = render(request, "429.html", {"retry_minutes": max(1, retry // 60)}, status=429)
                    response["Retry-After"] = str(retry)
                    return response
            return view(request, *args, **kwargs)

        return wrapper

    return decorate
