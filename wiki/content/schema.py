"""The shape of an article, a glossary entry and the category list, and how each is checked.

Every problem is reported with its file and line so an editor can go straight to it. Parsing
never raises on bad content: it returns what it could read plus the list of problems, and the
loader refuses to load anything while that list is not empty.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

# Re-exported: the content schema is where content code has always found these.
from base.languages import LANGUAGES as LANGUAGES
from base.problems import Problem as Problem
from base.yamlfile import item_lines, key_lines
from base.yamlfile import load_yaml as load_yaml

from . import text as text_stats
from .markdown import ParsedBody, parse_body

SLUG = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")
SITUATIONS: tuple[str, ...] = (
    "declining",
    "hearing-no",
    "pause",
    "expressing-need",
    "repairing",
    "checking-in",
    "appreciating",
    "boundary",
)
SECTION_ORDER: tuple[str, ...] = ("problem", "concepts", "steps", "cases", "practice", "conclusion")

REQUIRED_KEYS = (
    "title",
    "summary",
    "category",
    "written",
    "updated",
    "review_status",
    "references",
    "phrases",
    "faq",
)
OPTIONAL_KEYS = ("tags", "related", "translation_note", "reviewed_on", "reviewer")
# Honest provenance: an article says it awaits a clinician until one has actually reviewed it,
# and then names when and who.
REVIEW_STATUSES: tuple[str, ...] = ("awaiting-clinical-review", "clinically-reviewed")
# One set of section headings per language, so every article reads the same way.
SECTION_HEADINGS: dict[str, dict[str, str]] = {
    "en": {
        "problem": "The problem",
        "concepts": "Core concepts",
        "steps": "Practical steps",
        "cases": "Case stories",
        "practice": "Practice guides",
        "conclusion": "Conclusion",
    },
    "zh-hans": {
        "problem": "问题",
        "concepts": "核心概念",
        "steps": "实用步骤",
        "cases": "案例故事",
        "practice": "练习指南",
        "conclusion": "结语",
    },
}
# Case stories are illustrative composites: the site labels them so; the text must never claim
# otherwise.
PROVENANCE_CLAIMS = re.compile(
    r"real (?:situations?|stories|experiences?|couples?|clients?)|true stor(?:y|ies)|"
    r"真实(?:经历|情况|故事|案例)|来访者(?:的)?经历",
    re.IGNORECASE,
)
MIN_REFERENCES, MIN_PHRASES, MIN_FAQ = 3, 6, 4
MIN_CONCEPTS, MIN_STEPS, MIN_CASES, MIN_PRACTICE = 2, 3, 2, 2
BODY_LENGTH = {"en": (1200, 3000), "zh-hans": (2000, 5000)}
SUMMARY_LENGTH = {"en": (20, 120), "zh-hans": (40, 260)}


@dataclass(frozen=True)
class PhraseDoc:
    situation: str
    text: str
    when: str
    line: int


@dataclass(frozen=True)
class FaqDoc:
    question: str
    answer: str
    line: int


@dataclass
class ArticleDoc:
    slug: str
    language: str
    path: str
    title: str
    summary: str
    category: str
    written: dt.date
    updated: dt.date
    review_status: str
    reviewed_on: dt.date | None
    reviewer: str
    tags: list[str]
    related: list[str]
    references: list[str]
    phrases: list[PhraseDoc]
    faq: list[FaqDoc]
    translation_note: str
    body: ParsedBody
    body_first_line: int
    word_count: int
    source_hash: str
    key_lines: dict[str, int] = field(default_factory=dict)

    def section(self, anchor: str) -> Any:
        return next((s for s in self.body.sections if s.heading.anchor == anchor), None)

    @property
    def concept_slugs(self) -> list[str]:
        concepts = self.section("concepts")
        return [h.anchor for h in concepts.subheadings] if concepts else []

    @property
    def anchors(self) -> set[str]:
        found = {"phrases", "faq", "references"}
        for section in self.body.sections:
            found.add(section.heading.anchor)
            found.update(h.anchor for h in section.subheadings)
        return found


@dataclass(frozen=True)
class GlossaryEntry:
    slug: str
    path: str
    terms: dict[str, str]
    definitions: dict[str, str]


@dataclass(frozen=True)
class CategoryDoc:
    slug: str
    position: int
    names: dict[str, str]
    descriptions: dict[str, str]


_key_lines = key_lines
_item_lines = item_lines


def split_front_matter(source: str, path: str) -> tuple[str, str, int, list[Problem]]:
    """Return (front matter, body, line number of the body's first line, problems)."""
    lines = source.splitlines(keepends=True)
    if not lines or lines[0].strip() != "---":
        return "", source, 1, [Problem(path, 1, "the file must start with '---' and front matter")]
    for index in range(1, len(lines)):
        if lines[index].strip() == "---":
            return "".join(lines[1:index]), "".join(lines[index + 1 :]), index + 2, []
    return "", "", 1, [Problem(path, 1, "the front matter is not closed with a '---' line")]


# --- Field checks ----------------------------------------------------------------------------


def _text(data: dict[str, Any], key: str, path: str, line: int, problems: list[Problem]) -> str:
    value = data.get(key)
    if not isinstance(value, str) or not value.strip():
        problems.append(Problem(path, line, f"'{key}' must be non-empty text"))
        return ""
    return value.strip()


def _text_list(data: dict[str, Any], key: str, path: str, line: int, problems: list[Problem]) -> list[str]:
    value = data.get(key, [])
    if value is None:
        return []
    if not isinstance(value, list) or not all(isinstance(v, str) and v.strip() for v in value):
        problems.append(Problem(path, line, f"'{key}' must be a list of non-empty texts"))
        return []
    return [v.strip() for v in value]


def _phrases(
    data: dict[str, Any], node: yaml.Node | None, first: int, path: str, problems: list[Problem]
) -> list[PhraseDoc]:
    raw = data.get("phrases")
    lines = _item_lines(node, "phrases", first)
    if not isinstance(raw, list):
        return []
    phrases: list[PhraseDoc] = []
    for index, item in enumerate(raw):
        line = lines[index] if index < len(lines) else first
        if not isinstance(item, dict):
            problems.append(Problem(path, line, "a phrase must have 'situation' and 'text'"))
            continue
        unknown = sorted(set(item) - {"situation", "text", "when"})
        if unknown:
            problems.append(Problem(path, line, f"unknown phrase field(s): {', '.join(unknown)}"))
        situation = item.get("situation")
        if not situation:
            problems.append(Problem(path, line, "a phrase has no situation"))
        elif situation not in SITUATIONS:
            problems.append(
                Problem(path, line, f"unknown situation '{situation}' (use one of: {', '.join(SITUATIONS)})")
            )
        text = item.get("text")
        if not isinstance(text, str) or not text.strip():
            problems.append(Problem(path, line, "a phrase has no text"))
            continue
        when = item.get("when") or ""
        if not isinstance(when, str):
            problems.append(Problem(path, line, "a phrase's 'when' must be text"))
            when = ""
        phrases.append(PhraseDoc(str(situation or ""), text.strip(), when.strip(), line))
    return phrases


def _faq(data: dict[str, Any], node: yaml.Node | None, first: int, path: str, problems: list[Problem]) -> list[FaqDoc]:
    raw = data.get("faq")
    lines = _item_lines(node, "faq", first)
    if not isinstance(raw, list):
        return []
    entries: list[FaqDoc] = []
    for index, item in enumerate(raw):
        line = lines[index] if index < len(lines) else first
        if not isinstance(item, dict) or set(item) != {"q", "a"}:
            problems.append(Problem(path, line, "an FAQ entry must have exactly 'q' and 'a'"))
            continue
        question, answer = item["q"], item["a"]
        if not all(isinstance(v, str) and v.strip() for v in (question, answer)):
            problems.append(Problem(path, line, "an FAQ entry's question and answer must be non-empty text"))
            continue
        entries.append(FaqDoc(question.strip(), answer.strip(), line))
    return entries


def _check_body(doc_path: str, language: str, parsed: ParsedBody, problems: list[Problem]) -> None:
    def report(line: int, message: str) -> None:
        problems.append(Problem(doc_path, line, message))

    for line in parsed.raw_html_lines:
        report(line, "raw HTML is not allowed in an article body")
    for line in parsed.preamble_lines[:1]:
        report(line, "text before the first section: start the body with '## ... {#problem}'")
    anchors = [s.heading.anchor for s in parsed.sections]
    if anchors != list(SECTION_ORDER):
        line = parsed.sections[0].heading.line if parsed.sections else 1
        report(
            line,
            "the body's sections must be, in order: "
            + ", ".join(f"{{#{a}}}" for a in SECTION_ORDER)
            + f"; found: {', '.join(anchors) or 'none'}",
        )
    outcome = "**变化：**" if language.startswith("zh") else "**What changed:**"
    headings = SECTION_HEADINGS.get(language, {})
    for section in parsed.sections:
        line = section.heading.line
        anchor = section.heading.anchor
        expected = headings.get(anchor)
        if expected and section.heading.title != expected:
            report(line, f"this section's heading is '{expected} {{#{anchor}}}' in every article")
        if anchor == "cases":
            for text in section.text_parts:
                claim = PROVENANCE_CLAIMS.search(text)
                if claim:
                    report(
                        line,
                        f"case stories are illustrative composites; do not call them '{claim.group(0)}' "
                        "(the site labels them)",
                    )
            if section.preamble_lines:
                report(
                    section.preamble_lines[0],
                    "no introduction before the first story: the site adds the illustrative-composite label",
                )
        if anchor == "concepts":
            if len(section.subheadings) < MIN_CONCEPTS:
                report(line, f"core concepts need at least {MIN_CONCEPTS} '### Name {{#glossary-slug}}' headings")
            for heading in section.subheadings:
                if not heading.explicit_anchor:
                    report(
                        heading.line, "a concept heading needs its glossary id, e.g. '### Secure base {#secure-base}'"
                    )
        elif anchor == "steps":
            if section.ordered_list_items < MIN_STEPS:
                report(line, f"practical steps need a numbered list of at least {MIN_STEPS} steps")
            for item_line in section.items_without_bold_name:
                report(item_line, "each step starts with its name in bold, e.g. '1. **Pause.** ...'")
        elif anchor == "cases":
            if len(section.subheadings) < MIN_CASES:
                report(line, f"case stories need at least {MIN_CASES} '###' stories")
            for heading in section.subheadings:
                if heading.anchor not in section.subheadings_with_outcome:
                    report(heading.line, f"this case story needs a paragraph starting with {outcome}")
        elif anchor == "practice" and len(section.subheadings) < MIN_PRACTICE:
            report(line, f"practice guides need at least {MIN_PRACTICE} '###' guides")


def parse_article(source: str, path: str, slug: str, language: str) -> tuple[ArticleDoc | None, list[Problem]]:
    problems: list[Problem] = []
    front, body, body_line, split_problems = split_front_matter(source, path)
    if split_problems:
        return None, split_problems
    data, node, yaml_problems = load_yaml(front, path, first_line=2)
    if yaml_problems:
        return None, yaml_problems
    if not isinstance(data, dict):
        return None, [Problem(path, 2, "the front matter must be a mapping of keys to values")]
    lines = _key_lines(node, 2)

    def line_of(key: str) -> int:
        return lines.get(key, 1)

    for key in sorted(set(data) - set(REQUIRED_KEYS) - set(OPTIONAL_KEYS)):
        problems.append(Problem(path, line_of(key), f"unknown front matter key '{key}'"))
    for key in REQUIRED_KEYS:
        if key not in data:
            problems.append(Problem(path, 1, f"front matter is missing '{key}'"))

    title = _text(data, "title", path, line_of("title"), problems) if "title" in data else ""
    summary = _text(data, "summary", path, line_of("summary"), problems) if "summary" in data else ""
    category = _text(data, "category", path, line_of("category"), problems) if "category" in data else ""
    dates: dict[str, dt.date | None] = {}
    for key in ("written", "updated", "reviewed_on"):
        value = data.get(key)
        if key in data and not isinstance(value, dt.date):
            problems.append(Problem(path, line_of(key), f"'{key}' must be a date written YYYY-MM-DD"))
            value = None
        dates[key] = value if isinstance(value, dt.date) else None
    written, updated = dates["written"], dates["updated"]
    if written and updated and updated < written:
        problems.append(Problem(path, line_of("updated"), "'updated' cannot be earlier than 'written'"))
    review_status = data.get("review_status")
    reviewer = data.get("reviewer") or ""
    if "review_status" in data and review_status not in REVIEW_STATUSES:
        problems.append(
            Problem(path, line_of("review_status"), f"'review_status' must be one of: {', '.join(REVIEW_STATUSES)}")
        )
        review_status = REVIEW_STATUSES[0]
    if review_status == "clinically-reviewed" and not (dates["reviewed_on"] and isinstance(reviewer, str) and reviewer):
        problems.append(
            Problem(
                path,
                line_of("review_status"),
                "a clinically reviewed article names 'reviewed_on' (a date) and 'reviewer' (who reviewed it)",
            )
        )
    if review_status != "clinically-reviewed" and ("reviewed_on" in data or "reviewer" in data):
        problems.append(
            Problem(
                path, line_of("review_status"), "'reviewed_on' and 'reviewer' belong to a clinically reviewed article"
            )
        )
    tags = _text_list(data, "tags", path, line_of("tags"), problems)
    related = _text_list(data, "related", path, line_of("related"), problems)
    references = _text_list(data, "references", path, line_of("references"), problems)
    phrases = _phrases(data, node, 2, path, problems)
    faq = _faq(data, node, 2, path, problems)
    note = data.get("translation_note") or ""
    if not isinstance(note, str):
        problems.append(Problem(path, line_of("translation_note"), "'translation_note' must be text"))
        note = ""

    if summary:
        low, high = SUMMARY_LENGTH[language]
        count = text_stats.count_words(summary, language)
        if not low <= count <= high:
            unit = "characters" if language.startswith("zh") else "words"
            problems.append(Problem(path, line_of("summary"), f"the summary has {count} {unit}; write {low} to {high}"))
    if "references" in data and len(references) < MIN_REFERENCES:
        problems.append(Problem(path, line_of("references"), f"cite at least {MIN_REFERENCES} references"))
    if "phrases" in data and len(phrases) < MIN_PHRASES:
        problems.append(Problem(path, line_of("phrases"), f"give at least {MIN_PHRASES} phrases"))
    if "faq" in data and len(faq) < MIN_FAQ:
        problems.append(Problem(path, line_of("faq"), f"give at least {MIN_FAQ} FAQ entries"))
    for related_slug in related:
        if not SLUG.match(related_slug):
            problems.append(Problem(path, line_of("related"), f"'{related_slug}' is not a valid article slug"))

    parsed = parse_body(body, first_line=body_line)
    _check_body(path, language, parsed, problems)
    word_count = text_stats.count_words(parsed.plain_text, language)
    low, high = BODY_LENGTH[language]
    if not low <= word_count <= high:
        unit = "characters" if language.startswith("zh") else "words"
        problems.append(Problem(path, body_line, f"the body has {word_count} {unit}; write {low} to {high}"))

    doc = ArticleDoc(
        slug=slug,
        language=language,
        path=path,
        title=title,
        summary=summary,
        category=category,
        written=written or dt.date(1970, 1, 1),
        updated=updated or written or dt.date(1970, 1, 1),
        review_status=str(review_status or REVIEW_STATUSES[0]),
        reviewed_on=dates["reviewed_on"],
        reviewer=reviewer.strip() if isinstance(reviewer, str) else "",
        tags=tags,
        related=related,
        references=references,
        phrases=phrases,
        faq=faq,
        translation_note=note.strip(),
        body=parsed,
        body_first_line=body_line,
        word_count=word_count,
        source_hash=hashlib.sha256(source.encode()).hexdigest(),
        key_lines=lines,
    )
    return doc, problems


def parse_glossary_entry(source: str, path: str, slug: str) -> tuple[GlossaryEntry | None, list[Problem]]:
    data, node, problems = load_yaml(source, path)
    if problems:
        return None, problems
    if not isinstance(data, dict):
        return None, [Problem(path, 1, "a glossary file maps each language to a term and a definition")]
    lines = _key_lines(node, 1)
    for key in sorted(set(data) - set(LANGUAGES)):
        problems.append(Problem(path, lines.get(str(key), 1), f"unknown language '{key}'"))
    terms: dict[str, str] = {}
    definitions: dict[str, str] = {}
    for language in LANGUAGES:
        entry = data.get(language)
        line = lines.get(language, 1)
        if not isinstance(entry, dict) or set(entry) != {"term", "definition"}:
            problems.append(Problem(path, line, f"'{language}' needs exactly 'term' and 'definition'"))
            continue
        term, definition = entry["term"], entry["definition"]
        if not all(isinstance(v, str) and v.strip() for v in (term, definition)):
            problems.append(Problem(path, line, f"'{language}' term and definition must be non-empty text"))
            continue
        terms[language] = term.strip()
        definitions[language] = definition.strip()
    if problems:
        return None, problems
    return GlossaryEntry(slug, path, terms, definitions), []


def parse_categories(source: str, path: str) -> tuple[list[CategoryDoc], list[Problem]]:
    data, node, problems = load_yaml(source, path)
    if problems:
        return [], problems
    if not isinstance(data, dict) or not data:
        return [], [Problem(path, 1, "categories.yaml must map each category key to its names")]
    lines = _key_lines(node, 1)
    categories: list[CategoryDoc] = []
    for position, (slug, entry) in enumerate(data.items()):
        line = lines.get(str(slug), 1)
        if not isinstance(slug, str) or not SLUG.match(slug):
            problems.append(Problem(path, line, f"'{slug}' is not a valid category key"))
            continue
        names: dict[str, str] = {}
        descriptions: dict[str, str] = {}
        for language in LANGUAGES:
            value = entry.get(language) if isinstance(entry, dict) else None
            if not isinstance(value, dict) or not all(
                isinstance(value.get(k), str) and value[k].strip() for k in ("name", "description")
            ):
                problems.append(Problem(path, line, f"category '{slug}' needs a name and description in '{language}'"))
                continue
            names[language] = value["name"].strip()
            descriptions[language] = value["description"].strip()
        categories.append(CategoryDoc(slug, position, names, descriptions))
    return categories, problems


def relative(path: Path, root: Path) -> str:
    try:
        return str(path.relative_to(root.parent))
    except ValueError:
        return str(path)
