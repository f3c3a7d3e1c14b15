"""The test's instrument as data: reading and checking a version file. Plain Python, no Django.

An instrument file (content/instruments/<id>/v<N>.yaml, format in content/instruments/README.md)
becomes an `Instrument`; every problem found on the way is reported with its file and line.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml

from wiki.content.schema import LANGUAGES, SITUATIONS, Problem, load_yaml

ID = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")
ITEM_ID = re.compile(r"^[a-z]+[0-9]+$")
MIN_ITEMS_PER_SCALE = 5
PLAN_DAYS = 14
TOP_KEYS = {
    "instrument", "version", "published", "translations", "title", "intro", "response_scale",
    "scales", "items", "safety_check", "patterns",
}  # fmt: skip

Text = dict[str, str]  # language -> text


@dataclass(frozen=True)
class Scale:
    id: str
    name: Text
    measures: Text
    high: Text
    middle: Text
    low: Text


@dataclass(frozen=True)
class Item:
    id: str
    scale: str
    reverse: bool
    text: Text


@dataclass(frozen=True)
class SafetyItem:
    id: str
    signal_at: int
    text: Text


@dataclass(frozen=True)
class Pattern:
    id: str
    prototype: dict[str, float]
    name: Text
    summary: Text
    strengths: dict[str, list[str]]
    in_conflict: Text
    in_intimacy: Text
    growth: Text
    plan: dict[str, list[str]]
    phrase_situations: list[str]
    articles: list[str]


@dataclass(frozen=True)
class Instrument:
    id: str
    version: int
    published: dt.date
    translations: dict[str, str]
    title: Text
    intro: Text
    points: int
    labels: dict[str, list[str]]
    scales: dict[str, Scale]
    items: list[Item]
    safety_intro: Text
    safety_labels: dict[str, list[str]]
    safety_skip_label: Text
    safety_items: list[SafetyItem]
    patterns: dict[str, Pattern]

    @property
    def key(self) -> str:
        return f"{self.id}/v{self.version}"

    def items_of(self, scale: str) -> list[Item]:
        return [item for item in self.items if item.scale == scale]

    def is_complete_in(self, language: str) -> bool:
        return self.translations.get(language) == "complete"


class _Reader:
    """Walks the YAML tree, remembering line numbers, collecting problems instead of raising."""

    def __init__(self, path: str, node: yaml.Node) -> None:
        self.path = path
        self.problems: list[Problem] = []
        self.lines: dict[int, int] = {}
        self._index(node)

    def _index(self, node: yaml.Node) -> None:
        stack = [node]
        while stack:
            current = stack.pop()
            if isinstance(current, yaml.MappingNode):
                for key, value in current.value:
                    self.lines[id(key)] = key.start_mark.line + 1
                    stack.append(value)
            elif isinstance(current, yaml.SequenceNode):
                stack.extend(current.value)

    def problem(self, line: int, message: str) -> None:
        self.problems.append(Problem(self.path, line, message))

    def text(self, value: Any, where: str, line: int, languages: tuple[str, ...]) -> Text:
        if not isinstance(value, dict):
            self.problem(line, f"{where} needs a text per language ({', '.join(languages)})")
            return {}
        result: Text = {}
        for language in languages:
            text = value.get(language)
            if not isinstance(text, str) or not text.strip():
                self.problem(line, f"{where} has no '{language}' text")
            else:
                result[language] = text.strip()
        for extra in sorted(set(value) - set(LANGUAGES)):
            self.problem(line, f"{where} has an unknown language '{extra}'")
        return result

    def text_list(
        self, value: Any, where: str, line: int, languages: tuple[str, ...], count: int | None = None
    ) -> dict[str, list[str]]:
        if not isinstance(value, dict):
            self.problem(line, f"{where} needs a list per language")
            return {}
        result: dict[str, list[str]] = {}
        for language in languages:
            items = value.get(language)
            if not isinstance(items, list) or not all(isinstance(i, str) and i.strip() for i in items):
                self.problem(line, f"{where} needs a list of texts in '{language}'")
                continue
            if count is not None and len(items) != count:
                self.problem(line, f"{where} has {len(items)} entries in '{language}'; it needs {count}")
            result[language] = [i.strip() for i in items]
        return result


def _line_of(node: yaml.Node, *path: str) -> int:
    current: yaml.Node | None = node
    line = 1
    for key in path:
        if not isinstance(current, yaml.MappingNode):
            return line
        match = next(((k, v) for k, v in current.value if k.value == key), None)
        if match is None:
            return line
        line = match[0].start_mark.line + 1
        current = match[1]
    return line


def _item_lines(node: yaml.Node, key: str) -> list[int]:
    if isinstance(node, yaml.MappingNode):
        for k, v in node.value:
            if k.value == key and isinstance(v, yaml.MappingNode):
                for k2, v2 in v.value:
                    if k2.value == "items" and isinstance(v2, yaml.SequenceNode):
                        return [i.start_mark.line + 1 for i in v2.value]
            if k.value == key and isinstance(v, yaml.SequenceNode):
                return [i.start_mark.line + 1 for i in v.value]
    return []


def parse_instrument(source: str, path: str) -> tuple[Instrument | None, list[Problem]]:
    data, node, problems = load_yaml(source, path)
    if problems:
        return None, problems
    if not isinstance(data, dict) or node is None:
        return None, [Problem(path, 1, "an instrument file is a mapping (see content/instruments/README.md)")]
    reader = _Reader(path, node)
    line = lambda *keys: _line_of(node, *keys)  # noqa: E731

    for key in sorted(set(data) - TOP_KEYS):
        reader.problem(line(key), f"unknown key '{key}'")
    for key in sorted(TOP_KEYS - set(data)):
        reader.problem(1, f"missing '{key}'")
    if reader.problems:
        return None, reader.problems

    instrument_id, version = data["instrument"], data["version"]
    if not isinstance(instrument_id, str) or not ID.match(instrument_id):
        reader.problem(line("instrument"), "'instrument' must be an id such as communication-patterns")
    if not isinstance(version, int) or isinstance(version, bool) or version < 1:
        reader.problem(line("version"), "'version' must be a whole number from 1")
        version = 0
    published = data["published"]
    if not isinstance(published, dt.date):
        reader.problem(line("published"), "'published' must be a date written YYYY-MM-DD")
        published = dt.date(1970, 1, 1)

    translations = data["translations"]
    if (
        not isinstance(translations, dict)
        or set(translations) != set(LANGUAGES)
        or not all(v in ("complete", "incomplete") for v in translations.values())
    ):
        reader.problem(
            line("translations"), f"'translations' marks each of {', '.join(LANGUAGES)} complete or incomplete"
        )
        translations = {language: "incomplete" for language in LANGUAGES}
    languages = tuple(lang for lang in LANGUAGES if translations.get(lang) == "complete")
    if "en" not in languages:
        reader.problem(line("translations"), "the English text must be complete")
        languages = ("en", *languages)

    title = reader.text(data["title"], "title", line("title"), languages)
    intro = reader.text(data["intro"], "intro", line("intro"), languages)

    scale_data = data["response_scale"]
    points, labels = 5, {}
    if not isinstance(scale_data, dict) or scale_data.get("points") != 5:
        reader.problem(line("response_scale"), "response_scale.points must be 5")
    else:
        labels = reader.text_list(
            scale_data.get("labels"), "response_scale.labels", line("response_scale", "labels"), languages, 5
        )

    scales: dict[str, Scale] = {}
    if not isinstance(data["scales"], dict) or not data["scales"]:
        reader.problem(line("scales"), "'scales' maps scale ids to their texts")
    else:
        for scale_id, entry in data["scales"].items():
            at = line("scales", str(scale_id))
            if not isinstance(scale_id, str) or not ID.match(scale_id) or not isinstance(entry, dict):
                reader.problem(at, f"scale '{scale_id}' needs an id of lower-case letters and its texts")
                continue
            for key in sorted(set(entry) - {"name", "measures", "high", "middle", "low"}):
                reader.problem(at, f"scale '{scale_id}' has an unknown key '{key}'")
            texts = {
                k: reader.text(entry.get(k), f"scale '{scale_id}' {k}", at, languages)
                for k in ("name", "measures", "high", "middle", "low")
            }
            scales[scale_id] = Scale(scale_id, **texts)

    items: list[Item] = []
    seen: set[str] = set()
    item_lines = _item_lines(node, "items")
    raw_items = data["items"] if isinstance(data["items"], list) else []
    if not raw_items:
        reader.problem(line("items"), "'items' is a list of questions")
    for index, entry in enumerate(raw_items):
        at = item_lines[index] if index < len(item_lines) else line("items")
        if not isinstance(entry, dict) or set(entry) != {"id", "scale", "key", "text"}:
            reader.problem(at, "an item has exactly: id, scale, key, text")
            continue
        item_id = entry["id"]
        if not isinstance(item_id, str) or not ITEM_ID.match(item_id):
            reader.problem(at, f"item id '{item_id}' must be letters then digits, e.g. ex1")
            continue
        if item_id in seen:
            reader.problem(at, f"item id '{item_id}' is used twice")
        seen.add(item_id)
        if entry["scale"] not in scales:
            reader.problem(at, f"item '{item_id}' names an unknown scale '{entry['scale']}'")
        if entry["key"] not in ("plus", "minus"):
            reader.problem(at, f"item '{item_id}' key must be plus or minus")
        text = reader.text(entry["text"], f"item '{item_id}'", at, languages)
        items.append(Item(item_id, str(entry["scale"]), entry["key"] == "minus", text))

    for scale_id in scales:
        members = [i for i in items if i.scale == scale_id]
        if len(members) < MIN_ITEMS_PER_SCALE:
            reader.problem(
                line("scales", scale_id),
                f"scale '{scale_id}' has {len(members)} items; it needs at least {MIN_ITEMS_PER_SCALE}",
            )
        if members and not any(i.reverse for i in members):
            reader.problem(
                line("scales", scale_id), f"scale '{scale_id}' needs at least one reverse-keyed (minus) item"
            )

    safety = data["safety_check"]
    safety_items: list[SafetyItem] = []
    safety_intro: Text = {}
    skip_label: Text = {}
    safety_labels: dict[str, list[str]] = {}
    if not isinstance(safety, dict) or not isinstance(safety.get("items"), list):
        reader.problem(line("safety_check"), "safety_check needs intro, skip_label and items")
    else:
        safety_intro = reader.text(safety.get("intro"), "safety_check intro", line("safety_check"), languages)
        skip_label = reader.text(safety.get("skip_label"), "safety_check skip_label", line("safety_check"), languages)
        safety_labels = reader.text_list(
            safety.get("labels"), "safety_check.labels", line("safety_check"), languages, 5
        )
        safety_lines = _item_lines(node, "safety_check")
        for index, entry in enumerate(safety["items"]):
            at = safety_lines[index] if index < len(safety_lines) else line("safety_check")
            if not isinstance(entry, dict) or set(entry) != {"id", "signal_at", "text"}:
                reader.problem(at, "a safety item has exactly: id, signal_at, text")
                continue
            if entry["id"] in seen or not ITEM_ID.match(str(entry["id"])):
                reader.problem(at, f"safety item id '{entry['id']}' must be new and look like sc1")
            seen.add(str(entry["id"]))
            if entry["signal_at"] not in range(1, 6):
                reader.problem(at, "signal_at is an answer position from 1 to 5")
            text = reader.text(entry["text"], f"safety item '{entry['id']}'", at, languages)
            safety_items.append(
                SafetyItem(
                    str(entry["id"]), int(entry["signal_at"]) if isinstance(entry["signal_at"], int) else 2, text
                )
            )
        if not 3 <= len(safety_items) <= 5:
            reader.problem(line("safety_check"), "the safety check has 3 to 5 items")

    patterns: dict[str, Pattern] = {}
    pattern_keys = {
        "prototype",
        "name",
        "summary",
        "strengths",
        "in_conflict",
        "in_intimacy",
        "growth",
        "plan",
        "phrase_situations",
        "articles",
    }
    if not isinstance(data["patterns"], dict) or len(data["patterns"]) < 5:
        reader.problem(line("patterns"), "'patterns' maps at least 5 pattern ids to their prototypes and texts")
    else:
        for pattern_id, entry in data["patterns"].items():
            at = line("patterns", str(pattern_id))
            if not isinstance(pattern_id, str) or not ID.match(pattern_id) or not isinstance(entry, dict):
                reader.problem(at, f"pattern '{pattern_id}' needs an id and its fields")
                continue
            for key in sorted(set(entry) ^ pattern_keys):
                reader.problem(
                    at,
                    f"pattern '{pattern_id}' {'is missing' if key in pattern_keys else 'has an unknown key'} '{key}'",
                )
            prototype = entry.get("prototype") if isinstance(entry.get("prototype"), dict) else {}
            if set(prototype) != set(scales) or not all(
                isinstance(v, int | float) and 0 <= v <= 100 for v in prototype.values()
            ):
                reader.problem(
                    at,
                    f"pattern '{pattern_id}' prototype needs a value from 0 to 100 for each scale: {', '.join(scales)}",
                )
            situations = entry.get("phrase_situations") or []
            if not isinstance(situations, list) or not all(s in SITUATIONS for s in situations):
                reader.problem(at, f"pattern '{pattern_id}' phrase_situations must be among: {', '.join(SITUATIONS)}")
                situations = []
            articles = entry.get("articles") or []
            if not isinstance(articles, list) or not all(isinstance(a, str) and ID.match(a) for a in articles):
                reader.problem(at, f"pattern '{pattern_id}' articles must be a list of article slugs")
                articles = []
            patterns[pattern_id] = Pattern(
                id=pattern_id,
                prototype={k: float(v) for k, v in prototype.items() if isinstance(v, int | float)},
                name=reader.text(entry.get("name"), f"pattern '{pattern_id}' name", at, languages),
                summary=reader.text(entry.get("summary"), f"pattern '{pattern_id}' summary", at, languages),
                strengths=reader.text_list(entry.get("strengths"), f"pattern '{pattern_id}' strengths", at, languages),
                in_conflict=reader.text(entry.get("in_conflict"), f"pattern '{pattern_id}' in_conflict", at, languages),
                in_intimacy=reader.text(entry.get("in_intimacy"), f"pattern '{pattern_id}' in_intimacy", at, languages),
                growth=reader.text(entry.get("growth"), f"pattern '{pattern_id}' growth", at, languages),
                plan=reader.text_list(entry.get("plan"), f"pattern '{pattern_id}' plan", at, languages, PLAN_DAYS),
                phrase_situations=list(situations),
                articles=list(articles),
            )

    if reader.problems:
        return None, reader.problems
    instrument = Instrument(
        id=instrument_id,
        version=version,
        published=published,
        translations=dict(translations),
        title=title,
        intro=intro,
        points=points,
        labels=labels,
        scales=scales,
        items=items,
        safety_intro=safety_intro,
        safety_labels=safety_labels,
        safety_skip_label=skip_label,
        safety_items=safety_items,
        patterns=patterns,
    )
    from .scoring import unreachable_patterns

    for pattern_id in unreachable_patterns(instrument):
        reader.problem(
            line("patterns", pattern_id),
            f"pattern '{pattern_id}' can never be the result: another prototype is always nearer",
        )
    return (None if reader.problems else instrument), reader.problems


def read_instruments(root: Path) -> tuple[dict[str, Instrument], list[Problem]]:
    """Every instrument version under content/instruments, keyed 'id/vN'."""
    found: dict[str, Instrument] = {}
    problems: list[Problem] = []
    folder = root / "instruments"
    for path in sorted(folder.glob("*/v*.yaml")):
        shown = str(path.relative_to(root.parent)) if path.is_relative_to(root.parent) else str(path)
        match = re.fullmatch(r"v(\d+)\.yaml", path.name)
        instrument, found_problems = parse_instrument(path.read_text("utf-8"), shown)
        problems += found_problems
        if instrument is None:
            continue
        if not match or int(match.group(1)) != instrument.version or path.parent.name != instrument.id:
            problems.append(Problem(shown, 1, f"the file must be named {instrument.id}/v{instrument.version}.yaml"))
            continue
        found[instrument.key] = instrument
    return found, problems
