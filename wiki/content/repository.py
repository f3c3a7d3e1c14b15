"""Read the whole content folder and run the checks that span several files.

`read_content(path)` returns everything it could read and every problem it found. The loader
only loads when the problem list is empty, so a broken file never half-loads.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path

from . import text as text_stats
from .markdown import SITE_SCHEMES, WEB_SCHEMES, inline_links, plain_text
from .schema import (
    LANGUAGES,
    SLUG,
    ArticleDoc,
    CategoryDoc,
    GlossaryEntry,
    Problem,
    parse_article,
    parse_categories,
    parse_glossary_entry,
    relative,
)


@dataclass
class SiteContent:
    root: Path
    categories: list[CategoryDoc] = field(default_factory=list)
    glossary: dict[str, GlossaryEntry] = field(default_factory=dict)
    # slug -> language -> document
    articles: dict[str, dict[str, ArticleDoc]] = field(default_factory=dict)

    def documents(self) -> list[ArticleDoc]:
        return [doc for slug in sorted(self.articles) for doc in self.articles[slug].values()]


def read_content(root: Path) -> tuple[SiteContent, list[Problem]]:
    site = SiteContent(root=root)
    problems: list[Problem] = []
    if not root.is_dir():
        return site, [Problem(str(root), 0, "the content folder does not exist")]

    categories_file = root / "categories.yaml"
    if categories_file.exists():
        site.categories, found = parse_categories(categories_file.read_text("utf-8"), relative(categories_file, root))
        problems += found
    else:
        problems.append(Problem(relative(categories_file, root), 0, "categories.yaml is missing"))

    for path in sorted((root / "glossary").glob("*")):
        shown = relative(path, root)
        if path.suffix != ".yaml" or not SLUG.match(path.stem):
            problems.append(Problem(shown, 0, "a glossary file is named <concept-slug>.yaml"))
            continue
        entry, found = parse_glossary_entry(_read(path, shown, problems), shown, path.stem)
        problems += found
        if entry:
            site.glossary[entry.slug] = entry

    for folder in sorted((root / "articles").glob("*")):
        shown_folder = relative(folder, root)
        if not folder.is_dir():
            problems.append(Problem(shown_folder, 0, "articles/ holds one folder per article"))
            continue
        if not SLUG.match(folder.name):
            problems.append(
                Problem(shown_folder, 0, "an article folder's name is its slug: lower-case words joined by hyphens")
            )
            continue
        documents: dict[str, ArticleDoc] = {}
        for path in sorted(folder.iterdir()):
            shown = relative(path, root)
            language = path.stem
            if path.suffix != ".md" or language not in LANGUAGES:
                problems.append(
                    Problem(
                        shown,
                        0,
                        f"unexpected file: an article folder holds {', '.join(lang + '.md' for lang in LANGUAGES)}",
                    )
                )
                continue
            doc, found = parse_article(_read(path, shown, problems), shown, folder.name, language)
            problems += found
            if doc:
                documents[language] = doc
        if not documents and not any(p.path.startswith(shown_folder) for p in problems):
            problems.append(Problem(shown_folder, 0, "the article folder has no language file"))
        if documents:
            site.articles[folder.name] = documents

    problems += check_across(site)
    return site, sorted(set(problems))


def _read(path: Path, shown: str, problems: list[Problem]) -> str:
    try:
        return path.read_text("utf-8")
    except UnicodeDecodeError:
        problems.append(Problem(shown, 0, "the file is not valid UTF-8"))
        return ""


def check_across(site: SiteContent) -> list[Problem]:
    problems: list[Problem] = []
    category_slugs = {c.slug for c in site.categories}
    for doc in site.documents():
        line = doc.key_lines.get
        if doc.category and doc.category not in category_slugs:
            problems.append(Problem(doc.path, line("category", 1), f"unknown category '{doc.category}'"))
        for slug in doc.related:
            if slug == doc.slug:
                problems.append(Problem(doc.path, line("related", 1), "an article cannot be related to itself"))
            elif slug not in site.articles:
                problems.append(Problem(doc.path, line("related", 1), f"related article '{slug}' does not exist"))
        concepts = doc.section("concepts")
        for heading in concepts.subheadings if concepts else []:
            if heading.explicit_anchor and heading.anchor not in site.glossary:
                problems.append(
                    Problem(
                        doc.path,
                        heading.line,
                        f"concept '{heading.anchor}' has no glossary entry (content/glossary/{heading.anchor}.yaml)",
                    )
                )
        for link in doc.body.links:
            problems += _check_link(site, doc, link.href, link.line, allow_web=False)
        for entry in doc.faq:
            for href in inline_links(entry.answer):
                problems += _check_link(site, doc, href, entry.line, allow_web=False)
        for index, reference in enumerate(doc.references):
            for href in inline_links(reference):
                problems += _check_link(site, doc, href, line("references", 1) + index + 1, allow_web=True)
    problems += _check_pairs(site)
    problems += _check_repeated_sentences(site)
    problems += _check_case_names(site)
    problems += _check_link_texts(site)
    return problems


_NAME_SEPARATORS = re.compile(r"\s+and\s+|\s*&\s*|和|与|、|,\s*")


# "Bilal and his wife", "罗文和妻子": descriptions of a person, not names.
_NOT_A_NAME = re.compile(
    r"^(?:[a-z]|(?:他|她|TA|ta)的|(?:妻子|丈夫|老公|老婆|男友|女友|男朋友|女朋友|伴侣|对象|爱人)$)"
)


def case_names(title: str) -> list[str]:
    """The people a case story's heading names: 'Lin and Mara: a pause' -> ['Lin', 'Mara']."""
    head = re.split(r"[:：]", title, maxsplit=1)[0]
    parts = (name.strip() for name in _NAME_SEPARATORS.split(head))
    return [name for name in parts if name and not _NOT_A_NAME.match(name)]


