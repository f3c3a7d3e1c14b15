"""The site's languages, and the one rule for falling back to English."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import TypeVar

LANGUAGES: tuple[str, ...] = ("en", "zh-hans")
FALLBACK = "en"

T = TypeVar("T")


def pick(texts: Mapping[str, T], language: str, default: T) -> T:
    """The text in `language`, else in English, else `default` (an empty or missing text counts as missing)."""
    return texts.get(language) or texts.get(FALLBACK) or default


def pick_text(texts: Mapping[str, str], language: str) -> str:
    return pick(texts, language, "")


def join_sentences(sentences: Iterable[str], language: str) -> str:
    """Sentences as one paragraph: a space between them in English, none in Chinese (whose full
    stop already ends the sentence, and where a space would show as a gap)."""
    separator = "" if language.startswith("zh") else " "
    return separator.join(sentence.strip() for sentence in sentences if sentence.strip())
