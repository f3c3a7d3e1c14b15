"""Share cards and emblems, without a web request: sizes, font sizes, fitting, line breaking, marks."""

from __future__ import annotations

import colorsys
import io
import itertools
import xml.etree.ElementTree as ET

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from PIL import Image

from assessment import registry
from base import emblems
from sharing.images import (
    NO_LINE_END,
    NO_LINE_START,
    PANEL,
    PREVIEW,
    STORY,
    CardText,
    Format,
    Layout,
    font,
    layout,
    render,
    wrap,
)

LANGUAGES = ("en", "zh-hans")
FORMATS = (PREVIEW, STORY)
KICKER = {"en": "My communication pattern", "zh-hans": "我的沟通模式"}
SITE = {"en": "Relationship Communication Wiki", "zh-hans": "关系沟通百科"}
CALL = {"en": "Take the test: 42 questions, about 8 minutes", "zh-hans": "来做测试：42 道题，大约 8 分钟"}


def pattern_cards() -> list[CardText]:
    instrument = registry.current_instrument()
    return [
        CardText(
            language=language,
            pattern_id=pattern.id,
            kicker=KICKER[language],
            title=pattern.name[language],
            summary=pattern.summary[language],
            strengths=tuple(pattern.strengths[language]),
            site_name=SITE[language],
            site_host="example.org",
            call=CALL[language],
        )
        for pattern in instrument.patterns.values()
        for language in LANGUAGES
    ]


LONG = {
    "zh-hans": CardText(
        language="zh-hans",
        pattern_id="urgent-reacher+quiet-protector",
        kicker=KICKER["zh-hans"],
        title="介于急于靠近型与安静守护型之间：两种倾向都很明显，哪一种都没有明显领先",
        summary="有压力时，你既渴望靠近又害怕靠近，于是一会儿追、一会儿躲；你对关系的感受细腻而深刻。“我需要你”这句话，"
        "你常常说不出口（哪怕心里很想说）。" * 3,
        strengths=(
            "感受细腻深刻，能敏锐察觉关系里的细微变化，也非常珍视彼此的联结，即使在很难的时候",
            "能敏锐察觉关系里的细微变化（哪怕很小），也愿意把它说出来",
            "非常珍视彼此的联结",
        ),
        site_name=SITE["zh-hans"],
        site_host="relationship-communication-wiki.example.org",
        call="来做测试：42 道题，大约 8 分钟，无需账号，也不用留下任何个人信息，做完就能看到结果",
    ),
    "en": CardText(
        language="en",
        pattern_id="no-single-pattern",
        kicker=KICKER["en"],
        title="No single pattern stands out: somewhere between Reaching, Retreating and Steady Connecting",
        summary="Under stress you long for closeness and fear it at once, so you reach out and pull back. When your "
        "partner says \u201cI need a break\u201d, it can feel like a door closing. " * 3,
        strengths=(
            "Noticing small shifts in the relationship before anyone else does, and caring about them",
            "Caring a great deal about connection, even when it is hard and nobody else is trying",
            "Saying what you need without blame",
        ),
        site_name="Relationship Communication Wiki for Couples, Partners and Everyone Who Loves Someone",
        site_host="relationship-communication-wiki.example.org",
        call="Take the test: 42 questions, about 8 minutes, no account, no e-mail, nothing kept that names you",
    ),
}
ALL_CARDS = [*pattern_cards(), *LONG.values()]


def card_id(card: CardText) -> str:
    return f"{card.pattern_id}-{card.language}-{len(card.summary)}"


def image_of(png: bytes) -> Image.Image:
    image = Image.open(io.BytesIO(png))
    assert image.format == "PNG"
    return image


# --- sizes --------------------------------------------------------------------------------------


@pytest.mark.parametrize("card", pattern_cards()[:4], ids=card_id)
def test_the_preview_card_is_1200_by_630_and_the_story_1080_by_1920(card: CardText) -> None:
    assert image_of(render(card, PREVIEW)).size == (1200, 630)
    assert image_of(render(card, STORY)).size == (1080, 1920)


