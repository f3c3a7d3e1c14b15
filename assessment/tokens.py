"""Unguessable identifiers. The public share id has 96 random bits, the private report token 192."""

from __future__ import annotations

import base64
import hashlib
import hmac
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


def _seal_key(draft_token: str, secret: str, size: int) -> bytes:
    return hmac.new(secret.encode(), b"seal:" + draft_token.encode(), hashlib.sha256).digest()[:size]


def seal(report_token: str, draft_token: str, secret: str) -> str:
    """Hide a report token so that only the draft's own cookie, with the server's secret, recovers it."""
    raw = base64.urlsafe_b64decode(report_token + "=" * (-len(report_token) % 4))
    mixed = bytes(a ^ b for a, b in zip(raw, _seal_key(draft_token, secret, len(raw)), strict=True))
    return base64.urlsafe_b64encode(mixed).decode().rstrip("=")


def unseal(sealed: str, draft_token: str, secret: str) -> str:
    raw = base64.urlsafe_b64decode(sealed + "=" * (-len(sealed) % 4))
    plain = bytes(a ^ b for a, b in zip(raw, _seal_key(draft_token, secret, len(raw)), strict=True))
    return base64.urlsafe_b64encode(plain).decode().rstrip("=")


def looks_like(token: str, size_bytes: int) -> bool:
    """Cheap shape check before any database lookup: right length, URL-safe alphabet."""
    return len(token) == len(secrets.token_urlsafe(size_bytes)) and bool(_TOKEN.match(token))
