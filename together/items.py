"""The items of "Yes, maybe, no, together", read from content/together/items.yaml. Plain Python, no Django.

`parse_items` returns what it could read and every problem it found, each with the file's line,
so `manage.py content check` can point an editor straight at it. The site refuses to use a file
with problems (`read_items` returns None for it) rather than show a half-read list.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml

from wiki.content.schema import LANGUAGES, SLUG, ArticleDoc, Problem, load_yaml

PATH = "content/together/items.yaml"
MIN_ITEMS = 60
# A list at the gentlest level must still be worth filling in.
MIN_ITEMS_PER_LEVEL = 6
TEXT_LENGTH = {"en": 110, "zh-hans": 45}
SECTION_TARGETS = ("problem", "concepts", "steps", "cases", "practice", "conclusion", "phrases", "faq")
LINK = re.compile(r"^(?P<slug>[a-z0-9]+(?:-[a-z0-9]+)*)#(?P<anchor>[a-z0-9-]+)$")
PHRASE = re.compile(r"^phrase-(?P<n>[1-9][0-9]*)$")
TOP_KEYS = {"levels", "groups", "items"}
GROUP_KEYS = {"id", "talk_first", "links", *LANGUAGES}
ITEM_KEYS = {"id", "level", "group", "talk_first", "links", *LANGUAGES}
# Items are for any genders and any bodies: words that assume who the partners are fail the check.
ASSUMING = {
    "en": re.compile(
        r"\b(he|she|him|her|his|hers|husband|wife|boyfriend|girlfriend|man|woman|men|women|male|female)\b",
        re.IGNORECASE,
    ),
    "zh-hans": re.compile(r"她|(?<!其)他|老公|老婆|丈夫|妻子|男朋友|女朋友|男友|女友|男方|女方"),
}


@dataclass(frozen=True)
class Level:
    rank: int
    name: dict[str, str]
    description: dict[str, str]


@dataclass(frozen=True)
class Group:
    id: str
    name: dict[str, str]
    intro: dict[str, str]
    talk_first: bool
    links: tuple[str, ...]


@dataclass(frozen=True)
class Item:
    id: str
    level: int
    group: str
    text: dict[str, str]
    talk_first: bool
    links: tuple[str, ...]


@dataclass(frozen=True)
class ItemSet:
    levels: dict[int, Level]
    groups: dict[str, Group]  # in the file's order
    items: tuple[Item, ...]  # in the file's order

    @property
    def top_level(self) -> int:
        return max(self.levels)

    def by_id(self) -> dict[str, Item]:
        return {item.id: item for item in self.items}

    def up_to(self, level: int) -> list[Item]:
        """Every item a list at this level shows, grouped in the groups' order."""
        order = {group_id: index for index, group_id in enumerate(self.groups)}
        chosen = [item for item in self.items if item.level <= level]
        return sorted(chosen, key=lambda item: order[item.group])  # sorted() is stable: file order within a group

    def groups_up_to(self, level: int) -> list[tuple[Group, list[Item]]]:
        """The groups that have items at this level, each with its items."""
        result = []
        for group in self.groups.values():
            items = [item for item in self.items if item.group == group.id and item.level <= level]
            if items:
                result.append((group, items))
        return result


# --- reading ----------------------------------------------------------------------------------


def read_items(
    root: Path, articles: Mapping[str, Mapping[str, ArticleDoc]] | None = None
) -> tuple[ItemSet | None, list[Problem]]:
    """content/together/items.yaml under `root`; with `articles`, every link is checked to resolve."""
    path = root / "together" / "items.yaml"
    if not path.exists():
        return None, [Problem(PATH, 0, "the file is missing")]
    return parse_items(path.read_text("utf-8"), PATH, articles)


def parse_items(
    source: str, path: str = PATH, articles: Mapping[str, Mapping[str, ArticleDoc]] | None = None
) -> tuple[ItemSet | None, list[Problem]]:
    data, node, problems = load_yaml(source, path)
    if problems:
        return None, problems
    if not isinstance(data, dict) or not isinstance(node, yaml.MappingNode):
        return None, [Problem(path, 1, "the file must be a mapping with 'levels', 'groups' and 'items'")]
    reader = _Reader(path, articles)
    for key in sorted(set(data) - TOP_KEYS, key=str):
        reader.problem(_key_node(node, key), f"unknown key '{key}' (expected levels, groups, items)")
    levels = reader.levels(data.get("levels"), _value_node(node, "levels") or node)
    groups = reader.groups(data.get("groups"), _value_node(node, "groups") or node)
    items = reader.items(data.get("items"), _value_node(node, "items") or node, levels, groups)
    reader.totals(levels, groups, items, node)
    if reader.problems:
        return None, sorted(set(reader.problems))
    return ItemSet(levels, groups, tuple(items)), []


def _key_node(node: yaml.Node | None, key: str) -> yaml.Node | None:
    if isinstance(node, yaml.MappingNode):
        for k, _ in node.value:
            if str(k.value) == key:
                found: yaml.Node = k
                return found
    return None


