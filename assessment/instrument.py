"""The test's instrument as data: reading and checking a version file. Plain Python, no Django.

An instrument file (content/instruments/<id>/v<N>.yaml, format in content/instruments/README.md)
becomes an `Instrument`; every problem found on the way is reported with its file and line.

Version 1 files use the original format. Later versions may add, all optional for the parser
but all used together from version 2 on:
- `time_frame`: the period every question is about;
- `response_scale.does_not_apply`: an answer code that is kept but never scored, allowed on the
  items marked `may_not_apply: true`;
- `safety_check.skip_code`: the code of "I'd rather not answer" (0 when not declared);
- scale `ends`: what a low and a high score mean, in a few words, for the ends of a chart;
- `reliability`: the figure each scale's error band is computed from, per scale and language;
- `scoring`: the thresholds that decide between a clear pattern, a blend and no single pattern;
- pattern `requires`, and texts written as passages tagged with the levels they assume;
- `blends`, `no_single_pattern` and `wording`: the texts for blends, for results without a
  single pattern, and the sentences that carry numbers;
- `simulation`: what bench/stability_bench.py measured for the thresholds, published on "How
  scoring works" (a product of the simulated readers' settings, not of real answers).
"""

from __future__ import annotations

import datetime as dt
import re
import string
from dataclasses import dataclass, field
from typing import Any

import yaml

from base.languages import LANGUAGES, pick_text
from base.problems import Problem
from base.yamlfile import load_yaml
from wiki.content.schema import SITUATIONS

ID = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")
ITEM_ID = re.compile(r"^[a-z]+[0-9]+$")
MIN_ITEMS_PER_SCALE = 5
PLAN_DAYS = 14
LEVELS: tuple[str, ...] = ("low", "middle", "high")
REQUIRED_KEYS = {
    "instrument", "version", "published", "translations", "title", "intro", "response_scale",
    "scales", "items", "safety_check", "patterns",
}  # fmt: skip
OPTIONAL_KEYS = {"time_frame", "reliability", "scoring", "blends", "no_single_pattern", "wording", "simulation"}
TOP_KEYS = REQUIRED_KEYS | OPTIONAL_KEYS
# Why a result has no single pattern; each has its own summary in `no_single_pattern`.
NO_PATTERN_REASONS: tuple[str, ...] = ("same-answer", "agree-all", "disagree-all", "flat", "far")
SCORING_KEYS: dict[str, tuple[float, float]] = {  # key -> allowed range
    "min_answers": (1, 20),
    "clear_distance": (1, 100),
    "clear_margin": (0, 5),
    "blend_distance": (1, 100),
    "flat_range": (0, 100),
    "same_answer_share": (0.5, 1),
    "agree_mean": (3, 5),
    "disagree_mean": (1, 3),
}
# What the stability benchmark measured (key -> allowed range); shares are from 0 to 1.
SIMULATION_KEYS: dict[str, tuple[float, float]] = {
    "readers": (100, 1_000_000),
    "seed": (0, 2**31),
    "alpha": (0, 1),  # mean alpha of the pattern scales under the generator's published settings
    "agreement": (0, 1),  # two takes give the same pattern, or a blend sharing one
    "clear": (0, 1),
    "target": (0, 1),  # the agreement aimed for
    "target_alpha": (0, 1),  # the lowest simulated reliability at which the target was reached
    "target_questions": (1, 100),  # questions a scale would need for that reliability (Spearman-Brown)
}
# Each sentence that carries numbers or names, with the placeholders it must use.
WORDING_KEYS: dict[str, set[str]] = {
    "level_low": set(),
    "level_middle": set(),
    "level_high": set(),
    "band": {"low", "high"},
    "near_cutoff": {"lower", "upper", "other"},
    "not_shown": {"answered", "needed", "items"},
    "not_shown_short": set(),
    "clear_intro": {"pattern"},
    "blend_name": {"first", "second"},
    "blend_summary": {"first", "second"},
    "blend_shared": {"list"},
    "blend_shared_item": {"scale", "level"},
    "blend_shared_none": set(),
    "blend_differ": {"list"},
    "blend_differ_item": {"scale", "first", "first_level", "second", "second_level", "level", "score"},
    "blend_practice": {"first"},
    "list_separator": set(),
    "no_single_intro": set(),
    "retake_offer": set(),
    "notice_same-answer": set(),
    "notice_agree-all": set(),
    "notice_disagree-all": set(),
    "change_intro": {"date"},
    "change_pattern_same": {"pattern"},
    "change_pattern_moved": {"before", "after"},
    "change_other_version": {"before_version", "after_version"},
    "change_up": {"scale", "before", "after"},
    "change_down": {"scale", "before", "after"},
    "change_within": {"scale", "before", "after"},
    "change_not_compared": {"scale"},
    "change_soon": {"days"},
    "retake_when": {"date"},
}

