"""Reads for the phrase bank: every phrase, filtered by words and situations, grouped and paged."""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass

from django.db.models import Count
from django.urls import reverse
from django.utils import translation

from search.tokenizer import normalise
from wiki.models import Phrase

from .situations import LABELS, label

PAGE_SIZE = 20
PREVIEW = 3
MAX_PICKS = 60
_PICK = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*-phrase-[0-9]+$")


@dataclass(frozen=True)
class PhraseCard:
    """One phrase as every page shows it: the bank, the report, the joint page and the printed sheet."""

    text: str
    when: str
    situation: str
    situation_label: str
    article_title: str
    article_url: str
    anchor: str
    dom_id: str


@dataclass(frozen=True)
class Group:
    """The phrases of one situation shown on this page, and how many match in all."""

    situation: str
    label: str
    phrases: list[PhraseCard]
    count: int
    continued: bool = False


@dataclass(frozen=True)
class BankPage:
    groups: list[Group]
    matching: int
    page: int
    pages: int


def situation_counts(language: str) -> list[tuple[str, str, int]]:
    """(key, label, number of phrases) for every situation, in the canonical order."""
    counts = dict(
        Phrase.objects.filter(translation__language=language)
        .values_list("situation")
        .annotate(n=Count("id"))
        .values_list("situation", "n")
    )
    return [(key, label(key), counts.get(key, 0)) for key in LABELS]


def card(phrase: Phrase, language: str) -> PhraseCard:
    """The card for a phrase row (its translation and article selected with it)."""
    article = phrase.translation.article
    with translation.override(language):
        url = reverse("wiki:article", kwargs={"slug": article.slug})
    return PhraseCard(
        text=phrase.text,
        when=phrase.when,
        situation=phrase.situation,
        situation_label=label(phrase.situation),
        article_title=phrase.translation.title,
        article_url=url,
        anchor=phrase.anchor,
        dom_id=f"{article.slug}-{phrase.anchor}",
    )


def phrase_list(language: str, situation: str | None = None) -> list[PhraseCard]:
    rows = Phrase.objects.filter(translation__language=language).select_related("translation__article")
    if situation:
        rows = rows.filter(situation=situation)
    items = [card(phrase, language) for phrase in rows.order_by("situation", "translation__title", "position")]
    order = {key: index for index, key in enumerate(LABELS)}
    return sorted(items, key=lambda item: order.get(item.situation, 99))


def phrases_for(situations: list[str], language: str, limit: int) -> list[PhraseCard]:
    """A few phrases per situation, taken in turn so every situation is represented."""
    rows = (
        Phrase.objects.filter(translation__language=language, situation__in=situations)
        .select_related("translation__article")
        .order_by("translation__article__slug", "position")
    )
    by_situation: dict[str, list[Phrase]] = {s: [] for s in situations}
    for phrase in rows:
        by_situation[phrase.situation].append(phrase)
    chosen: list[Phrase] = []
    while len(chosen) < limit and any(by_situation.values()):
        for situation in situations:
            if by_situation[situation] and len(chosen) < limit:
                chosen.append(by_situation[situation].pop(0))
    return [card(phrase, language) for phrase in chosen]


# --- pure parts: filtering, grouping, paging and picks take and return plain data ------------------


def matches(item: PhraseCard, words: list[str]) -> bool:
    """Every word of the query appears in the phrase, when to say it, or its situation's name."""
    haystack = normalise(f"{item.text} {item.when} {item.situation_label}")
    return all(word in haystack for word in words)


def query_words(query: str) -> list[str]:
    return normalise(query).split()


def filtered(items: Iterable[PhraseCard], query: str = "", situations: Iterable[str] = ()) -> list[PhraseCard]:
    wanted = set(situations)
    words = query_words(query)
    return [item for item in items if (not wanted or item.situation in wanted) and matches(item, words)]


def grouped(items: list[PhraseCard], counts: dict[str, int] | None = None) -> list[Group]:
    """Consecutive phrases of the same situation as one group (items come in situation order).

    Each group's count is taken from `counts` (how many match in all), or else its own length.
    """
    runs: list[tuple[str, str, list[PhraseCard]]] = []
    for item in items:
        if runs and runs[-1][0] == item.situation:
            runs[-1][2].append(item)
        else:
            runs.append((item.situation, item.situation_label, [item]))
    return [Group(key, name, phrases, (counts or {}).get(key, len(phrases))) for key, name, phrases in runs]


def bank_page(items: list[PhraseCard], page: int, page_size: int = PAGE_SIZE) -> BankPage:
    """One page of matching phrases, grouped by situation; each group says how many match in all."""
    pages = max(1, -(-len(items) // page_size))
    page = min(max(page, 1), pages)
    start = (page - 1) * page_size
    counts: dict[str, int] = {}
    for item in items:
        counts[item.situation] = counts.get(item.situation, 0) + 1
    groups = grouped(items[start : start + page_size], counts)
    if groups and start and items[start - 1].situation == groups[0].situation:
        head = groups[0]  # this situation began on the page before
        groups[0] = Group(head.situation, head.label, head.phrases, head.count, continued=True)
    return BankPage(groups, len(items), page, pages)


def overview(items: list[PhraseCard], preview: int = PREVIEW) -> list[Group]:
    """Every situation with its first few phrases and how many it has."""
    groups = grouped(items)
    return [Group(g.situation, g.label, g.phrases[:preview], g.count) for g in groups]


def clean_picks(raw: Iterable[str]) -> list[str]:
    """Picked phrase ids in the order picked, without repeats or anything that is not an id."""
    picks: list[str] = []
    for value in raw:
        value = value.strip()
        if _PICK.match(value) and value not in picks:
            picks.append(value)
        if len(picks) >= MAX_PICKS:
            break
    return picks


def picked(items: Iterable[PhraseCard], picks: list[str]) -> list[PhraseCard]:
    """The picked phrases that exist, in the order they were picked."""
    by_id = {item.dom_id: item for item in items}
    return [by_id[pick] for pick in picks if pick in by_id]
