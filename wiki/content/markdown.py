"""Markdown for article bodies, FAQ answers and references.

Raw HTML is never passed through (markdown-it escapes it, and nh3 cleans the result again),
headings take ids from a trailing `{#id}`, and links written as `article:slug` or
`glossary:concept` are resolved by the caller, so the same file renders correctly in each
language and a link to nothing is reported instead of shipped.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field
from html import escape

import nh3
from markdown_it import MarkdownIt
from markdown_it.rules_core import StateCore
from markdown_it.token import Token

# Returns the URL for a site link such as "article:slug#steps", or None if it does not resolve.
LinkResolver = Callable[[str], "str | None"]

_HEADING_ID = re.compile(r"\s*\{#([A-Za-z0-9][A-Za-z0-9_-]*)\}\s*$")
_RAW_HTML = re.compile(r"</?[A-Za-z][A-Za-z0-9-]*(\s[^<>]*)?/?>")
SITE_SCHEMES = ("article:", "glossary:")
WEB_SCHEMES = ("https://", "http://", "mailto:")

_ALLOWED_TAGS = {
    "a",
    "blockquote",
    "br",
    "code",
    "em",
    "h2",
    "h3",
    "h4",
    "hr",
    "li",
    "ol",
    "p",
    "pre",
    "strong",
    "ul",
    "table",
    "thead",
    "tbody",
    "tr",
    "th",
    "td",
    "section",
    "span",
}
_ALLOWED_ATTRIBUTES = {
    "*": {"id", "class"},
    "a": {"href", "title", "hreflang"},
    "ol": {"start"},
}


@dataclass(frozen=True)
class Heading:
    level: int
    anchor: str
    title: str
    line: int
    explicit_anchor: bool


@dataclass
class Section:
    """A second-level section, its text, and what the checks need to know about its contents."""

    heading: Heading
    subheadings: list[Heading] = field(default_factory=list)
    text_parts: list[str] = field(default_factory=list)
    ordered_list_items: int = 0
    items_without_bold_name: list[int] = field(default_factory=list)
    # Third-level headings (by anchor) followed by a "What changed" paragraph.
    subheadings_with_outcome: set[str] = field(default_factory=set)
    # Lines of text between the section's heading and its first third-level heading.
    preamble_lines: list[int] = field(default_factory=list)


@dataclass(frozen=True)
class Link:
    href: str
    line: int
    text: str = ""


@dataclass
class ParsedBody:
    sections: list[Section]
    links: list[Link]
    raw_html_lines: list[int]
    plain_text: str
    tokens: list[Token]
    preamble_lines: list[int]


OUTCOME_MARKERS = ("What changed:", "What changed", "变化：", "变化:", "变化")


def _heading_ids(state: StateCore) -> None:
    """Move a trailing `{#id}` from a heading's text into its id attribute."""
    tokens = state.tokens
    for index, token in enumerate(tokens):
        if token.type != "heading_open" or index + 1 >= len(tokens):
            continue
        inline = tokens[index + 1]
        match = _HEADING_ID.search(inline.content)
        if match:
            token.attrSet("id", match.group(1))
            token.meta["explicit_anchor"] = True
            inline.content = inline.content[: match.start()].rstrip()


def _parser() -> MarkdownIt:
    md = MarkdownIt("commonmark", {"html": False, "linkify": False, "typographer": False})
    md.enable("table")
    md.core.ruler.after("block", "heading_ids", _heading_ids)
    return md


_MD = _parser()


def _inline_text(token: Token) -> str:
    if not token.children:
        return token.content
    parts: list[str] = []
    for child in token.children:
        if child.type in ("text", "code_inline"):
            parts.append(child.content)
        elif child.type in ("softbreak", "hardbreak"):
            parts.append(" ")
    return "".join(parts)


def _meaningful(children: list[Token] | None) -> list[Token]:
    """Inline tokens without the empty text pieces markdown-it leaves before emphasis."""
    return [c for c in children or [] if not (c.type == "text" and not c.content.strip())]