Text = dict[str, str]  # language -> text
Assumes = dict[str, frozenset[str]]  # scale -> the levels a text is true for


@dataclass(frozen=True)
class ScaleEnds:
    low: Text
    high: Text


@dataclass(frozen=True)
class Scale:
    id: str
    name: Text
    measures: Text
    high: Text
    middle: Text
    low: Text
    ends: ScaleEnds | None = None

    def meaning(self, level: str) -> Text:
        return {"high": self.high, "middle": self.middle, "low": self.low}[level]


@dataclass(frozen=True)
class Item:
    id: str
    scale: str
    reverse: bool
    text: Text
    may_not_apply: bool = False


@dataclass(frozen=True)
class SafetyItem:
    id: str
    signal_at: int
    text: Text


@dataclass(frozen=True)
class Passage:
    """A piece of text, true only for readers whose levels are among `assumes` (empty: for everyone)."""

    text: Text
    assumes: Assumes = field(default_factory=dict)

    def holds_for(self, levels: dict[str, str | None]) -> bool:
        """A scale the reader has no level on (too few answers) never satisfies an assumption."""
        return all(levels.get(scale) in allowed for scale, allowed in self.assumes.items())


@dataclass(frozen=True)
class Pattern:
    id: str
    prototype: dict[str, float]
    name: Text
    summary: Text
    strengths: dict[str, list[str]]
    in_conflict: list[Passage]
    in_intimacy: list[Passage]
    growth: Text
    plan: dict[str, list[str]]
    phrase_situations: list[str]
    articles: list[str]
    # Levels a reader must have for this pattern to be theirs: its name, summary, strengths,
    # growth and plan assume no more than this.
    requires: Assumes = field(default_factory=dict)

    def fits(self, levels: dict[str, str | None]) -> bool:
        return Passage({}, self.requires).holds_for(levels)


@dataclass(frozen=True)
class Blend:
    patterns: tuple[str, str]
    text: list[Passage]


@dataclass(frozen=True)
class NoSinglePattern:
    name: Text
    summary: dict[str, Text]  # reason -> text
    strengths: dict[str, list[str]]
    in_conflict: list[Passage]
    in_intimacy: list[Passage]
    growth: Text
    plan: dict[str, list[str]]
    phrase_situations: list[str]
    articles: list[str]


@dataclass(frozen=True)
class DeclaredReliability:
    """What a scale's error band is computed from, in one language (see `reliability` in the README)."""

    alpha: float
    sd: float  # standard deviation of the scale's 0-100 score
    n: int  # real results the figure comes from; 0 for a provisional figure

    @property
    def sem(self) -> float:
        """Standard error of measurement of a score with every item answered."""
        return float(self.sd * (1 - self.alpha) ** 0.5)


@dataclass(frozen=True)
class Reliability:
    status: str  # provisional | measured
    basis: Text
    scales: dict[str, dict[str, DeclaredReliability]]  # scale -> language -> figures


@dataclass(frozen=True)
class ScoringRules:
    pattern_scales: tuple[str, ...]  # the scales patterns are told apart on
    min_answers: int
    clear_distance: float
    clear_margin: float
    blend_distance: float
    flat_range: float
    same_answer_share: float
    agree_mean: float
    disagree_mean: float


@dataclass(frozen=True)
class Simulation:
    """What bench/stability_bench.py measured for this version's thresholds (see the README)."""

    readers: int
    seed: int
    alpha: float
    agreement: float
    clear: float
    target: float
    target_alpha: float
    target_questions: int