@pytest.mark.parametrize("fmt", FORMATS, ids=lambda f: f.name)
@pytest.mark.parametrize("card", ALL_CARDS, ids=card_id)
def test_no_text_is_set_below_the_formats_minimum(card: CardText, fmt: Format) -> None:
    placed = layout(card, fmt)
    assert placed.runs
    assert min(run.size for run in placed.runs) >= fmt.min_text, placed.sizes()


def test_the_minimum_is_24_px_on_the_preview_and_scaled_up_on_the_story() -> None:
    assert PREVIEW.min_text == 24
    assert STORY.min_text >= 24 * STORY.width / PREVIEW.width


@pytest.mark.parametrize("card", pattern_cards(), ids=card_id)
def test_real_pattern_texts_fit_whole_at_generous_sizes(card: CardText) -> None:
    for fmt in FORMATS:
        placed = layout(card, fmt)
        assert not placed.shortened
        assert placed.sizes()["title"] >= (48 if fmt is PREVIEW else 72)
        assert placed.sizes()["summary"] >= fmt.min_text
        # Everything the card promises is on it.
        shown = " ".join(run.text for run in placed.runs if run.role != "bullet").replace(" ", "")
        for strength in card.strengths:
            assert strength.replace(" ", "") in shown
        assert card.site_name.replace(" ", "") in shown and card.site_host in shown


# --- fitting ------------------------------------------------------------------------------------


def inside(box: tuple[float, float, float, float], area: tuple[float, float, float, float]) -> bool:
    return area[0] <= box[0] and area[1] <= box[1] and box[2] <= area[2] and box[3] <= area[3]


def text_area(placed: Layout) -> tuple[float, float, float, float]:
    if placed.format is PREVIEW:
        return (PANEL + 1, 0, PREVIEW.width - 30, PREVIEW.height - 20)
    return (30, 0, STORY.width - 30, STORY.height - 30)


@pytest.mark.parametrize("fmt", FORMATS, ids=lambda f: f.name)
@pytest.mark.parametrize("card", ALL_CARDS, ids=card_id)
def test_every_line_stays_on_the_card_and_off_the_emblem(card: CardText, fmt: Format) -> None:
    placed = layout(card, fmt)
    area = text_area(placed)
    for run in placed.runs:
        assert inside(run.box, area), (run.role, run.text, run.box)
    if fmt is STORY:
        assert placed.card_box is not None
        for run in placed.runs:
            if run.role in ("title", "summary", "strength", "bullet"):
                assert inside(run.box, placed.card_box), (run.role, run.text)
        _, y, size = placed.emblem_box
        kicker = next(r for r in placed.runs if r.role == "kicker")
        assert y + size * 0.85 <= kicker.box[1], "the emblem's drawing ends above the kicker"


@pytest.mark.parametrize("fmt", FORMATS, ids=lambda f: f.name)
@pytest.mark.parametrize("card", ALL_CARDS, ids=card_id)
def test_lines_never_overlap(card: CardText, fmt: Format) -> None:
    boxes = sorted((run.box for run in layout(card, fmt).runs if run.role != "bullet"), key=lambda b: b[1])
    for upper, lower in itertools.pairwise(boxes):
        overlaps_x = upper[0] < lower[2] and lower[0] < upper[2]
        assert not (overlaps_x and upper[3] > lower[1] + 1), (upper, lower)


@pytest.mark.parametrize("language", LANGUAGES)
def test_text_too_long_for_any_size_is_shortened_never_spilled(language: str) -> None:
    placed = layout(LONG[language], PREVIEW)
    assert placed.shortened
    ellipsis = "……" if language == "zh-hans" else "…"
    assert any(run.role == "summary" and run.text.endswith(ellipsis) for run in placed.runs)
    assert sum(1 for run in placed.runs if run.role == "strength") >= 2


