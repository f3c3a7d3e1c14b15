from __future__ import annotations

from django import template

from phrases.situations import label

register = template.Library()


@register.filter
def situation_label(key: str) -> str:
    """A phrase situation's name in the current language ("boundary" -> "Setting a boundary")."""
    return label(key)
