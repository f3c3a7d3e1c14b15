from __future__ import annotations

from django import template

from phrases.selectors import PhraseCard
from phrases.situations import label
from wiki.models import Phrase

register = template.Library()


@register.filter
def situation_label(key: str) -> str:
    """A phrase situation's name in the current language ("boundary" -> "Setting a boundary")."""
    return label(key)


@register.inclusion_tag("phrases/_card.html")
def phrase_card(
    phrase: PhraseCard | Phrase, id_prefix: str = "", pickable: bool = False, picked: bool = False
) -> dict[str, object]:
    """One phrase with its copy button, on any page.

    An article's own phrases (rows of that article) link nowhere and are known by their anchor;
    a card from elsewhere links back to its article. `id_prefix` keeps ids unique when a page
    shows the same phrase twice (the joint page's two columns).
    """
    source = phrase if isinstance(phrase, PhraseCard) else None
    box_id = id_prefix + (source.dom_id if source is not None else phrase.anchor)
    return {"phrase": phrase, "box_id": box_id, "source": source, "pickable": pickable, "picked": picked}
