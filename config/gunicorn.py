"""gunicorn settings shared by `make run`, `make serve` and the stack behind nginx.

No access log: request paths hold private report tokens and what readers searched for. The error
log goes through the same redaction filter as Django's own log.
"""

from __future__ import annotations

import os
from typing import Any

accesslog = None
logconfig_dict: dict[str, Any] = {
    "version": 1,
    "disable_existing_loggers": False,
    "filters": {"redact": {"()": "core.logging.RedactPrivate"}},
    "formatters": {"plain": {"format": "%(asctime)s %(levelname)s %(name)s %(message)s"}},
    "handlers": {
        "error_console": {
            "class": "logging.StreamHandler",
            "formatter": "plain",
            "filters": ["redact"],
            "stream": "ext://sys.stderr",
        }
    },
    "root": {"level": "WARNING", "handlers": ["error_console"]},
    "loggers": {
        "gunicorn.error": {"handlers": ["error_console"], "level": "INFO", "propagate": False},
        "gunicorn.access": {"handlers": [], "level": "CRITICAL", "propagate": False},
    },
}


def on_starting(server: Any) -> None:
    workers = int(server.cfg.workers)
    if workers > 1 and not os.environ.get("REDIS_URL"):
        server.log.warning(
            "%d workers share no cache: without REDIS_URL each worker keeps its own page cache and counts "
            "rate limits alone (a client gets %d times the limit). Set REDIS_URL, or run one worker.",
            workers,
            workers,
        )