@dataclass(frozen=True)
class DoesNotApply:
    code: int
    label: Text


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
    time_frame: Text | None = None
    does_not_apply: DoesNotApply | None = None
    safety_skip_code: int = 0
    reliability: Reliability | None = None
    scoring: ScoringRules | None = None  # None: version 1's nearest-prototype rule
    blends: dict[frozenset[str], Blend] = field(default_factory=dict)
    no_single_pattern: NoSinglePattern | None = None
    wording: dict[str, Text] = field(default_factory=dict)
    simulation: Simulation | None = None
    # Where the scoring section and each pattern start in the file ("scoring", "patterns.<id>"),
    # for the checks only scoring can make (assessment/instrument_file.py).
    source_lines: dict[str, int] = field(default_factory=dict, compare=False, repr=False)

    @property
    def key(self) -> str:
        return f"{self.id}/v{self.version}"

    def items_of(self, scale: str) -> list[Item]:
        return [item for item in self.items if item.scale == scale]

    def is_complete_in(self, language: str) -> bool:
        return self.translations.get(language) == "complete"

    def item(self, item_id: str) -> Item | None:
        return next((item for item in self.items if item.id == item_id), None)

    def words(self, key: str, language: str, **values: object) -> str:
        """A sentence from `wording`, in the language (English when missing), placeholders filled."""
        texts = self.wording.get(key, {})
        template = pick_text(texts, language)
        return template.format(**values) if values else template


class _Reader:
    """Walks the YAML tree, remembering line numbers, collecting problems instead of raising."""

    def __init__(self, path: str, node: yaml.Node) -> None:
        self.path = path
        self.root = node
        self.problems: list[Problem] = []
        self.lines: dict[int, int] = {}
        self._index(node)

    def line(self, *keys: str) -> int:
        """The line of the value at this path of keys (the nearest line found)."""
        return _line_of(self.root, *keys)

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

    def levels(self, value: Any, where: str, line: int, scales: dict[str, Scale]) -> Assumes:
        """{scale: level or [levels]} -> {scale: frozenset of levels}."""
        if value is None:
            return {}
        if not isinstance(value, dict):
            self.problem(line, f"{where} maps scales to a level or a list of levels")
            return {}
        result: Assumes = {}
        for scale_id, wanted in value.items():
            listed = [wanted] if isinstance(wanted, str) else wanted
            if scale_id not in scales:
                self.problem(line, f"{where} names an unknown scale '{scale_id}'")
                continue
            if not isinstance(listed, list) or not listed or not all(level in LEVELS for level in listed):
                self.problem(line, f"{where}: '{scale_id}' must be one or more of {', '.join(LEVELS)}")
                continue
            if set(listed) == set(LEVELS):
                continue  # assumes nothing
            result[str(scale_id)] = frozenset(listed)
        return result

    def passages(
        self, value: Any, where: str, line: int, languages: tuple[str, ...], scales: dict[str, Scale]
    ) -> list[Passage]:
        """Either one text per language (version 1) or a list of passages, each maybe with `assumes`."""
        if isinstance(value, dict):
            return [Passage(self.text(value, where, line, languages))]
        if not isinstance(value, list) or not value:
            self.problem(line, f"{where} needs a text per language or a list of passages")
            return []
        found = []
        for index, entry in enumerate(value, start=1):
            if not isinstance(entry, dict):
                self.problem(line, f"{where} passage {index} needs a text per language")
                continue
            assumes = self.levels(entry.get("assumes"), f"{where} passage {index} assumes", line, scales)
            texts = {k: v for k, v in entry.items() if k != "assumes"}
            found.append(Passage(self.text(texts, f"{where} passage {index}", line, languages), assumes))
        return found


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


def _implied_by(assumes: Assumes, requires: Assumes) -> bool:
    """True when every reader meeting `requires` also meets `assumes`."""
    return all(scale in requires and requires[scale] <= allowed for scale, allowed in assumes.items())


def _placeholders(template: str) -> set[str]:
    try:
        return {name for _, name, _, _ in string.Formatter().parse(template) if name}
    except ValueError:
        return {"<broken braces>"}


