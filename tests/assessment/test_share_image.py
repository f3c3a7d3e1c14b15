"""The share images are right in both scripts: size, format, and no missing-glyph boxes."""

from __future__ import annotations

import io

import pytest
from PIL import Image

from assessment import registry
from sharing.images import PREVIEW, STORY, CardText, card_text, font, missing_glyphs, render, wrap

LANGUAGES = ("en", "zh-hans")
SITE = {"en": "Relationship Communication Wiki", "zh-hans": "关系沟通百科"}


def cards() -> list[tuple[str, CardText]]:
    instrument = registry.current_instrument()
    return [
        (
            f"{pattern.id}-{language}",
            CardText(
                language=language,
                pattern_id=pattern.id,
                kicker="我的沟通模式" if language == "zh-hans" else "My communication pattern",
                title=pattern.name[language],
                summary=pattern.summary[language],
                strengths=tuple(pattern.strengths[language]),
                site_name=SITE[language],
                site_host="example.org",
                call="来做测试：42 道题，大约 8 分钟" if language == "zh-hans" else "Take the test: 42 questions",
            ),
        )
        for pattern in instrument.patterns.values()
        for language in LANGUAGES
    ]


@pytest.mark.parametrize(("name", "card"), cards(), ids=[name for name, _ in cards()])
def test_every_pattern_renders_without_missing_glyphs(name: str, card: CardText) -> None:
    for weight in ("Regular", "Bold"):
        assert missing_glyphs(card_text(card), font(weight, 40)) == []
    image = Image.open(io.BytesIO(render(card, PREVIEW)))
    assert image.format == "PNG" and image.size == (1200, 630)


def test_the_glyph_check_can_fail() -> None:
    assert missing_glyphs("A\U0001fa80\U000f0000", font("Regular", 40)) != []


def test_chinese_lines_never_start_with_closing_punctuation() -> None:
    face = font("Regular", 36)
    text = "有压力时，你既渴望靠近又害怕靠近，于是一会儿追、一会儿躲；你对关系的感受细腻而深刻。" * 2
    for width in range(300, 1000, 37):
        assert all(line[0] not in "，。、；：！？" for line in wrap(text, face, width))


def test_the_story_image_is_drawn_too() -> None:
    _, card = cards()[1]
    assert Image.open(io.BytesIO(render(card, STORY))).size == (1080, 1920)
