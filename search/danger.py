"""Danger words in a search: when a reader types that a partner forces, pressures or will not
take no, the results open with support and the coercion article. Plain Python, no Django.

The list is content (content/search/danger-phrases.yaml), reviewed like an article.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from base.problems import Problem
from base.yamlfile import load_yaml

from .tokenizer import normalise, stem

SAFETY_ARTICLE = "when-its-not-communication"
DANGER_FILE = Path("search") / "danger-phrases.yaml"


@dataclass(frozen=True)
class DangerPhrases:
    # English: each entry is a set of word stems that must all be in the query.
    english: tuple[frozenset[str], ...]
    # Chinese: each entry is a phrase that must appear in the (normalised) query.
    chinese: tuple[str, ...]

    def matches(self, query: str, language: str) -> bool:
        text = normalise(query)
        if any(phrase in text for phrase in self.chinese):
            return True  # a Chinese phrase counts whatever the page's language
        words = {stem(w) for w in _words(text)}
        return any(entry <= words for entry in self.english)


def _words(text: str) -> list[str]:
    cleaned = "".join(c if c.isalnum() or c in "'’" else " " for c in text)
    return [w.replace("’", "'") for w in cleaned.split()]


def _english_entry(words: list[str]) -> frozenset[str]:
    return frozenset(stem(w) for w in _words(normalise(" ".join(words))))


def parse_danger_phrases(source: str, path: str) -> tuple[DangerPhrases | None, list[Problem]]:
    data, node, problems = load_yaml(source, path)
    if problems:
        return None, problems
    if not isinstance(data, dict) or set(data) != {"en", "zh-hans"}:
        return None, [Problem(path, 1, "the file maps 'en' and 'zh-hans' to lists of danger phrases")]
    lines: dict[str, list[int]] = {}
    for key, value in getattr(node, "value", []):
        lines[str(key.value)] = [item.start_mark.line + 1 for item in getattr(value, "value", [])]
    english: list[frozenset[str]] = []
    for index, entry in enumerate(data["en"] or []):
        line = lines["en"][index] if index < len(lines.get("en", [])) else 1
        if not isinstance(entry, str) or not _words(normalise(entry)):
            problems.append(Problem(path, line, "an English entry is words in plain text, e.g. won't take no"))
            continue
        english.append(_english_entry(entry.split()))
    chinese: list[str] = []
    for index, entry in enumerate(data["zh-hans"] or []):
        line = lines["zh-hans"][index] if index < len(lines.get("zh-hans", [])) else 1
        if not isinstance(entry, str) or len(normalise(entry).strip()) < 2:
            problems.append(Problem(path, line, "a Chinese entry is a phrase of at least two characters"))
            continue
        chinese.append(normalise(entry).strip())
    if problems:
        return None, problems
    return DangerPhrases(tuple(english), tuple(chinese)), []


def read_danger_phrases(root: Path) -> tuple[DangerPhrases | None, list[Problem]]:
    path = root / DANGER_FILE
    shown = f"content/{DANGER_FILE}"
    if not path.exists():
        return None, [Problem(shown, 0, "the list of danger phrases is missing")]
    return parse_danger_phrases(path.read_text("utf-8"), shown)
