"""Reads for "Yes, maybe, no, together": what each page shows, as typed dataclasses.

The privacy rule lives here: `matches_page` reads the partner's answers in exactly one place, to
compute the per-item lower answer (`matching.lowest`), and builds everything from that. No other
selector reads the partner's answers at all.
"""

from __future__ import annotations

import datetime as dt
import hashlib
from collections.abc import Mapping
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from django.conf import settings
from django.core.exceptions import ImproperlyConfigured
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext, pgettext

from assessment import tokens
from base.languages import pick_text
from wiki.models import ArticleTranslation, Phrase

from . import matching
from .items import LINK, PHRASE, Group, Item, ItemSet, read_items
from .models import TOKEN_BYTES, Side, TogetherList

# --- the items ----------------------------------------------------------------------------------


@lru_cache(maxsize=2)
def _item_set(root: str, stamp: float) -> ItemSet:
    items, problems = read_items(Path(root))
    if items is None:
        raise ImproperlyConfigured("content/together/items.yaml: " + "; ".join(map(str, problems)))
    return items


def item_set() -> ItemSet:
    """The current items; re-read when the file changes (editors' preview), cached otherwise."""
    root = Path(settings.CONTENT_DIR)
    return _item_set(str(root), (root / "together" / "items.yaml").stat().st_mtime)


def _text(texts: Mapping[str, str], language: str) -> str:
    return pick_text(texts, language)


# --- finding a side ----------------------------------------------------------------------------


def side_for(token: str) -> Side | None:
    if not tokens.looks_like(token, TOKEN_BYTES):
        return None
    return Side.objects.select_related("together").filter(token_hash=tokens.token_hash(token)).first()


def notes_key(token: str) -> str:
    """Where this side's private notes live in the browser's localStorage.

    Derived from the address, so the page that says "this list has ended" can still find and
    delete them; it is never sent back to the server.
    """
    return hashlib.sha256(f"together-notes:{token}".encode()).hexdigest()[:24]


# --- shared pieces ---------------------------------------------------------------------------------


@dataclass(frozen=True)
class LevelView:
    rank: int
    name: str
    description: str


def levels(language: str, up_to: int | None = None) -> list[LevelView]:
    found = item_set().levels
    return [
        LevelView(rank, _text(level.name, language), _text(level.description, language))
        for rank, level in sorted(found.items())
        if up_to is None or rank <= up_to
    ]


def level_view(rank: int, language: str) -> LevelView:
    level = item_set().levels.get(rank) or item_set().levels[min(item_set().levels)]
    return LevelView(level.rank, _text(level.name, language), _text(level.description, language))


def answer_labels() -> dict[str, str]:
    return {
        matching.YES: pgettext("together answer", "Yes"),
        matching.MAYBE: pgettext("together answer", "Maybe"),
        matching.TALK: pgettext("together answer", "Let's talk first"),
        matching.NO: pgettext("together answer", "No"),
    }


# --- a side's overview (before the matches) ----------------------------------------------------------


@dataclass(frozen=True)
class GroupProgress:
    id: str
    name: str
    answered: int
    total: int

    @property
    def done(self) -> bool:
        return self.answered == self.total


@dataclass(frozen=True)
class Overview:
    level: LevelView
    is_starter: bool
    partner_joined: bool
    invitation_open: bool
    invitation_expires: dt.date | None
    groups: list[GroupProgress]
    answered: int
    total: int
    finished: bool
    deleted_after: dt.date

    @property
    def complete(self) -> bool:
        return self.answered == self.total

    @property
    def first_open_group(self) -> str:
        return next((g.id for g in self.groups if not g.done), self.groups[0].id)


def overview(side: Side, language: str) -> Overview:
    """Only the side's own answers are read: the partner's progress is not shown, not even
    whether they have finished, so nobody is hurried."""
    together = side.together
    today = timezone.localdate()
    groups = [
        GroupProgress(
            group.id,
            _text(group.name, language),
            sum(1 for item in items if side.answers.get(item.id) in matching.RANK),
            len(items),
        )
        for group, items in item_set().groups_up_to(together.level)
    ]
    return Overview(
        level=level_view(together.level, language),
        is_starter=side.role == Side.STARTER,
        partner_joined=together.sides.filter(role=Side.PARTNER).exists(),
        invitation_open=bool(together.invitation_hash)
        and together.invitation_expires is not None
        and together.invitation_expires >= today,
        invitation_expires=together.invitation_expires,
        groups=groups,
        answered=sum(g.answered for g in groups),
        total=sum(g.total for g in groups),
        finished=side.finished is not None,
        deleted_after=together.deleted_after,
    )