def _check_case_names(site: SiteContent) -> list[Problem]:
    """A name belongs to one article per language, so readers never meet two different 'Sam's."""
    problems: list[Problem] = []
    first_use: dict[tuple[str, str], ArticleDoc] = {}
    for doc in site.documents():
        cases = doc.section("cases")
        for heading in cases.subheadings if cases else []:
            for name in case_names(heading.title):
                first = first_use.setdefault((doc.language, name), doc)
                if first.slug != doc.slug:
                    problems.append(
                        Problem(doc.path, heading.line, f"the case name '{name}' is already used in {first.path}")
                    )
    return problems


def _check_link_texts(site: SiteContent) -> list[Problem]:
    """A link's text may not be another article's title: readers would expect that article."""
    problems: list[Problem] = []
    titles: dict[tuple[str, str], str] = {}
    for doc in site.documents():
        titles[(doc.language, _title_key(doc.title))] = doc.slug
    for doc in site.documents():
        for link in doc.body.links:
            if not link.href.startswith("article:"):
                continue
            target = link.href.removeprefix("article:").partition("#")[0]
            named = titles.get((doc.language, _title_key(link.text)))
            if named and named != target:
                problems.append(
                    Problem(
                        doc.path,
                        link.line,
                        f"the link text '{link.text}' is the title of '{named}' but the link goes to '{target}'",
                    )
                )
    return problems


def _title_key(text: str) -> str:
    return re.sub(r"[\s“”\"'‘’《》]", "", text).casefold()


def _check_link(site: SiteContent, doc: ArticleDoc, href: str, line: int, *, allow_web: bool) -> list[Problem]:
    if href.startswith("article:"):
        slug, _, anchor = href.removeprefix("article:").partition("#")
        target = site.articles.get(slug)
        if not target:
            return [Problem(doc.path, line, f"link to an unknown article '{slug}'")]
        if anchor:
            document = target.get(doc.language) or next(iter(target.values()))
            if anchor not in document.anchors:
                return [Problem(doc.path, line, f"link to an unknown section '#{anchor}' of '{slug}'")]
        return []
    if href.startswith("glossary:"):
        slug = href.removeprefix("glossary:")
        if slug not in site.glossary:
            return [Problem(doc.path, line, f"link to an unknown glossary concept '{slug}'")]
        return []
    if href.startswith("#"):
        if href[1:] not in doc.anchors:
            return [Problem(doc.path, line, f"link to an unknown section '{href}'")]
        return []
    if allow_web and href.startswith(WEB_SCHEMES):
        return []
    kinds = ", ".join(SITE_SCHEMES) + (" or a web address" if allow_web else "")
    return [Problem(doc.path, line, f"link '{href}' must use {kinds}")]


def _part_counts(doc: ArticleDoc) -> dict[str, int]:
    steps = doc.section("steps")
    cases = doc.section("cases")
    return {
        "phrases": len(doc.phrases),
        "FAQ entries": len(doc.faq),
        "steps": steps.ordered_list_items if steps else 0,
        "case stories": len(cases.subheadings) if cases else 0,
    }


def _check_pairs(site: SiteContent) -> list[Problem]:
    problems: list[Problem] = []
    for documents in site.articles.values():
        if len(documents) < 2:
            continue
        english, chinese = documents["en"], documents["zh-hans"]
        if english.translation_note or chinese.translation_note:
            continue
        counts_en, counts_zh = _part_counts(english), _part_counts(chinese)
        for part, count in counts_en.items():
            if counts_zh[part] != count:
                problems.append(
                    Problem(
                        chinese.path,
                        1,
                        f"{counts_zh[part]} {part} here but {count} in {english.path}; "
                        "make them match or explain why in 'translation_note'",
                    )
                )
    return problems


def _check_repeated_sentences(site: SiteContent) -> list[Problem]:
    """A sentence that stands in two articles is a copy; editors must write each one fresh."""
    problems: list[Problem] = []
    seen: dict[tuple[str, str], ArticleDoc] = {}
    for doc in site.documents():
        texts = [doc.body.plain_text, *(p.text for p in doc.phrases), *(plain_text(f.answer) for f in doc.faq)]
        reported: set[str] = set()
        for text in texts:
            for sentence in text_stats.sentences(text, doc.language):
                if not text_stats.sentence_is_substantial(sentence, doc.language):
                    continue
                key = (doc.language, text_stats.normalise_sentence(sentence))
                first = seen.setdefault(key, doc)
                if first.slug != doc.slug and key[1] not in reported:
                    reported.add(key[1])
                    problems.append(
                        Problem(
                            doc.path,
                            doc.body_first_line,
                            f'this sentence also stands in {first.path}: "{sentence[:80]}"',
                        )
                    )
    return problems