# --- line breaking ------------------------------------------------------------------------------

HAN = "有压力时你既渴望靠近又害怕于是一会儿追躲对关系的感受细腻而深刻我需要"
CLOSING = "，。、；：！？）》」”…"
OPENING = "（《「“"


@st.composite
def chinese_text(draw: st.DrawFn) -> str:
    pieces = draw(
        st.lists(
            st.one_of(
                st.text(alphabet=HAN, min_size=1, max_size=8),
                st.tuples(st.sampled_from(OPENING), st.text(alphabet=HAN, min_size=1, max_size=5)).map("".join),
                st.sampled_from(["I feel", "OK", "2026", "AI"]),
            ).flatmap(lambda core: st.tuples(st.just(core), st.text(alphabet=CLOSING, max_size=2)).map("".join)),
            min_size=1,
            max_size=30,
        )
    )
    return "".join(pieces)


@settings(max_examples=150, deadline=None)
@given(text=chinese_text(), width=st.integers(min_value=6 * 32, max_value=30 * 32))
def test_chinese_wrapping_keeps_punctuation_rules_and_every_character(text: str, width: int) -> None:
    face = font("Regular", 32)
    lines = wrap(text, face, width, chinese=True)
    assert "".join(lines).replace(" ", "") == text.replace(" ", "")
    for number, line in enumerate(lines):
        if number:
            assert line[0] not in NO_LINE_START, lines
        if number < len(lines) - 1:
            assert line[-1] not in NO_LINE_END, lines
        assert face.getlength(line) <= width, line


def test_latin_words_inside_chinese_are_not_cut() -> None:
    face = font("Regular", 32)
    text = "可以从一句以“I feel”或“I need”开头的短句开始，慢慢来。" * 3
    for width in range(200, 700, 23):
        lines = wrap(text, face, width, chinese=True)
        for line, after in itertools.pairwise(lines):
            if line[-1].isascii() and line[-1].isalpha() and after[0].isascii() and after[0].isalpha():
                assert f"{line.split()[-1]} {after.split()[0]}" in text, "broken only at a space"


@pytest.mark.parametrize("card", [c for c in ALL_CARDS if c.chinese], ids=card_id)
def test_no_line_on_a_chinese_card_starts_with_closing_punctuation(card: CardText) -> None:
    for fmt in FORMATS:
        for run in layout(card, fmt).runs:
            if run.role != "bullet":
                assert run.text[0] not in NO_LINE_START, (run.role, run.text)
                assert run.text[-1] not in NO_LINE_END, (run.role, run.text)


def test_english_wraps_by_words_and_no_line_is_a_lone_word() -> None:
    face = font("Regular", 32)
    text = "Under stress you stay in the conversation, say what you need and find your way back after a fight."
    words = text.split()
    for width in range(300, 900, 31):
        lines = wrap(text, face, width, chinese=False)
        assert " ".join(lines).split() == words
        if len(lines) > 1:
            assert len(lines[-1].split()) >= 2, lines


# --- emblems ------------------------------------------------------------------------------------

ALL_MARKS = (*emblems.PATTERN_IDS, "blend", "no-single-pattern")


def test_every_pattern_of_every_instrument_has_its_own_emblem() -> None:
    for instrument in registry.instruments().values():
        for pattern_id in instrument.patterns:
            assert pattern_id in emblems.EMBLEMS, pattern_id
    assert set(emblems.PATTERN_IDS) <= set(emblems.EMBLEMS)


def test_unknown_ids_fall_back_to_a_neutral_mark() -> None:
    assert emblems.emblem_for("not-a-pattern").id == "neutral"
    assert emblems.emblem_for("").id == "neutral"


def test_a_blend_shows_both_patterns_colours() -> None:
    blend = emblems.emblem_for("urgent-reacher+quiet-protector")
    assert blend.colour == emblems.colour("urgent-reacher")
    assert blend.second_colour == emblems.colour("quiet-protector")
    assert blend.shapes == emblems.EMBLEMS["blend"].shapes


