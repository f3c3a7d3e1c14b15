"""Build small, valid content folders for tests; each test then breaks exactly one thing."""

from __future__ import annotations

import re
import textwrap
from pathlib import Path

import yaml

from wiki.content.schema import SECTION_HEADINGS

WORDS = [
    "calm",
    "partner",
    "evening",
    "kitchen",
    "honest",
    "question",
    "gentle",
    "pause",
    "listen",
    "answer",
    "tired",
    "morning",
    "weekend",
    "promise",
    "careful",
    "quiet",
    "window",
    "letter",
    "garden",
    "bridge",
    "river",
    "candle",
    "blanket",
    "season",
]
HAN = "安静温和倾听回答疲惫早晨周末承诺小心窗户花园桥梁河流蜡烛毯子季节厨房诚实问题伴侣夜晚"


def _english_sentence(seed: int, index: int) -> str:
    words = [WORDS[(seed * 7 + index * 3 + k * 5) % len(WORDS)] for k in range(9)]
    return f"Sentence {seed} {index} " + " ".join(words).capitalize() + "."


def _chinese_sentence(seed: int, index: int) -> str:
    chars = "".join(HAN[(seed * 11 + index * 5 + k * 3) % len(HAN)] for k in range(18))
    return f"{chars}{seed}号{index}。"


def paragraph(language: str, seed: int, start: int, count: int) -> str:
    make = _chinese_sentence if language == "zh-hans" else _english_sentence
    return " ".join(make(seed, start + i) for i in range(count))


def article_body(language: str, seed: int, concepts: tuple[str, ...] = ("secure-base", "pause-word")) -> str:
    zh = language == "zh-hans"
    changed = "**变化：** " if zh else "**What changed:** "
    # English needs about 1,300 words; Chinese about 2,500 characters.
    per = 14 if not zh else 12
    p = lambda n: paragraph(language, seed, n * 100, per)  # noqa: E731
    h = SECTION_HEADINGS[language]
    concept_blocks = "\n".join(f"### Concept {c} {{#{c}}}\n\n{p(10 + i)}\n" for i, c in enumerate(concepts))
    return textwrap.dedent(
        f"""
## {h["problem"]} {{#problem}}

{p(1)}

{p(2)}

## {h["concepts"]} {{#concepts}}

{concept_blocks}
## {h["steps"]} {{#steps}}

1. **First.** {p(3)}
2. **Second.** {p(4)}
3. **Third.** {p(5)}

## {h["cases"]} {{#cases}}

### Ann{seed} and Bo{seed}: one story

{p(6)}

{changed}{p(7)}

### Cy{seed} and Di{seed}: another story

{p(8)}

{changed}{p(9)}

## {h["practice"]} {{#practice}}

### Before

{p(20)}

### After

{p(21)}

## {h["conclusion"]} {{#conclusion}}

{p(22)}
"""
    )


def front_matter(language: str, seed: int, **overrides: object) -> dict[str, object]:
    zh = language == "zh-hans"
    data: dict[str, object] = {
        "title": f"测试文章 {seed}" if zh else f"Test article {seed}",
        "summary": ("这是一段用于测试的摘要，" * 5) if zh else " ".join(["A summary for testing"] * 6),
        "category": "intimacy",
        "tags": ["consent"],
        "written": "2026-11-20",
        "updated": "2026-11-20",
        "review_status": "awaiting-clinical-review",
        "related": [],
        "references": [f"Author, A. ({2000 + i}). *Book {i}*. Publisher." for i in range(3)],
        "phrases": [
            {"situation": "declining", "when": "When tired", "text": f"Phrase {seed} number {i}."} for i in range(6)
        ],
        "faq": [{"q": f"Question {seed} {i}?", "a": f"Answer {seed} {i}."} for i in range(4)],
    }
    data.update(overrides)
    return data


def write_article(
    root: Path, slug: str, language: str, seed: int, body: str | None = None, **overrides: object
) -> Path:
    folder = root / "articles" / slug
    folder.mkdir(parents=True, exist_ok=True)
    meta = yaml.safe_dump(front_matter(language, seed, **overrides), allow_unicode=True, sort_keys=False)
    meta = re.sub(r"'(\d{4}-\d{2}-\d{2})'", r"\1", meta)
    path = folder / f"{language}.md"
    path.write_text(f"---\n{meta}---\n{body if body is not None else article_body(language, seed)}", "utf-8")
    return path


def write_glossary(root: Path, slug: str) -> None:
    (root / "glossary").mkdir(parents=True, exist_ok=True)
    entry = {
        "en": {"term": slug.replace("-", " ").capitalize(), "definition": f"Definition of {slug}."},
        "zh-hans": {"term": f"概念{slug}", "definition": f"{slug}的定义。"},
    }
    (root / "glossary" / f"{slug}.yaml").write_text(yaml.safe_dump(entry, allow_unicode=True), "utf-8")


def write_categories(root: Path) -> None:
    root.mkdir(parents=True, exist_ok=True)
    data = {
        slug: {
            "en": {"name": slug.capitalize(), "description": f"About {slug}."},
            "zh-hans": {"name": f"分类{slug}", "description": f"关于{slug}。"},
        }
        for slug in ("intimacy", "conflict")
    }
    (root / "categories.yaml").write_text(yaml.safe_dump(data, allow_unicode=True), "utf-8")


def make_site(root: Path, slugs: tuple[str, ...] = ("first-article", "second-article")) -> Path:
    """A valid content folder: categories, two glossary concepts, articles in both languages."""
    write_categories(root)
    write_glossary(root, "secure-base")
    write_glossary(root, "pause-word")
    for seed, slug in enumerate(slugs, start=1):
        write_article(root, slug, "en", seed)
        write_article(root, slug, "zh-hans", seed)
    return root
