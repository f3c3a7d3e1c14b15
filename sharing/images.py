"""The share image: 1200x630 PNG, drawn with Pillow in Noto Sans CJK, which covers Latin and Chinese.

Plain Python, no Django. The image shows only the pattern (never answers or scores), so one
image per pattern and language serves every result that has it.
"""

from __future__ import annotations

import io
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from PIL import Image, ImageDraw, ImageFont

WIDTH, HEIGHT = 1200, 630
MARGIN = 80
FONT_DIRS = (Path("/usr/share/fonts/opentype/noto"), Path("/usr/share/fonts/truetype/noto"))
# Index of the Simplified Chinese face inside Noto Sans CJK's collection files.
SC_FACE = 2
BACKGROUND, INK, MUTED, ACCENT = "#f7f4ef", "#23211f", "#5c5750", "#2f6f62"


NO_LINE_START = set("，。、；：！？）》」』”’…")


class FontMissing(RuntimeError):
    pass


@dataclass(frozen=True)
class Card:
    site_name: str
    kicker: str
    title: str
    summary: str
    footer: str


@lru_cache(maxsize=16)
def font(weight: str, size: int) -> ImageFont.FreeTypeFont:
    name = f"NotoSansCJK-{weight}.ttc"
    for folder in FONT_DIRS:
        path = folder / name
        if path.exists():
            return ImageFont.truetype(str(path), size, index=SC_FACE)
    raise FontMissing(f"{name} not found: install Debian's fonts-noto-cjk (bin/system-deps run)")


def _glyph(face: ImageFont.FreeTypeFont, character: str) -> bytes:
    size = int(face.size * 2)
    canvas = Image.new("L", (size, size))
    ImageDraw.Draw(canvas).text((0, 0), character, font=face, fill=255)
    return canvas.tobytes()


def missing_glyphs(text: str, face: ImageFont.FreeTypeFont) -> list[str]:
    """Characters the font would draw as the 'missing glyph' box (the glyph of an unassigned code point)."""
    tofu = _glyph(face, "\U0010fffd")
    return sorted({ch for ch in set(text) if not ch.isspace() and _glyph(face, ch) == tofu})


def wrap(text: str, face: ImageFont.FreeTypeFont, width: int) -> list[str]:
    """Break by words where there are spaces, by characters in Chinese."""
    lines: list[str] = []
    current = ""
    chinese = any("\u4e00" <= c <= "\u9fff" for c in text)
    tokens, joiner = (list(text), "") if chinese else (text.split(), " ")
    for token in tokens:
        candidate = f"{current}{joiner}{token}" if current else token
        # Chinese typesetting never starts a line with closing punctuation: let it hang instead.
        if face.getlength(candidate) <= width or (chinese and token in NO_LINE_START and current):
            current = candidate
        else:
            if current:
                lines.append(current)
            current = token
    if current:
        lines.append(current)
    return lines


def render_card(card: Card) -> bytes:
    image = Image.new("RGB", (WIDTH, HEIGHT), BACKGROUND)
    draw = ImageDraw.Draw(image)
    draw.rectangle([0, 0, 20, HEIGHT], fill=ACCENT)
    usable = WIDTH - 2 * MARGIN
    draw.text((MARGIN, 60), card.site_name, font=font("Bold", 30), fill=ACCENT)
    draw.text((MARGIN, 150), card.kicker, font=font("Regular", 34), fill=MUTED)
    y = 205
    title_font = font("Bold", 72)
    for line in wrap(card.title, title_font, usable)[:2]:
        draw.text((MARGIN, y), line, font=title_font, fill=INK)
        y += 92
    y += 20
    summary_font = font("Regular", 36)
    for line in wrap(card.summary, summary_font, usable)[:3]:
        draw.text((MARGIN, y), line, font=summary_font, fill=MUTED)
        y += 52
    draw.text((MARGIN, HEIGHT - 80), card.footer, font=font("Regular", 28), fill=ACCENT)
    buffer = io.BytesIO()
    image.save(buffer, format="PNG", optimize=True)
    return buffer.getvalue()


def card_text(card: Card) -> str:
    return " ".join([card.site_name, card.kicker, card.title, card.summary, card.footer])