def shown_invitation(together: TogetherList, invite: str) -> str:
    """The invitation token from the address, only if it is this list's current one."""
    if not together.invitation_hash or not tokens.looks_like(invite, TOKEN_BYTES):
        return ""
    return invite if tokens.token_hash(invite) == together.invitation_hash else ""


# --- answering one group ---------------------------------------------------------------------------


@dataclass(frozen=True)
class ChoiceView:
    value: str
    label: str
    checked: bool


@dataclass(frozen=True)
class QuestionView:
    id: str
    text: str
    choices: list[ChoiceView]
    missing: bool


@dataclass(frozen=True)
class AnswerPage:
    group_id: str
    name: str
    intro: str
    number: int
    count: int
    questions: list[QuestionView]
    next_group: str
    previous_group: str
    level: LevelView

    @property
    def offers_talk(self) -> bool:
        return any(choice.value == matching.TALK for q in self.questions for choice in q.choices)


def group_items(together: TogetherList, group_id: str) -> tuple[Group, list[Item]] | None:
    for group, items in item_set().groups_up_to(together.level):
        if group.id == group_id:
            return group, items
    return None


def answer_page(
    side: Side,
    group_id: str,
    language: str,
    chosen: Mapping[str, str] | None = None,
    missing: frozenset[str] = frozenset(),
) -> AnswerPage | None:
    """The group's questions with the side's own answers (or what was just sent, when it is shown again)."""
    groups = item_set().groups_up_to(side.together.level)
    ids = [group.id for group, _ in groups]
    if group_id not in ids:
        return None
    index = ids.index(group_id)
    group, items = groups[index]
    labels = answer_labels()
    answers = side.answers if chosen is None else chosen
    questions = [
        QuestionView(
            item.id,
            _text(item.text, language),
            [
                ChoiceView(value, labels[value], answers.get(item.id) == value)
                for value in matching.choices(item.talk_first)
            ],
            item.id in missing,
        )
        for item in items
    ]
    return AnswerPage(
        group_id=group.id,
        name=_text(group.name, language),
        intro=_text(group.intro, language),
        number=index + 1,
        count=len(ids),
        questions=questions,
        next_group=ids[index + 1] if index + 1 < len(ids) else "",
        previous_group=ids[index - 1] if index > 0 else "",
        level=level_view(side.together.level, language),
    )


class BadAnswers(Exception):
    def __init__(self, missing: frozenset[str], chosen: dict[str, str], unreadable: bool) -> None:
        super().__init__("bad answers")
        self.missing = missing
        self.chosen = chosen
        self.unreadable = unreadable


def read_answers(fields: Mapping[str, str], items: list[Item]) -> dict[str, str]:
    """The group's answers from a form: every item answered with one of its own choices.

    Raises BadAnswers (with what could be read, to show the form again) on anything else: a
    missing answer, a value that is not one of the item's choices, or a field for another item.
    """
    expected = {f"item-{item.id}": item for item in items}
    unknown = [name for name in fields if name.startswith("item-") and name not in expected]
    chosen: dict[str, str] = {}
    missing: set[str] = set()
    unreadable = bool(unknown)
    for name, item in expected.items():
        value = fields.get(name, "")
        if value in matching.choices(item.talk_first):
            chosen[item.id] = value
        else:
            missing.add(item.id)
            unreadable = unreadable or value != ""
    if missing or unreadable:
        raise BadAnswers(frozenset(missing), chosen, unreadable)
    return chosen


# --- the matches ------------------------------------------------------------------------------------


@dataclass(frozen=True)
class LinkView:
    url: str
    article: str
    section: str  # the section's title; empty for a phrase
    phrase: str  # the phrase's words; empty for a section


@dataclass(frozen=True)
class MatchView:
    id: str
    text: str
    links: list[LinkView]  # the item's own links, where it has any beyond its group's


@dataclass(frozen=True)
class MatchGroup:
    """Matches of one group (touch, words, ...), with the group's links shown once for all of them."""

    id: str
    name: str
    links: list[LinkView]
    matches: list[MatchView]


