"""`{% emblem pattern 96 %}`: a pattern's emblem as inline SVG.

The first argument is a pattern view (anything with `id` and `name`, such as `result.pattern`)
or a pattern id ("quiet-protector", "urgent-reacher+quiet-protector", "no-single-pattern").
With a view, the emblem is named after the pattern ("Emblem: Quiet Protector"); with an id, pass
the pattern's name as `name=`.

    {% load emblems %}
    {% emblem view.pattern 96 %}
    {% emblem "quiet-protector" 48 name=pattern_name css_class="emblem emblem-small" %}
"""

from __future__ import annotations

from typing import Any

from django import template
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext

from base import emblems

register = template.Library()


@register.simple_tag
def emblem(pattern: Any, size: int = 64, name: str | None = None, css_class: str = "emblem") -> SafeString:
    pattern_id = str(getattr(pattern, "id", pattern) or "")
    name = name if name is not None else getattr(pattern, "name", None)
    label = gettext("Emblem: %(name)s") % {"name": name} if name else gettext("Pattern emblem")
    # emblems.svg escapes the title and the class; the rest is our own markup.
    return mark_safe(emblems.svg(pattern_id, int(size), label, css_class))