def parse_instrument(source: str, path: str) -> tuple[Instrument | None, list[Problem]]:
    data, node, problems = load_yaml(source, path)
    if problems:
        return None, problems
    if not isinstance(data, dict) or node is None:
        return None, [Problem(path, 1, "an instrument file is a mapping (see content/instruments/README.md)")]
    reader = _Reader(path, node)
    line = reader.line
    for key in sorted(set(data) - TOP_KEYS):
        reader.problem(line(key), f"unknown key '{key}'")
    for key in sorted(REQUIRED_KEYS - set(data)):
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
    time_frame = (
        reader.text(data["time_frame"], "time_frame", line("time_frame"), languages) if "time_frame" in data else None
    )

    points, labels, does_not_apply = _read_response_scale(reader, data["response_scale"], languages)

    scales = _read_scales(reader, data["scales"], languages)

    items, seen = _read_items(reader, data["items"], languages, scales, does_not_apply)
    _check_scale_sizes(reader, scales, items)

    safety = _read_safety(reader, data["safety_check"], languages, points, seen)

    rules = _read_scoring(reader, data.get("scoring"), line("scoring"), scales)
    patterns = _read_patterns(reader, data["patterns"], languages, scales, rules)

    reliability = _read_reliability(reader, data.get("reliability"), line("reliability"), languages, scales)
    wording = _read_wording(reader, data.get("wording"), line("wording"), languages)
    blends = _read_blends(reader, data.get("blends"), line("blends"), languages, scales, patterns)
    no_single = _read_no_single(reader, data.get("no_single_pattern"), line("no_single_pattern"), languages, scales)
    simulation = _read_simulation(reader, data.get("simulation"), line("simulation"))
    if rules is not None:
        # The fit-aware reading needs every piece; version 1 uses none of them.
        for key, value in (
            ("reliability", reliability),
            ("wording", wording or None),
            ("no_single_pattern", no_single),
            ("time_frame", time_frame),
        ):
            if value is None:
                reader.problem(line("scoring"), f"a version with 'scoring' also needs '{key}'")
        for pattern in patterns.values():
            if not pattern.requires:
                reader.problem(line("patterns", pattern.id), f"pattern '{pattern.id}' needs 'requires' (see README)")
    elif any(p.requires for p in patterns.values()) or blends or no_single is not None or simulation is not None:
        reader.problem(line("patterns"), "requires, blends, no_single_pattern and simulation need a 'scoring' section")

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
        safety_intro=safety.intro,
        safety_labels=safety.labels,
        safety_skip_label=safety.skip_label,
        safety_items=safety.items,
        patterns=patterns,
        time_frame=time_frame,
        does_not_apply=does_not_apply,
        safety_skip_code=safety.skip_code,
        reliability=reliability,
        scoring=rules,
        blends=blends,
        no_single_pattern=no_single,
        wording=wording,
        simulation=simulation,
        source_lines={
            "scoring": line("scoring"),
            **{f"patterns.{pattern_id}": line("patterns", pattern_id) for pattern_id in patterns},
        },
    )
    return (None if reader.problems else instrument), reader.problems


def _read_response_scale(
    reader: _Reader, scale_data: Any, languages: tuple[str, ...]
) -> tuple[int, dict[str, list[str]], DoesNotApply | None]:
    """The answer positions' labels and the optional "does not apply" code."""
    points, labels = 5, {}
    does_not_apply: DoesNotApply | None = None
    if not isinstance(scale_data, dict) or scale_data.get("points") != 5:
        reader.problem(reader.line("response_scale"), "response_scale.points must be 5")
    else:
        labels = reader.text_list(
            scale_data.get("labels"), "response_scale.labels", reader.line("response_scale", "labels"), languages, 5
        )
        for key in sorted(set(scale_data) - {"points", "labels", "does_not_apply"}):
            reader.problem(reader.line("response_scale"), f"response_scale has an unknown key '{key}'")
        dna = scale_data.get("does_not_apply")
        if dna is not None:
            at = reader.line("response_scale", "does_not_apply")
            code = dna.get("code") if isinstance(dna, dict) else None
            if not isinstance(code, int) or isinstance(code, bool) or 1 <= code <= points or not 0 <= code <= 9:
                reader.problem(at, "does_not_apply.code must be one digit outside the answer positions (such as 0)")
                code = 0
            label = reader.text(
                dna.get("label") if isinstance(dna, dict) else None, "does_not_apply.label", at, languages
            )
            does_not_apply = DoesNotApply(code, label)

    return points, labels, does_not_apply


