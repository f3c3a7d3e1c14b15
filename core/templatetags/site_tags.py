from __future__ import annotations

import json
from typing import Any

from django import template
from django.utils.safestring import SafeString, mark_safe

register = template.Library()

_SCRIPT_ESCAPES = {ord("<"): "\\u003c", ord(">"): "\\u003e", ord("&"): "\\u0026"}


@register.filter
def ld_json(value: Any) -> SafeString:
    """Serialise structured data for a <script type="application/ld+json"> block, safely."""
    return mark_safe(json.dumps(value, ensure_ascii=False).translate(_SCRIPT_ESCAPES))


@register.filter
def hreflang(code: str) -> str:
    """Our language codes as hreflang and Open Graph expect them."""
    return {"zh-hans": "zh-Hans"}.get(code, code)


@register.filter
def og_locale(code: str) -> str:
    return {"zh-hans": "zh_CN", "en": "en_US"}.get(code, code)
