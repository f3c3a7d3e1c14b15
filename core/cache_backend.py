"""A Redis cache that cannot take the site down with it.

Redis holds only what can be rebuilt (pages, rate-limit counters, share images, the content
version), so when it is down or hung the site serves uncached rather than waiting. Two guards:

- connect and socket timeouts (settings), so one call costs at most a fraction of a second;
- a circuit breaker per process: after a failure, calls fail at once for BREAKER_SECONDS, so a dead
  or hung Redis costs one short timeout per interval rather than one per request, and the log
  gets one warning line per interval rather than a traceback per request.
"""

from __future__ import annotations

import logging
import threading
import time
from typing import Any

from django.core.cache.backends.redis import RedisCache

logger = logging.getLogger("core.cache")


class CacheUnavailable(Exception):
    """The cache is down, hung, or was recently; callers serve without it."""


class CircuitBreaker:
    """Open for `seconds` after a failure; closed again after that, to try once more."""

    def __init__(self, seconds: float) -> None:
        self.seconds = seconds
        self._open_until = 0.0
        self._lock = threading.Lock()

    def is_open(self) -> bool:
        return time.monotonic() < self._open_until

    def trip(self, error: BaseException) -> None:
        with self._lock:
            if self.is_open():
                return
            self._open_until = time.monotonic() + self.seconds
        logger.warning("cache unavailable (%s); serving without it for %.0f s", type(error).__name__, self.seconds)


class BreakerRedisCache(RedisCache):
    # Every public method of BaseCache that talks to the server.
    GUARDED = (
        "add", "get", "set", "touch", "delete", "get_many", "has_key", "incr", "decr",
        "set_many", "delete_many", "clear",
    )  # fmt: skip

    def __init__(self, server: str, params: dict[str, Any]) -> None:
        options = dict(params.get("OPTIONS") or {})
        breaker_seconds = float(options.pop("BREAKER_SECONDS", 10))
        super().__init__(server, {**params, "OPTIONS": options})
        self.breaker = CircuitBreaker(breaker_seconds)

    def __getattribute__(self, name: str) -> Any:
        attribute = super().__getattribute__(name)
        if name in BreakerRedisCache.GUARDED:
            breaker = super().__getattribute__("breaker")
            return _guarded(attribute, breaker)
        return attribute


def _guarded(method: Any, breaker: CircuitBreaker) -> Any:
    def call(*args: Any, **kwargs: Any) -> Any:
        if breaker.is_open():
            raise CacheUnavailable("the cache failed recently")
        try:
            return method(*args, **kwargs)
        except ValueError:
            raise  # incr of a missing key: an answer from a working cache, not a failure
        except Exception as error:
            breaker.trip(error)
            raise CacheUnavailable(str(error)) from error

    return call
