"""Counting and splitting text in English and Chinese.

Chinese has no spaces between words, so its length is counted in characters, the way Chinese
readers and publishers count it: each Han character is one, and each run of Latin letters or
digits (an English term, a number) counts as one more.
"""

from __future__ import annotations

import math
import re
import unicodedata

from base.chinese import HAN

_HAN_CHAR = re.compile(f"[{HAN}]")
_LATIN_RUN = re.compile(r"[A-Za-z0-9]+(?:['’][A-Za-z]+)*")
_EN_SENTENCE_END = re.compile(r"(?<=[.!?])\s+|\n+")
_ZH_SENTENCE_END = re.compile(r"(?<=[。！？；])|\n+")

# Reading speeds for comfortable reading on a screen.
WORDS_PER_MINUTE = {"en": 220}
HAN_CHARACTERS_PER_MINUTE = 380


def is_chinese(language: str) -> bool:
    return language.lower().startswith("zh")


def count_words(text: str, language: str) -> int:
    """English: words. Chinese: Han characters plus Latin runs."""
    latin_runs = len(_LATIN_RUN.findall(text))
    if is_chinese(language):
        return len(_HAN_CHAR.findall(text)) + latin_runs
    return latin_runs


def reading_minutes(word_count: int, language: str) -> int:
    per_minute = HAN_CHARACTERS_PER_MINUTE if is_chinese(language) else WORDS_PER_MINUTE["en"]
    return max(1, math.ceil(word_count / per_minute))


def sentences(text: str, language: str) -> list[str]:
    splitter = _ZH_SENTENCE_END if is_chinese(language) else _EN_SENTENCE_END
    return [part.strip() for part in splitter.split(text) if part and part.strip()]


def normalise_sentence(sentence: str) -> str:
    """Fold case, width and punctuation so that trivially different copies still match."""
    folded = unicodedata.normalize("NFKC", sentence).casefold()
    return " ".join(re.findall(rf"[a-z0-9'’]+|[{HAN}]", folded))


def sentence_is_substantial(sentence: str, language: str) -> bool:
    """Long enough that two articles sharing it is a copy, not a coincidence."""
    if is_chinese(language):
        return len(_HAN_CHAR.findall(sentence)) >= 16
    return len(_LATIN_RUN.findall(sentence)) >= 8