def _read_scales(reader: _Reader, raw: Any, languages: tuple[str, ...]) -> dict[str, Scale]:
    scales: dict[str, Scale] = {}
    if not isinstance(raw, dict) or not raw:
        reader.problem(reader.line("scales"), "'scales' maps scale ids to their texts")
    else:
        for scale_id, entry in raw.items():
            at = reader.line("scales", str(scale_id))
            if not isinstance(scale_id, str) or not ID.match(scale_id) or not isinstance(entry, dict):
                reader.problem(at, f"scale '{scale_id}' needs an id of lower-case letters and its texts")
                continue
            for key in sorted(set(entry) - {"name", "measures", "high", "middle", "low", "ends"}):
                reader.problem(at, f"scale '{scale_id}' has an unknown key '{key}'")
            texts = {
                k: reader.text(entry.get(k), f"scale '{scale_id}' {k}", at, languages)
                for k in ("name", "measures", "high", "middle", "low")
            }
            ends = None
            if "ends" in entry:
                raw_ends = entry["ends"] if isinstance(entry["ends"], dict) else {}
                ends = ScaleEnds(
                    reader.text(raw_ends.get("low"), f"scale '{scale_id}' ends.low", at, languages),
                    reader.text(raw_ends.get("high"), f"scale '{scale_id}' ends.high", at, languages),
                )
            scales[scale_id] = Scale(scale_id, **texts, ends=ends)

    return scales


def _read_items(
    reader: _Reader, raw: Any, languages: tuple[str, ...], scales: dict[str, Scale], does_not_apply: DoesNotApply | None
) -> tuple[list[Item], set[str]]:
    """The questions, and every id used (safety items may not reuse one)."""
    items: list[Item] = []
    seen: set[str] = set()
    item_lines = _item_lines(reader.root, "items")
    raw_items = raw if isinstance(raw, list) else []
    if not raw_items:
        reader.problem(reader.line("items"), "'items' is a list of questions")
    for index, entry in enumerate(raw_items):
        at = item_lines[index] if index < len(item_lines) else reader.line("items")
        if not isinstance(entry, dict) or not {"id", "scale", "key", "text"} <= set(entry) <= {
            "id", "scale", "key", "text", "may_not_apply"
        }:  # fmt: skip
            reader.problem(at, "an item has exactly: id, scale, key, text (and may_not_apply)")
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
        may_not_apply = entry.get("may_not_apply", False)
        if may_not_apply not in (True, False):
            reader.problem(at, f"item '{item_id}' may_not_apply must be true or false")
        elif may_not_apply and does_not_apply is None:
            reader.problem(at, f"item '{item_id}' may not apply, but response_scale declares no does_not_apply code")
        text = reader.text(entry["text"], f"item '{item_id}'", at, languages)
        items.append(Item(item_id, str(entry["scale"]), entry["key"] == "minus", text, may_not_apply is True))

    return items, seen


def _check_scale_sizes(reader: _Reader, scales: dict[str, Scale], items: list[Item]) -> None:
    """Enough questions per scale, and at least one reverse-keyed among them."""
    for scale_id in scales:
        members = [i for i in items if i.scale == scale_id]
        if len(members) < MIN_ITEMS_PER_SCALE:
            reader.problem(
                reader.line("scales", scale_id),
                f"scale '{scale_id}' has {len(members)} items; it needs at least {MIN_ITEMS_PER_SCALE}",
            )
        if members and not any(i.reverse for i in members):
            reader.problem(
                reader.line("scales", scale_id), f"scale '{scale_id}' needs at least one reverse-keyed (minus) item"
            )


@dataclass(frozen=True)
class _SafetyCheck:
    intro: Text
    labels: dict[str, list[str]]
    skip_label: Text
    skip_code: int
    items: list[SafetyItem]


def _read_safety(reader: _Reader, safety: Any, languages: tuple[str, ...], points: int, seen: set[str]) -> _SafetyCheck:
    top = reader.line("safety_check")
    safety_items: list[SafetyItem] = []
    safety_intro: Text = {}
    skip_label: Text = {}
    skip_code: Any = 0
    safety_labels: dict[str, list[str]] = {}
    if not isinstance(safety, dict) or not isinstance(safety.get("items"), list):
        reader.problem(top, "safety_check needs intro, skip_label and items")
    else:
        safety_intro = reader.text(safety.get("intro"), "safety_check intro", top, languages)
        skip_label = reader.text(safety.get("skip_label"), "safety_check skip_label", top, languages)
        safety_labels = reader.text_list(safety.get("labels"), "safety_check.labels", top, languages, 5)
        skip_code = safety.get("skip_code", 0)
        if not isinstance(skip_code, int) or isinstance(skip_code, bool) or 1 <= skip_code <= points or skip_code < 0:
            reader.problem(top, "safety_check.skip_code must be a code outside 1 to 5 (such as 0)")
            skip_code = 0
        safety_lines = _item_lines(reader.root, "safety_check")
        for index, entry in enumerate(safety["items"]):
            at = safety_lines[index] if index < len(safety_lines) else top
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
            reader.problem(top, "the safety check has 3 to 5 items")

    return _SafetyCheck(safety_intro, safety_labels, skip_label, int(skip_code), safety_items)


