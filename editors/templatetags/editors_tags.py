from __future__ import annotations

import math
from typing import Any
from urllib.parse import urlencode

from django import template

register = template.Library()


@register.filter
def num(value: float) -> str:
    return "–" if value is None or (isinstance(value, float) and math.isnan(value)) else f"{value:.2f}"


@register.filter
def percent(value: float) -> str:
    return f"{value * 100:.0f}%"


@register.filter
def get(mapping: dict[str, Any], key: str) -> Any:
    return mapping.get(key, "")


@register.filter
def mul(value: int, factor: int) -> int:
    return int(value) * int(factor)


@register.filter
def row_y(index: int) -> int:
    return int(index) * 20


@register.filter
def bar_height(count: int) -> int:
    return int(count) * 20 + 4


# Answer shares rarely pass 40%, so the bars are drawn at 2.5 times scale (capped at full height).
@register.filter
def bar_len(share: float) -> int:
    return round(min(1.0, share * 2.5) * 18)


@register.filter
def bar_top(share: float) -> int:
    return 19 - bar_len(share)


@register.filter
def urlencode_dict(values: dict[str, str]) -> str:
    """A query string from a dict, for links that keep the page's filters."""

    return urlencode(values)
