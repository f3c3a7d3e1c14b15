from hypothesis import given
from hypothesis import strategies as st

from wiki.content import text

HAN_CHARS = st.characters(min_codepoint=0x4E00, max_codepoint=0x9FFF)


def test_english_counts_words_not_punctuation() -> None:
    assert text.count_words("Don't stop — it's fine, really.", "en") == 5


def test_chinese_counts_han_characters_and_latin_runs() -> None:
    assert text.count_words("我们用 EFT 的方法，练习了 14 天。", "zh-hans") == 10 + 2


def test_chinese_punctuation_is_not_counted() -> None:
    assert text.count_words("，。！？“”", "zh-hans") == 0


@given(st.text(alphabet=HAN_CHARS, max_size=500))
def test_pure_chinese_text_counts_one_per_character(sample: str) -> None:
    assert text.count_words(sample, "zh-hans") == len(sample)


@given(st.lists(st.from_regex(r"[a-z]{1,12}", fullmatch=True), max_size=300))
def test_english_words_separated_by_spaces_count_once_each(words: list[str]) -> None:
    assert text.count_words(" ".join(words), "en") == len(words)


def test_reading_minutes_round_up_and_never_zero() -> None:
    assert text.reading_minutes(0, "en") == 1
    assert text.reading_minutes(221, "en") == 2
    assert text.reading_minutes(380, "zh-hans") == 1
    assert text.reading_minutes(381, "zh-hans") == 2


def test_sentences_split_on_chinese_full_stops() -> None:
    assert text.sentences("第一句。第二句！第三句？", "zh-hans") == ["第一句。", "第二句！", "第三句？"]


def test_normalised_sentences_ignore_case_width_and_punctuation() -> None:
    assert text.normalise_sentence("Ｓtop, NOW.") == text.normalise_sentence("stop now")
