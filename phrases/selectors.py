"""Reads for the phrase bank."""

from __future__ import annotations

from dataclasses import dataclass

from django.db.models import Count
from django.urls import reverse
from django.utils import translation

from wiki.models import Phrase

from .situations import LABELS, label


@dataclass(frozen=True)
class PhraseItem:
    text: str
    when: str
    situation: str
    situation_label: str
    article_title: str
    article_url: str
    anchor: str
    dom_id: str


def situation_counts(language: str) -> list[tuple[str, str, int]]:
    """(key, label, number of phrases) for every situation, in the canonical order."""
    counts = dict(
        Phrase.objects.filter(translation__language=language)
        .values_list("situation")
        .annotate(n=Count("id"))
        .values_list("situation", "n")
    )
    return [(key, label(key), counts.get(key, 0)) for key in LABELS]


def phrase_list(language: str, situation: str | None = None) -> list[PhraseItem]:
    rows = Phrase.objects.filter(translation__language=language).select_related("translation__article")
    if situation:
        rows = rows.filter(situation=situation)
    items = []
    for phrase in rows.order_by("situation", "translation__title", "position"):
        with translation.override(language):
            url = reverse("wiki:article", kwargs={"slug": phrase.translation.article.slug})
        items.append(
            PhraseItem(
                text=phrase.text,
                when=phrase.when,
                situation=phrase.situation,
                situation_label=label(phrase.situation),
                article_title=phrase.translation.title,
                article_url=url,
                anchor=phrase.anchor,
                dom_id=f"{phrase.translation.article.slug}-{phrase.anchor}",
            )
        )
    order = {key: index for index, key in enumerate(LABELS)}
    return sorted(items, key=lambda item: order.get(item.situation, 99))