def parse_body(body: str, first_line: int = 1) -> ParsedBody:
    """Parse a body; line numbers are those of the file, given the body's first line."""
    tokens = _MD.parse(body)
    sections: list[Section] = []
    links: list[Link] = []
    plain: list[str] = []
    preamble: list[int] = []
    current_h3: str | None = None
    list_depth = 0
    counters: dict[str, int] = {}

    for index, token in enumerate(tokens):
        line = first_line + (token.map[0] if token.map else 0)
        if token.type == "heading_open":
            inline = tokens[index + 1]
            title = _inline_text(inline).strip()
            level = int(token.tag[1])
            anchor = token.attrGet("id")
            explicit = bool(token.meta.get("explicit_anchor"))
            if not anchor:
                parent = sections[-1].heading.anchor if sections else "section"
                counters[parent] = counters.get(parent, 0) + 1
                anchor = f"{parent}-{counters[parent]}"
                token.attrSet("id", str(anchor))
            heading = Heading(level, str(anchor), title, line, explicit)
            if level == 2:
                sections.append(Section(heading))
                current_h3 = None
            elif level == 3 and sections:
                sections[-1].subheadings.append(heading)
                current_h3 = heading.anchor
            elif not sections:
                preamble.append(line)
        elif token.type == "ordered_list_open":
            list_depth += 1
        elif token.type == "ordered_list_close":
            list_depth -= 1
        elif token.type == "list_item_open" and list_depth == 1 and token.level == 1:
            if sections:
                section = sections[-1]
                section.ordered_list_items += 1
                first_inline = next((t for t in tokens[index + 1 :] if t.type == "inline"), None)
                children = _meaningful(first_inline.children if first_inline else None)
                if not children or children[0].type != "strong_open":
                    section.items_without_bold_name.append(line)
        elif token.type == "inline":
            text = _inline_text(token)
            plain.append(text)
            is_section_heading = tokens[index - 1].type == "heading_open" and tokens[index - 1].tag == "h2"
            if sections and not is_section_heading:
                sections[-1].text_parts.append(text)
                is_heading = tokens[index - 1].type == "heading_open"
                if current_h3 is None and not is_heading:
                    sections[-1].preamble_lines.append(line)
            if not sections and tokens[index - 1].type != "heading_open":
                preamble.append(line)
            if current_h3 and sections and text.strip().startswith(OUTCOME_MARKERS):
                children = _meaningful(token.children)
                if children and children[0].type == "strong_open":
                    sections[-1].subheadings_with_outcome.add(current_h3)
            children = token.children or []
            for position, child in enumerate(children):
                if child.type == "link_open":
                    label = []
                    for inner in children[position + 1 :]:
                        if inner.type == "link_close":
                            break
                        if inner.type in ("text", "code_inline"):
                            label.append(inner.content)
                    links.append(Link(str(child.attrGet("href") or ""), line, "".join(label).strip()))
    raw_html_lines = [
        first_line + number for number, source_line in enumerate(body.splitlines()) if _RAW_HTML.search(source_line)
    ]
    return ParsedBody(sections, links, raw_html_lines, "\n".join(plain), tokens, preamble)


def clean_html(html: str) -> str:
    return nh3.clean(
        html,
        tags=_ALLOWED_TAGS,
        attributes=_ALLOWED_ATTRIBUTES,
        url_schemes={"http", "https", "mailto"},
        link_rel="noopener noreferrer",
    )


def _rewrite_links(tokens: list[Token], resolve: LinkResolver) -> None:
    for token in tokens:
        for child in token.children or []:
            if child.type != "link_open":
                continue
            href = str(child.attrGet("href") or "")
            if href.startswith(SITE_SCHEMES):
                child.attrSet("href", resolve(href) or "#")


def _concept_links(tokens: list[Token], glossary_url: Callable[[str], str], label: str) -> None:
    """After each concept heading, a link to its glossary entry."""
    in_concepts = False
    insertions: list[tuple[int, Token]] = []
    for index, token in enumerate(tokens):
        if token.type == "heading_open" and token.tag == "h2":
            in_concepts = token.attrGet("id") == "concepts"
        if in_concepts and token.type == "heading_close" and token.tag == "h3":
            anchor = tokens[index - 2].attrGet("id")
            link = Token("html_block", "", 0)
            link.content = f'<p class="concept-glossary"><a href="{glossary_url(str(anchor))}">{label}</a></p>\n'
            insertions.append((index + 1, link))
    for position, link in reversed(insertions):
        tokens.insert(position, link)


def _composite_labels(tokens: list[Token], section_note: str, story_label: str) -> None:
    """Case stories are illustrative composites; the site says so above the section and each story."""
    in_cases = False
    insertions: list[tuple[int, Token]] = []
    for index, token in enumerate(tokens):
        if token.type == "heading_open" and token.tag == "h2":
            in_cases = token.attrGet("id") == "cases"
        if not in_cases or token.type != "heading_close":
            continue
        label = Token("html_block", "", 0)
        if token.tag == "h2":
            label.content = f'<p class="composite-note">{escape(section_note)}</p>\n'
        elif token.tag == "h3":
            label.content = f'<p class="composite-tag">{escape(story_label)}</p>\n'
        else:
            continue
        insertions.append((index + 1, label))
    for position, label in reversed(insertions):
        tokens.insert(position, label)


def render_body(
    parsed: ParsedBody,
    resolve: LinkResolver,
    glossary_url: Callable[[str], str] | None = None,
    glossary_label: str = "",
    composite_labels: tuple[str, str] | None = None,
) -> str:
    tokens = list(parsed.tokens)
    _rewrite_links(tokens, resolve)
    if glossary_url:
        _concept_links(tokens, glossary_url, glossary_label)
    if composite_labels:
        _composite_labels(tokens, *composite_labels)
    return clean_html(_MD.renderer.render(tokens, _MD.options, {}))


def render_inline(text: str, resolve: LinkResolver) -> str:
    """Inline Markdown (FAQ answers may hold several paragraphs, so this renders blocks)."""
    tokens = _MD.parse(text)
    _rewrite_links(tokens, resolve)
    return clean_html(_MD.renderer.render(tokens, _MD.options, {}))


def plain_text(text: str) -> str:
    return "\n".join(_inline_text(t) for t in _MD.parse(text) if t.type == "inline")


def inline_links(text: str) -> list[str]:
    return [
        str(child.attrGet("href") or "")
        for token in _MD.parse(text)
        for child in token.children or []
        if child.type == "link_open"
    ]