def _read_patterns(
    reader: _Reader, raw: Any, languages: tuple[str, ...], scales: dict[str, Scale], rules: ScoringRules | None
) -> dict[str, Pattern]:
    prototype_scales = list(rules.pattern_scales) if rules is not None else list(scales)
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
    if not isinstance(raw, dict) or len(raw) < 5:
        reader.problem(reader.line("patterns"), "'patterns' maps at least 5 pattern ids to their prototypes and texts")
    else:
        for pattern_id, entry in raw.items():
            at = reader.line("patterns", str(pattern_id))
            if not isinstance(pattern_id, str) or not ID.match(pattern_id) or not isinstance(entry, dict):
                reader.problem(at, f"pattern '{pattern_id}' needs an id and its fields")
                continue
            for key in sorted((set(entry) - {"requires"}) ^ pattern_keys):
                reader.problem(
                    at,
                    f"pattern '{pattern_id}' {'is missing' if key in pattern_keys else 'has an unknown key'} '{key}'",
                )
            found_prototype = entry.get("prototype")
            prototype: dict[str, Any] = found_prototype if isinstance(found_prototype, dict) else {}
            if set(prototype) != set(prototype_scales) or not all(
                isinstance(v, int | float) and 0 <= v <= 100 for v in prototype.values()
            ):
                reader.problem(
                    at,
                    f"pattern '{pattern_id}' prototype needs a value from 0 to 100 for each scale: "
                    + ", ".join(prototype_scales),
                )
            situations = entry.get("phrase_situations") or []
            if not isinstance(situations, list) or not all(s in SITUATIONS for s in situations):
                reader.problem(at, f"pattern '{pattern_id}' phrase_situations must be among: {', '.join(SITUATIONS)}")
                situations = []
            articles = entry.get("articles") or []
            if not isinstance(articles, list) or not all(isinstance(a, str) and ID.match(a) for a in articles):
                reader.problem(at, f"pattern '{pattern_id}' articles must be a list of article slugs")
                articles = []
            where = f"pattern '{pattern_id}'"
            requires = reader.levels(entry.get("requires"), f"{where} requires", at, scales)
            pattern = Pattern(
                id=pattern_id,
                prototype={k: float(v) for k, v in prototype.items() if isinstance(v, int | float)},
                name=reader.text(entry.get("name"), f"{where} name", at, languages),
                summary=reader.text(entry.get("summary"), f"{where} summary", at, languages),
                strengths=reader.text_list(entry.get("strengths"), f"{where} strengths", at, languages),
                in_conflict=reader.passages(entry.get("in_conflict"), f"{where} in_conflict", at, languages, scales),
                in_intimacy=reader.passages(entry.get("in_intimacy"), f"{where} in_intimacy", at, languages, scales),
                growth=reader.text(entry.get("growth"), f"{where} growth", at, languages),
                plan=reader.text_list(entry.get("plan"), f"{where} plan", at, languages, PLAN_DAYS),
                phrase_situations=list(situations),
                articles=list(articles),
                requires=requires,
            )
            _check_pattern_passages(reader, pattern, at)
            patterns[pattern_id] = pattern

    return patterns


def _check_pattern_passages(reader: _Reader, pattern: Pattern | NoSinglePattern, at: int) -> None:
    """The first passage of a section is always shown, so it may assume only what the pattern requires."""
    requires = pattern.requires if isinstance(pattern, Pattern) else {}
    name = pattern.id if isinstance(pattern, Pattern) else "no_single_pattern"
    for section, passages in (("in_conflict", pattern.in_conflict), ("in_intimacy", pattern.in_intimacy)):
        if passages and not _implied_by(passages[0].assumes, requires):
            reader.problem(at, f"{name} {section}: its first passage must assume no more than the pattern requires")


