"""Keep private tokens and search words out of every log line.

Request paths hold secrets: report and invitation tokens (/en/report/<token>/...), share ids, and
what readers searched for (?q=...). Django logs the path of every 4xx and 5xx. This filter, on
every handler, rewrites each record's message before it is written.
"""

from __future__ import annotations

import logging
import re

# A path segment that looks like a token: 16+ URL-safe characters with at least one capital,
# digit or underscore (article slugs are lower-case words and hyphens, so they stay readable).
_TOKEN_SEGMENT = re.compile(r"(?<=/)(?=[A-Za-z0-9_-]{16,}(?:[/?#\s\"']|$))(?=[^/?#\s\"']*[A-Z0-9_])[A-Za-z0-9_-]+")
# Whatever follows '?' in a path: search words, invitation tokens, regions alike.
_QUERY = re.compile(r"\?[^\s\"']*")
# Addresses whose next segment is always private, however it looks.
_PRIVATE_PREFIX = re.compile(r"(/(?:report|join|r|together/[a-z-]+)/)[^/?#\s\"']+")

REDACTED = "[redacted]"
_FORMATTER = logging.Formatter()


def redact(text: str) -> str:
    text = _QUERY.sub("?" + REDACTED, text)
    text = _PRIVATE_PREFIX.sub(r"\1" + REDACTED, text)
    return _TOKEN_SEGMENT.sub(REDACTED, text)


class RedactPrivate(logging.Filter):
    def filter(self, record: logging.LogRecord) -> bool:
        try:
            message = record.getMessage()
        except Exception:  # a malformed record is still written, as Django would
            return True
        cleaned = redact(message)
        if cleaned != message or record.args:
            record.msg, record.args = cleaned, None
        # A traceback can quote a path too: format it here, redacted, so handlers print this text.
        if record.exc_info and not record.exc_text:
            record.exc_text = _FORMATTER.formatException(record.exc_info)
        if record.exc_text:
            record.exc_text = redact(record.exc_text)
        if record.stack_info:
            record.stack_info = redact(record.stack_info)
        return True
