"""Typed page objects as template contexts."""

from __future__ import annotations

from dataclasses import fields, is_dataclass
from typing import Any


def context_of(page: Any, **extra: object) -> dict[str, object]:
    """A selector's typed page (a dataclass) as the names a template reads, plus `extra`."""
    if not is_dataclass(page) or isinstance(page, type):
        raise TypeError("context_of takes a dataclass instance")
    return {**{field.name: getattr(page, field.name) for field in fields(page)}, **extra}
