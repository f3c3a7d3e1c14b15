"""The share image is right in both scripts: size, format, and no missing-glyph boxes."""

from __future__ import annotations

import io

import pytest
from PIL import Image

from assessment import registry
from sharing.images import Card, card_text, font, missing_glyphs, render_card

LANGUAGES = ("en", "zh-hans")


def cards() -> list[tuple[str, Card]]:
    instrument = registry.current_instrument()
    return [
        (
            f"{pattern.id}-{language}",
            Card(
                "关系沟通百科" if language == "zh-hans" else "Relationship Communication Wiki",
                "我的沟通模式",
                pattern.name[language],
                pattern.summary[language],
                "来做测试：大约 8 分钟",
            ),
        )
        for pattern in instrument.patterns.values()
        for language in LANGUAGES
    ]


@pytest.mark.parametrize(("name", "card"), cards(), ids=[name for name, _ in cards()])
def test_every_pattern_renders_without_missing_glyphs(name: str, card: Card) -> None:
    for weight in ("Regular", "Bold"):
        assert missing_glyphs(card_text(card), font(weight, 40)) == []
    image = Image.open(io.BytesIO(render_card(card)))
    assert image.format == "PNG" and image.size == (1200, 630)


def test_the_glyph_check_can_fail() -> None:
    assert missing_glyphs("A\U0001fa80\U000f0000", font("Regular", 40)) != []


def test_chinese_lines_never_start_with_closing_punctuation() -> None:
    face = font("Regular", 36)
    text = "有压力时，你既渴望靠近又害怕靠近，于是一会儿追、一会儿躲；你对关系的感受细腻而深刻。" * 2
    for width in range(300, 1000, 37):
        assert all(line[0] not in "，。、；：！？" for line in wrap_lines(text, face, width))


def wrap_lines(text: str, face: object, width: int) -> list[str]:
    from sharing.images import wrap

    return wrap(text, face, width)  # type: ignore[arg-type]