@dataclass(frozen=True)
class MatchesPage:
    level: LevelView
    yes: list[MatchGroup]
    maybe: list[MatchGroup]
    talk: list[MatchGroup]
    finished: dt.date
    deleted_after: dt.date
    i_want_new_round: bool
    partner_wants_new_round: bool
    i_want_to_keep: bool
    partner_wants_to_keep: bool

    @staticmethod
    def _size(groups: list[MatchGroup]) -> int:
        return sum(len(group.matches) for group in groups)

    @property
    def yes_count(self) -> int:
        return self._size(self.yes)

    @property
    def maybe_count(self) -> int:
        return self._size(self.maybe)

    @property
    def talk_count(self) -> int:
        return self._size(self.talk)

    @property
    def count(self) -> int:
        return self.yes_count + self.maybe_count + self.talk_count


def matches_page(side: Side, language: str) -> MatchesPage:
    together = side.together
    assert together.finished is not None, "matches are shown only once both have finished"
    other = together.sides.exclude(pk=side.pk).get()
    items = item_set().up_to(together.level)
    # The one place the partner's answers are read: only the per-item lower answer leaves it.
    shared = matching.lowest(side.answers, other.answers, [item.id for item in items])
    found = _match_groups(shared, items, language)
    return MatchesPage(
        level=level_view(together.level, language),
        yes=found.yes,
        maybe=found.maybe,
        talk=found.talk,
        finished=together.finished,
        deleted_after=together.deleted_after,
        i_want_new_round=side.wants_new_round,
        partner_wants_new_round=other.wants_new_round,
        i_want_to_keep=side.wants_to_keep,
        partner_wants_to_keep=other.wants_to_keep,
    )


@dataclass(frozen=True)
class _Found:
    yes: list[MatchGroup]
    maybe: list[MatchGroup]
    talk: list[MatchGroup]


def _match_groups(shared: Mapping[str, str], items: list[Item], language: str) -> _Found:
    """Everything the matches show, from the per-item lower answers alone."""
    found = matching.matches(shared, [item.id for item in items])
    by_id = {item.id: item for item in items}
    groups = item_set().groups
    wanted = [by_id[item_id] for item_id in (*found.yes, *found.maybe, *found.talk)]
    links = link_views({link for item in wanted for link in (*item.links, *groups[item.group].links)}, language)

    def resolved(refs: tuple[str, ...]) -> list[LinkView]:
        return [links[ref] for ref in refs if ref in links]

    def grouped(item_ids: tuple[str, ...]) -> list[MatchGroup]:
        result: list[MatchGroup] = []
        for item_id in item_ids:  # already in the groups' order
            item = by_id[item_id]
            group = groups[item.group]
            if not result or result[-1].id != group.id:
                result.append(MatchGroup(group.id, _text(group.name, language), resolved(group.links), []))
            own = resolved(item.links) if item.links != group.links else []
            result[-1].matches.append(MatchView(item.id, _text(item.text, language), own))
        return result

    return _Found(grouped(found.yes), grouped(found.maybe), grouped(found.talk))


def link_views(links: set[str], language: str) -> dict[str, LinkView]:
    """Article sections and phrases, in the reader's language, for the links that resolve."""
    targets = [(link, LINK.match(link)) for link in sorted(links)]
    slugs = {match["slug"] for _, match in targets if match}
    translations = {
        t.article.slug: t
        for t in ArticleTranslation.objects.select_related("article").filter(article__slug__in=slugs, language=language)
    }
    phrase_numbers = {int(p["n"]) for _, match in targets if match and (p := PHRASE.match(match["anchor"]))}
    phrases = {
        (p.translation_id, p.position): p.text
        for p in Phrase.objects.filter(translation__in=translations.values(), position__in=phrase_numbers)
    }
    named = {"phrases": gettext("Phrases you can copy"), "faq": gettext("Frequently asked questions")}
    result: dict[str, LinkView] = {}
    for link, match in targets:
        translation = translations.get(match["slug"]) if match else None
        if translation is None or match is None:
            continue
        url = reverse("wiki:article", kwargs={"slug": match["slug"]})
        anchor = match["anchor"]
        phrase = PHRASE.match(anchor)
        if phrase:
            text = phrases.get((translation.pk, int(phrase["n"])))
            if text:
                result[link] = LinkView(f"{url}#{anchor}", translation.title, "", text)
            continue
        sections = {str(a): str(t) for a, t in translation.toc}
        title = sections.get(anchor) or named.get(anchor)
        if title:
            result[link] = LinkView(f"{url}#{anchor}", translation.title, title, "")
    return result
