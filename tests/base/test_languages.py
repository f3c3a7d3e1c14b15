"""The language fallback and how sentences are joined in each language."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from base.languages import join_sentences, pick, pick_text

sentences = st.lists(st.text(alphabet="关系沟通。abc .", min_size=1).filter(lambda t: t.strip()), max_size=6)


def test_english_sentences_are_joined_by_one_space_and_chinese_ones_by_none() -> None:
    assert join_sentences(["You pursue.", "You retreat."], "en") == "You pursue. You retreat."
    assert join_sentences(["你往往会追着要回应。", "你往往会沉默。"], "zh-hans") == "你往往会追着要回应。你往往会沉默。"
    assert join_sentences(["", "  ", "只有这一句。"], "zh-hans") == "只有这一句。"


@given(sentences)
def test_a_chinese_paragraph_is_its_sentences_with_nothing_between(parts: list[str]) -> None:
    assert join_sentences(parts, "zh-hans") == "".join(part.strip() for part in parts)


@given(sentences)
def test_an_english_paragraph_keeps_every_sentence_in_order(parts: list[str]) -> None:
    joined = join_sentences(parts, "en")
    kept = [part.strip() for part in parts if part.strip()]
    assert len(joined) == sum(map(len, kept)) + max(len(kept) - 1, 0)  # one space between each two
    position = 0
    for part in kept:
        position = joined.index(part, position) + len(part)


def test_a_missing_or_empty_text_falls_back_to_english() -> None:
    assert pick_text({"en": "Hello", "zh-hans": ""}, "zh-hans") == "Hello"
    assert pick_text({"en": "Hello", "zh-hans": "你好"}, "zh-hans") == "你好"
    assert pick({}, "zh-hans", ["none"]) == ["none"]