def _read_reliability(
    reader: _Reader, value: Any, at: int, languages: tuple[str, ...], scales: dict[str, Scale]
) -> Reliability | None:
    if value is None:
        return None
    if not isinstance(value, dict) or value.get("status") not in ("provisional", "measured"):
        reader.problem(at, "reliability needs status (provisional or measured), basis and scales")
        return None
    basis = reader.text(value.get("basis"), "reliability basis", at, languages)
    figures: dict[str, dict[str, DeclaredReliability]] = {}
    found_scales = value.get("scales")
    raw: dict[str, Any] = found_scales if isinstance(found_scales, dict) else {}
    for scale_id in scales:
        per_language = raw.get(scale_id)
        if not isinstance(per_language, dict):
            reader.problem(at, f"reliability has no figures for scale '{scale_id}'")
            continue
        figures[scale_id] = {}
        for language in languages:
            entry = per_language.get(language)
            alpha = entry.get("alpha") if isinstance(entry, dict) else None
            sd = entry.get("sd") if isinstance(entry, dict) else None
            n = entry.get("n", 0) if isinstance(entry, dict) else None
            if not isinstance(alpha, int | float) or not 0 < alpha < 1:
                reader.problem(at, f"reliability of '{scale_id}' in '{language}' needs an alpha between 0 and 1")
                continue
            if not isinstance(sd, int | float) or not 0 < sd <= 50:
                reader.problem(at, f"reliability of '{scale_id}' in '{language}' needs an sd from 0 to 50")
                continue
            if not isinstance(n, int) or n < 0:
                reader.problem(at, f"reliability of '{scale_id}' in '{language}': n is a count of real results")
                continue
            if value["status"] == "measured" and n < 200:
                reader.problem(at, f"a measured reliability of '{scale_id}' in '{language}' needs n of at least 200")
            figures[scale_id][language] = DeclaredReliability(float(alpha), float(sd), n)
    for extra in sorted(set(raw) - set(scales)):
        reader.problem(at, f"reliability names an unknown scale '{extra}'")
    return Reliability(str(value["status"]), basis, figures)


def _read_figures(
    reader: _Reader,
    section: str,
    value: dict[str, Any],
    at: int,
    ranges: dict[str, tuple[float, float]],
    also_allowed: frozenset[str] | set[str] = frozenset(),
) -> dict[str, float]:
    """The figures of a section that are numbers within their range; a problem for each that is not."""
    found: dict[str, float] = {}
    for key, (low, high) in ranges.items():
        number = value.get(key)
        if not isinstance(number, int | float) or isinstance(number, bool) or not low <= number <= high:
            reader.problem(at, f"{section}.{key} must be a number from {low:g} to {high:g}")
            continue
        found[key] = number
    for extra in sorted(set(value) - set(ranges) - set(also_allowed)):
        reader.problem(at, f"{section} has an unknown key '{extra}'")
    return found


def _read_scoring(reader: _Reader, value: Any, at: int, scales: dict[str, Scale]) -> ScoringRules | None:
    if value is None:
        return None
    if not isinstance(value, dict):
        reader.problem(at, "scoring maps each threshold to its value")
        return None
    pattern_scales = value.get("pattern_scales")
    if not isinstance(pattern_scales, list) or not pattern_scales or not set(pattern_scales) <= set(scales):
        reader.problem(at, "scoring.pattern_scales lists the scales the patterns are told apart on")
        pattern_scales = list(scales)
    found = _read_figures(reader, "scoring", value, at, SCORING_KEYS, also_allowed={"pattern_scales"})
    if len(found) < len(SCORING_KEYS):
        return None
    if found["blend_distance"] < found["clear_distance"]:
        reader.problem(at, "scoring.blend_distance must be at least clear_distance")
    return ScoringRules(
        pattern_scales=tuple(str(s) for s in pattern_scales),
        min_answers=int(found["min_answers"]),
        clear_distance=float(found["clear_distance"]),
        clear_margin=float(found["clear_margin"]),
        blend_distance=float(found["blend_distance"]),
        flat_range=float(found["flat_range"]),
        same_answer_share=float(found["same_answer_share"]),
        agree_mean=float(found["agree_mean"]),
        disagree_mean=float(found["disagree_mean"]),
    )


def _read_simulation(reader: _Reader, value: Any, at: int) -> Simulation | None:
    if value is None:
        return None
    if not isinstance(value, dict):
        reader.problem(at, "simulation maps each figure of the stability benchmark to its value")
        return None
    found = _read_figures(reader, "simulation", value, at, SIMULATION_KEYS)
    for key in ("readers", "seed", "target_questions"):
        if key in found and found[key] != int(found[key]):
            reader.problem(at, f"simulation.{key} must be a whole number")
    if len(found) < len(SIMULATION_KEYS):
        return None
    return Simulation(
        readers=int(found["readers"]),
        seed=int(found["seed"]),
        alpha=float(found["alpha"]),
        agreement=float(found["agreement"]),
        clear=float(found["clear"]),
        target=float(found["target"]),
        target_alpha=float(found["target_alpha"]),
        target_questions=int(found["target_questions"]),
    )