def test_every_emblem_is_distinct_in_svg() -> None:
    drawings = {mark: emblems.svg(mark, 64, "same title").replace(mark, "") for mark in ALL_MARKS}
    assert len(set(drawings.values())) == len(ALL_MARKS)
    shapes = {emblems.EMBLEMS[mark].shapes for mark in ALL_MARKS}
    assert len(shapes) == len(ALL_MARKS), "no two marks share their drawing, colour aside"


def test_every_emblem_is_distinct_in_png() -> None:
    pixels = {}
    for mark in ALL_MARKS:
        image = emblems.image(mark, 96)
        assert image.size == (96, 96) and image.mode == "RGBA"
        pixels[mark] = image.tobytes()
        # The mark itself, without its tile, differs too (it is drawn alone on the cards).
        pixels[mark + "/mark"] = emblems.image(mark, 96, tile=False).tobytes()
    assert len(set(pixels.values())) == len(pixels)


def test_the_pdf_gets_the_emblem_as_png_bytes() -> None:
    image = image_of(emblems.png("torn-between", 120))
    assert image.size == (120, 120) and image.mode == "RGBA"


def differing_pixels(first: Image.Image, second: Image.Image) -> float:
    a, b = first.convert("L").tobytes(), second.convert("L").tobytes()
    return sum(1 for x, y in zip(a, b, strict=True) if abs(x - y) > 60) / len(a)


def test_marks_differ_by_their_shape_not_only_their_colour() -> None:
    shapes = {mark: emblems.image(mark, 64, tile=False) for mark in ALL_MARKS}
    for first in ALL_MARKS:
        for second in ALL_MARKS:
            if first < second:
                assert differing_pixels(shapes[first], shapes[second]) > 0.04, (first, second)


@pytest.mark.parametrize("mark", [*ALL_MARKS, "urgent-reacher+quiet-protector", "unknown"])
def test_the_svg_is_a_named_image_that_parses(mark: str) -> None:
    svg = emblems.svg(mark, 48, 'Emblem: "Quiet" <Protector> & co')
    root = ET.fromstring(svg)
    assert root.get("role") == "img" and root.get("width") == "48"
    title = root.find("{http://www.w3.org/2000/svg}title")
    assert title is not None and title.text == 'Emblem: "Quiet" <Protector> & co'
    assert "style" not in svg, "no inline style: the site's CSP forbids it"


def luminance(colour: str) -> float:
    def channel(c: float) -> float:
        return c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4

    r, g, b = (int(colour[i : i + 2], 16) / 255 for i in (1, 3, 5))
    return 0.2126 * channel(r) + 0.7152 * channel(g) + 0.0722 * channel(b)


def contrast(first: str, second: str) -> float:
    high, low = sorted((luminance(first), luminance(second)), reverse=True)
    return (high + 0.05) / (low + 0.05)


@pytest.mark.parametrize("mark", [*ALL_MARKS, "neutral"])
def test_colours_read_in_both_themes_and_say_neither_good_nor_bad(mark: str) -> None:
    colour = emblems.EMBLEMS[mark].colour
    assert contrast(colour, "#f7f4ef") >= 3, "stands out on the light page"
    assert contrast(colour, "#1b1a19") >= 3, "stands out on the dark page"
    assert contrast(colour, "#ffffff") >= 4.5, "the white mark reads on its tile"
    # All the same brightness: none looks brighter, safer or more alarming than another.
    assert abs(luminance(colour) - luminance(emblems.EMBLEMS["steady-connector"].colour)) < 0.01
    r, g, b = (int(colour[i : i + 2], 16) / 255 for i in (1, 3, 5))
    hue, _, saturation = colorsys.rgb_to_hls(r, g, b)
    degrees = hue * 360
    if saturation > 0.15:
        assert not (degrees < 15 or degrees > 345), "no red"
        assert not 75 <= degrees <= 165, "no green"