def _value_node(node: yaml.Node | None, key: str) -> yaml.Node | None:
    if isinstance(node, yaml.MappingNode):
        for k, v in node.value:
            if str(k.value) == key:
                value: yaml.Node = v
                return value
    return None


def _entries(node: yaml.Node | None) -> list[yaml.Node]:
    return list(node.value) if isinstance(node, yaml.SequenceNode) else []


class _Reader:
    def __init__(self, path: str, articles: Mapping[str, Mapping[str, ArticleDoc]] | None) -> None:
        self.path = path
        self.articles = articles
        self.problems: list[Problem] = []

    def problem(self, node: yaml.Node | None, message: str) -> None:
        line = node.start_mark.line + 1 if node is not None else 1
        self.problems.append(Problem(self.path, line, message))

    # Each language's block: {name: ..., description: ...} or {name: ..., intro: ...}.
    def texts(
        self, entry: dict[str, Any], node: yaml.Node, keys: tuple[str, ...], what: str
    ) -> dict[str, dict[str, str]]:
        result: dict[str, dict[str, str]] = {key: {} for key in keys}
        for language in LANGUAGES:
            block = entry.get(language)
            block_node = _value_node(node, language) or node
            if not isinstance(block, dict):
                self.problem(block_node, f"{what} needs '{language}' with {', '.join(keys)}")
                continue
            for key in sorted(set(block) - set(keys), key=str):
                self.problem(_key_node(block_node, key), f"{what}: unknown key '{key}' in '{language}'")
            for key in keys:
                value = block.get(key)
                if not isinstance(value, str) or not value.strip():
                    self.problem(block_node, f"{what} needs a '{key}' in '{language}'")
                    continue
                result[key][language] = " ".join(value.split())
        return result

    def levels(self, data: Any, node: yaml.Node) -> dict[int, Level]:
        if not isinstance(data, dict) or not data:
            self.problem(node, "'levels' must map 1, 2, ... to each level's name and description")
            return {}
        levels: dict[int, Level] = {}
        for key_node, value_node in node.value if isinstance(node, yaml.MappingNode) else []:
            try:
                rank = int(key_node.value)
            except (TypeError, ValueError):
                self.problem(key_node, f"a level is a whole number, not '{key_node.value}'")
                continue
            entry = data.get(rank)
            if not isinstance(entry, dict):
                self.problem(key_node, f"level {rank} needs 'en' and 'zh-hans'")
                continue
            for key in sorted(set(entry) - set(LANGUAGES), key=str):
                self.problem(_key_node(value_node, key), f"level {rank}: unknown key '{key}'")
            texts = self.texts(entry, value_node, ("name", "description"), f"level {rank}")
            levels[rank] = Level(rank, texts["name"], texts["description"])
        if levels and sorted(levels) != list(range(1, len(levels) + 1)):
            self.problem(node, f"levels must be numbered 1 to {len(levels)} without gaps")
        return levels

    def links(self, value: Any, node: yaml.Node, what: str) -> tuple[str, ...]:
        if not isinstance(value, list) or not value:
            self.problem(node, f"{what}: 'links' must be a list of article-slug#section or article-slug#phrase-N")
            return ()
        found: list[str] = []
        for index, link in enumerate(value):
            link_node = _entries(node)[index] if index < len(_entries(node)) else node
            if not isinstance(link, str) or not LINK.match(link):
                self.problem(link_node, f"{what}: '{link}' is not article-slug#section or article-slug#phrase-N")
                continue
            if link in found:
                self.problem(link_node, f"{what}: '{link}' is listed twice")
                continue
            self.check_target(link, link_node, what)
            found.append(link)
        return tuple(found)

    def check_target(self, link: str, node: yaml.Node, what: str) -> None:
        match = LINK.match(link)
        assert match is not None
        slug, anchor = match["slug"], match["anchor"]
        phrase = PHRASE.match(anchor)
        if not phrase and anchor not in SECTION_TARGETS:
            self.problem(node, f"{what}: '#{anchor}' is neither a section ({', '.join(SECTION_TARGETS)}) nor phrase-N")
            return
        if self.articles is None:
            return
        docs = self.articles.get(slug)
        if not docs:
            self.problem(node, f"{what}: links to an unknown article '{slug}'")
            return
        lacking = [
            language
            for language in LANGUAGES
            if (doc := docs.get(language)) is None
            or (phrase and int(phrase["n"]) > len(doc.phrases))
            or (not phrase and anchor not in doc.anchors)
        ]
        if lacking:
            target = f"phrase {phrase['n']}" if phrase else f"section '#{anchor}'"
            self.problem(node, f"{what}: the article '{slug}' has no {target} in {', '.join(lacking)}")

    def groups(self, data: Any, node: yaml.Node) -> dict[str, Group]:
        if not isinstance(data, list) or not data:
            self.problem(node, "'groups' must be a list of groups")
            return {}
        groups: dict[str, Group] = {}
        for entry, entry_node in zip(data, _entries(node), strict=False):
            if not isinstance(entry, dict):
                self.problem(entry_node, "a group is a mapping with id, talk_first, en, zh-hans and links")
                continue
            group_id = entry.get("id")
            what = f"group '{group_id}'"
            for key in sorted(set(entry) - GROUP_KEYS, key=str):
                self.problem(_key_node(entry_node, key), f"{what}: unknown key '{key}'")
            if not isinstance(group_id, str) or not SLUG.match(group_id):
                self.problem(entry_node, f"a group's id must be lower-case words joined by hyphens, not '{group_id}'")
                continue
            if group_id in groups:
                self.problem(entry_node, f"{what} is defined twice")
                continue
            talk_first = entry.get("talk_first")
            if not isinstance(talk_first, bool):
                self.problem(
                    _value_node(entry_node, "talk_first") or entry_node, f"{what}: 'talk_first' must be true or false"
                )
                talk_first = False
            texts = self.texts(entry, entry_node, ("name", "intro"), what)
            links = self.links(entry.get("links"), _value_node(entry_node, "links") or entry_node, what)
            groups[group_id] = Group(group_id, texts["name"], texts["intro"], talk_first, links)
        return groups

    def items(self, data: Any, node: yaml.Node, levels: dict[int, Level], groups: dict[str, Group]) -> list[Item]:
        if not isinstance(data, list) or not data:
            self.problem(node, "'items' must be a list of items")
            return []
        items: list[Item] = []
        seen_ids: set[str] = set()
        seen_texts: dict[str, dict[str, str]] = {language: {} for language in LANGUAGES}
        for entry, entry_node in zip(data, _entries(node), strict=False):
            if not isinstance(entry, dict):
                self.problem(entry_node, "an item is a mapping with id, level, group, en and zh-hans")
                continue
            item_id = entry.get("id")
            what = f"item '{item_id}'"
            for key in sorted(set(entry) - ITEM_KEYS, key=str):
                self.problem(_key_node(entry_node, key), f"{what}: unknown key '{key}'")
            if not isinstance(item_id, str) or not SLUG.match(item_id):
                self.problem(entry_node, f"an item's id must be lower-case words joined by hyphens, not '{item_id}'")
                continue
            if item_id in seen_ids:
                self.problem(entry_node, f"{what}: the id is used twice (ids must be unique and never reused)")
                continue
            seen_ids.add(item_id)
            ok = True
            level = entry.get("level")
            if isinstance(level, bool) or level not in levels:
                self.problem(_value_node(entry_node, "level") or entry_node, f"{what}: unknown level '{level}'")
                ok = False
            group = entry.get("group")
            if group not in groups:
                self.problem(_value_node(entry_node, "group") or entry_node, f"{what}: unknown group '{group}'")
                ok = False
            talk_first = entry.get("talk_first", groups[group].talk_first if group in groups else False)
            if not isinstance(talk_first, bool):
                self.problem(_value_node(entry_node, "talk_first"), f"{what}: 'talk_first' must be true or false")
                ok = False
            text: dict[str, str] = {}
            for language in LANGUAGES:
                value_node = _value_node(entry_node, language) or entry_node
                value = entry.get(language)
                if not isinstance(value, str) or not value.strip():
                    self.problem(value_node, f"{what} needs its text in '{language}'")
                    ok = False
                    continue
                value = " ".join(value.split())
                if len(value) > TEXT_LENGTH[language]:
                    self.problem(
                        value_node, f"{what}: the {language} text is longer than {TEXT_LENGTH[language]} characters"
                    )
                if ASSUMING[language].search(value):
                    self.problem(
                        value_node,
                        f"{what}: '{ASSUMING[language].search(value).group(0)}' assumes who the partners are; "  # type: ignore[union-attr]
                        "write for any genders",
                    )
                folded = value.casefold()
                if folded in seen_texts[language]:
                    self.problem(value_node, f"{what}: the same {language} text as '{seen_texts[language][folded]}'")
                seen_texts[language][folded] = item_id
                text[language] = value
            if "links" in entry:
                links = self.links(entry["links"], _value_node(entry_node, "links") or entry_node, what)
            else:
                links = groups[group].links if group in groups else ()
            if ok:
                items.append(Item(item_id, int(str(level)), str(group), text, bool(talk_first), links))
        return items

    def totals(self, levels: dict[int, Level], groups: dict[str, Group], items: list[Item], node: yaml.Node) -> None:
        if self.problems:
            return  # counts of a half-read file would only add noise
        if len(items) < MIN_ITEMS:
            self.problem(node, f"there are {len(items)} items; the list needs at least {MIN_ITEMS}")
        for group in groups.values():
            if not any(item.group == group.id for item in items):
                self.problem(node, f"group '{group.id}' has no items")
        for rank in levels:
            count = sum(1 for item in items if item.level <= rank)
            if count < MIN_ITEMS_PER_LEVEL:
                self.problem(
                    node, f"a list at level {rank} would have only {count} items (at least {MIN_ITEMS_PER_LEVEL})"
                )
            if not any(item.level == rank for item in items):
                self.problem(node, f"level {rank} has no items of its own")