def _read_wording(reader: _Reader, value: Any, at: int, languages: tuple[str, ...]) -> dict[str, Text]:
    if value is None:
        return {}
    if not isinstance(value, dict):
        reader.problem(at, "wording maps each sentence's key to its texts")
        return {}
    wording: dict[str, Text] = {}
    for key, needed in WORDING_KEYS.items():
        texts = reader.text(value.get(key), f"wording '{key}'", at, languages)
        if key == "list_separator" and isinstance(value.get(key), dict):
            texts = {lang: value[key][lang] for lang in texts}  # its spaces matter
        for language, template in texts.items():
            if _placeholders(template) != needed:
                shown = ", ".join("{" + n + "}" for n in sorted(needed)) or "no placeholders"
                reader.problem(at, f"wording '{key}' in '{language}' must use exactly {shown}")
        wording[key] = texts
    for extra in sorted(set(value) - set(WORDING_KEYS)):
        reader.problem(at, f"wording has an unknown key '{extra}'")
    return wording


def _read_blends(
    reader: _Reader,
    value: Any,
    at: int,
    languages: tuple[str, ...],
    scales: dict[str, Scale],
    patterns: dict[str, Pattern],
) -> dict[frozenset[str], Blend]:
    if value is None:
        return {}
    if not isinstance(value, list):
        reader.problem(at, "blends is a list of entries with patterns and text")
        return {}
    blends: dict[frozenset[str], Blend] = {}
    for index, entry in enumerate(value, start=1):
        pair = entry.get("patterns") if isinstance(entry, dict) else None
        if not isinstance(pair, list) or len(pair) != 2 or len(set(pair)) != 2 or not set(pair) <= set(patterns):
            reader.problem(at, f"blend {index} needs two different known patterns")
            continue
        key = frozenset(pair)
        if key in blends:
            reader.problem(at, f"blend {index} repeats {' + '.join(pair)}")
        text = reader.passages(entry.get("text"), f"blend {' + '.join(pair)}", at, languages, scales)
        both = {**patterns[pair[0]].requires}
        for scale, allowed in patterns[pair[1]].requires.items():
            both[scale] = both[scale] & allowed if scale in both else allowed
        if text and not _implied_by(text[0].assumes, both):
            reader.problem(at, f"blend {' + '.join(pair)}: its first passage must assume no more than both patterns")
        blends[key] = Blend((str(pair[0]), str(pair[1])), text)
    return blends


def _read_no_single(
    reader: _Reader, value: Any, at: int, languages: tuple[str, ...], scales: dict[str, Scale]
) -> NoSinglePattern | None:
    if value is None:
        return None
    if not isinstance(value, dict):
        reader.problem(at, "no_single_pattern needs its texts")
        return None
    found_summaries = value.get("summary")
    summaries: dict[str, Any] = found_summaries if isinstance(found_summaries, dict) else {}
    summary = {
        reason: reader.text(summaries.get(reason), f"no_single_pattern summary '{reason}'", at, languages)
        for reason in NO_PATTERN_REASONS
    }
    situations = value.get("phrase_situations") or []
    if not isinstance(situations, list) or not all(s in SITUATIONS for s in situations):
        reader.problem(at, "no_single_pattern phrase_situations are unknown")
        situations = []
    articles = value.get("articles") or []
    if not isinstance(articles, list) or not all(isinstance(a, str) and ID.match(a) for a in articles):
        reader.problem(at, "no_single_pattern articles must be a list of article slugs")
        articles = []
    entry = NoSinglePattern(
        name=reader.text(value.get("name"), "no_single_pattern name", at, languages),
        summary=summary,
        strengths=reader.text_list(value.get("strengths"), "no_single_pattern strengths", at, languages),
        in_conflict=reader.passages(value.get("in_conflict"), "no_single_pattern in_conflict", at, languages, scales),
        in_intimacy=reader.passages(value.get("in_intimacy"), "no_single_pattern in_intimacy", at, languages, scales),
        growth=reader.text(value.get("growth"), "no_single_pattern growth", at, languages),
        plan=reader.text_list(value.get("plan"), "no_single_pattern plan", at, languages, PLAN_DAYS),
        phrase_situations=list(situations),
        articles=list(articles),
    )
    _check_pattern_passages(reader, entry, at)
    return entry
