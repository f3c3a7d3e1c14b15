"""Unguessable identifiers. The public share id has 96 random bits, the private report token 192."""

from __future__ import annotations

import hashlib
import re
import secrets

SHARE_BYTES = 12  # 96 bits, 16 characters
REPORT_BYTES = 24  # 192 bits, 32 characters
DRAFT_BYTES = 24
_TOKEN = re.compile(r"^[A-Za-z0-9_-]+$")


def new_share_id() -> str:
    return secrets.token_urlsafe(SHARE_BYTES)


def new_report_token() -> str:
    return secrets.token_urlsafe(REPORT_BYTES)


def new_draft_token() -> str:
    return secrets.token_urlsafe(DRAFT_BYTES)


def secrets_token(size_bytes: int) -> str:
    return secrets.token_urlsafe(size_bytes)


def token_hash(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


def looks_like(token: str, size_bytes: int) -> bool:
    """Cheap shape check before any database lookup: right length, URL-safe alphabet."""
    return len(token) == len(secrets.token_urlsafe(size_bytes)) and bool(_TOKEN.match(token))
