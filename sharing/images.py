"""Share cards: a 1200x630 link preview and a 1080x1920 story, drawn with Pillow.

Plain Python, no Django. A card shows only the pattern (never answers or scores), so one image
per pattern, language and size serves every result that has it.

Layout happens in two steps so tests can check it without reading pixels: `layout()` places every
line of text (font size, position, box) and `render()` draws what `layout()` placed. Texts shrink,
and at the very last a summary is shortened with an ellipsis, rather than ever leaving the card;
no text is set below the format's `min_text`.

Fonts: Noto Sans CJK (Debian's fonts-noto-cjk) for both scripts. Its Simplified Chinese face sets
quotes and dashes full-width, as Chinese wants; English text asks for the proportional forms
(the OpenType `pwid` feature), so "I feel" is not set with wide gaps around its quotes.
"""

from __future__ import annotations

import io
import unicodedata
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

from PIL import Image, ImageDraw, ImageFont

from base import emblems

FONT_DIRS = (Path("/usr/share/fonts/opentype/noto"), Path("/usr/share/fonts/truetype/noto"))
# Index of the Simplified Chinese face inside Noto Sans CJK's collection files.
SC_FACE = 2
BACKGROUND, SURFACE, INK, MUTED = "#f7f4ef", "#ffffff", "#23211f", "#5c5750"

# Chinese line breaking (GB/T 15834, W3C clreq): these never start a line ...
NO_LINE_START = frozenset("，。、；：！？）》」』】〕〉”’…—·%,.;:!?)]}")
# ... and these never end one.
NO_LINE_END = frozenset("（《「『【〔〈“‘([{")


class FontMissing(RuntimeError):
    pass


@dataclass(frozen=True)
class Format:
    name: str
    width: int
    height: int
    min_text: int  # px: no text on the card is set smaller


# A preview is shown about 500 px wide in a chat or a feed, so 24 px is its smallest readable text.
# A story fills a phone screen (1080 px over about 390 points): 36 px there reads like 13 points.
PREVIEW = Format("card", 1200, 630, 24)
STORY = Format("story", 1080, 1920, 36)
FORMATS = {f.name: f for f in (PREVIEW, STORY)}


@dataclass(frozen=True)
class CardText:
    """Everything a card says, already in the result's language."""

    language: str
    pattern_id: str
    kicker: str  # "My communication pattern"
    title: str  # the pattern's name
    summary: str
    strengths: tuple[str, ...]
    site_name: str
    site_host: str  # "example.org"
    call: str = ""  # the story's invitation: "Take the test: 42 questions, about 8 minutes"

    @property
    def chinese(self) -> bool:
        return self.language.lower().startswith("zh")


@dataclass(frozen=True)
class Run:
    """One line of text as placed on the card: `y` is its baseline."""

    text: str
    x: float
    y: float
    size: int
    weight: str
    colour: str
    role: str
    box: tuple[float, float, float, float]  # left, top, right, bottom of the inked text


@dataclass
class Layout:
    format: Format
    text: CardText
    runs: list[Run] = field(default_factory=list)
    shortened: bool = False  # a summary had to be cut with an ellipsis
    card_box: tuple[float, float, float, float] | None = None  # the story's light card
    emblem_box: tuple[float, float, float] = (0, 0, 0)  # left, top, size of the emblem's mark

    def sizes(self) -> dict[str, int]:
        """The smallest font size used for each role (title, summary, strength, ...)."""
        sizes: dict[str, int] = {}
        for run in self.runs:
            sizes[run.role] = min(sizes.get(run.role, run.size), run.size)
        return sizes


# --- fonts ---------------------------------------------------------------------------------------


@lru_cache(maxsize=64)
def font(weight: str, size: int) -> ImageFont.FreeTypeFont:
    name = f"NotoSansCJK-{weight}.ttc"
    for folder in FONT_DIRS:
        path = folder / name
        if path.exists():
            return ImageFont.truetype(str(path), size, index=SC_FACE, layout_engine=ImageFont.Layout.RAQM)
    raise FontMissing(f"{name} not found: install Debian's fonts-noto-cjk (bin/system-deps run)")


def _features(chinese: bool) -> list[str] | None:
    return None if chinese else ["pwid"]


def _glyph(face: ImageFont.FreeTypeFont, character: str) -> bytes:
    size = int(face.size * 2)
    canvas = Image.new("L", (size, size))
    ImageDraw.Draw(canvas).text((0, 0), character, font=face, fill=255)
    return canvas.tobytes()


def missing_glyphs(text: str, face: ImageFont.FreeTypeFont) -> list[str]:
    """Characters the font would draw as the 'missing glyph' box (the glyph of an unassigned code point)."""
    tofu = _glyph(face, "\U0010fffd")
    return sorted({ch for ch in set(text) if not ch.isspace() and _glyph(face, ch) == tofu})


# --- line breaking -------------------------------------------------------------------------------


def _breaks_anywhere(character: str) -> bool:
    """Han, kana and full-width punctuation: a line may break before and after each of them."""
    if "\u2e80" <= character <= "\u9fff" or "\uf900" <= character <= "\ufaff" or "\uff00" <= character <= "\uffef":
        return True
    return unicodedata.east_asian_width(character) in ("W", "F")


@dataclass
class _Atom:
    text: str
    space_before: bool


def atoms(text: str) -> list[_Atom]:
    """The pieces a line may break between: a Han character, a word, each with the punctuation that
    must stay with it (closing marks with what comes before, opening marks with what follows)."""
    pieces: list[_Atom] = []
    word = ""
    space = False
    for character in text:
        if character.isspace():
            if word:
                pieces.append(_Atom(word, space))
                word = ""
            space = True
            continue
        if _breaks_anywhere(character) or character in NO_LINE_START or character in NO_LINE_END:
            if word:
                pieces.append(_Atom(word, space))
                word, space = "", False
            pieces.append(_Atom(character, space))
            space = False
        else:
            word += character
    if word:
        pieces.append(_Atom(word, space))
    glued: list[_Atom] = []
    opening = ""
    opening_space = False
    for piece in pieces:
        if piece.text[0] in NO_LINE_START and glued and not piece.space_before and not opening:
            glued[-1].text += piece.text
        elif piece.text in NO_LINE_END:
            if not opening:
                opening_space = piece.space_before
            opening += piece.text
        else:
            glued.append(_Atom(opening + piece.text, opening_space if opening else piece.space_before))
            opening, opening_space = "", False
    if opening:
        glued.append(_Atom(opening, opening_space))
    return glued


def _join(pieces: list[_Atom]) -> str:
    return "".join((" " if p.space_before and i else "") + p.text for i, p in enumerate(pieces))


def _split_long(piece: _Atom, face: ImageFont.FreeTypeFont, width: float, features: list[str] | None) -> list[_Atom]:
    """A single word wider than the line (a long address): cut it where it must be cut, never
    just before closing punctuation (the character before it goes down with it)."""
    parts: list[str] = []
    current = ""
    for character in piece.text:
        if current and face.getlength(current + character, features=features) > width:
            carried = ""
            while (carried or character)[0] in NO_LINE_START and len(current) > 1:
                current, carried = current[:-1], current[-1] + carried
            parts.append(current)
            current = carried
        current += character
    parts.append(current)
    return [_Atom(part, piece.space_before and index == 0) for index, part in enumerate(parts)]


def wrap(text: str, face: ImageFont.FreeTypeFont, width: float, chinese: bool | None = None) -> list[str]:
    """Lines no wider than `width`: by words in English, by characters in Chinese, and never a
    line that starts with closing punctuation or ends with opening punctuation."""
    if chinese is None:
        chinese = any(_breaks_anywhere(c) for c in text)
    features = _features(chinese)
    lines: list[list[_Atom]] = []
    current: list[_Atom] = []
    for piece in atoms(text):
        pieces = [piece]
        if face.getlength(piece.text, features=features) > width:
            pieces = _split_long(piece, face, width, features)
        for part in pieces:
            if not current or face.getlength(_join([*current, part]), features=features) <= width:
                current.append(part)
            else:
                lines.append(current)
                current = [part]
    if current:
        lines.append(current)

    # A last line of a word or a character or two looks stranded: give it pieces of the line before.
    def stranded(line: list[_Atom]) -> bool:
        return len(line) == 1 if not chinese else len(_join(line).strip("".join(NO_LINE_START))) < 3

    while len(lines) >= 2 and stranded(lines[-1]) and len(lines[-2]) >= 4:
        moved = lines[-2].pop()
        candidate = [moved, *lines[-1]]
        if face.getlength(_join(candidate), features=features) > width:
            lines[-2].append(moved)
            break
        lines[-1] = candidate
    return [_join(line) for line in lines]


def _shorten(line: str, face: ImageFont.FreeTypeFont, width: float, chinese: bool) -> str:
    """The line cut so that it and an ellipsis fit in `width`."""
    ellipsis = "……" if chinese else "…"
    features = _features(chinese)
    while line and face.getlength(line + ellipsis, features=features) > width:
        line = line[:-1].rstrip()
    while line and line[-1] in NO_LINE_END | set("，、；：,;:"):
        line = line[:-1]
    return line + ellipsis


# --- layout --------------------------------------------------------------------------------------


@dataclass(frozen=True)
class _Block:
    role: str
    text: str
    weight: str
    size: int
    colour: str
    max_lines: int
    leading: float  # line height as a multiple of the size
    gap_after: float
    bullet: bool = False


@dataclass
class _Set:
    block: _Block
    lines: list[str]
    indent: float

    @property
    def height(self) -> float:
        return len(self.lines) * self.block.size * self.block.leading


def _set(block: _Block, width: float, chinese: bool, shorten: bool) -> _Set | None:
    """The block's lines at its size, or None when they need more than `max_lines`."""
    indent = block.size * 0.95 if block.bullet else 0.0
    face = font(block.weight, block.size)
    lines = wrap(block.text, face, width - indent, chinese)
    if len(lines) > block.max_lines:
        if not shorten:
            return None
        lines = lines[: block.max_lines]
        lines[-1] = _shorten(lines[-1], face, width - indent, chinese)
    return _Set(block, lines, indent)


def _run(text: str, x: float, y: float, block: _Block, chinese: bool, colour: str | None = None) -> Run:
    face = font(block.weight, block.size)
    left, top, right, bottom = face.getbbox(text, anchor="ls", features=_features(chinese))
    return Run(
        text,
        x,
        y,
        block.size,
        block.weight,
        colour or block.colour,
        block.role,
        (x + left, y + top, x + right, y + bottom),
    )


def _baseline(top: float, number: int, block: _Block) -> float:
    """The baseline of line `number` of a block starting at `top`: the em box centred in its line."""
    return top + block.size * block.leading * number + block.size * (block.leading - 1) / 2 + block.size * 0.88


def _place(sets: list[_Set], x: float, top: float, chinese: bool, out: Layout, accent: str) -> float:
    """Put the set blocks one under the other from `top`; returns the bottom."""
    y = top
    for index, done in enumerate(sets):
        block = done.block
        for number, line in enumerate(done.lines):
            baseline = _baseline(y, number, block)
            out.runs.append(_run(line, x + done.indent, baseline, block, chinese))
            if block.bullet and number == 0:
                out.runs.append(
                    Run(
                        "•",
                        x,
                        baseline,
                        block.size,
                        "dot",
                        accent,
                        "bullet",
                        (x, baseline - block.size * 0.52, x + block.size * 0.4, baseline - block.size * 0.12),
                    )
                )
        y += done.height + (block.gap_after if index < len(sets) - 1 else 0)
    return y


def _fit(blocks_for: list[list[_Block]], width: float, height: float, chinese: bool) -> tuple[list[_Set], bool]:
    """The first (largest) set of blocks that fits in `height`; at worst the last one, shortened."""
    for blocks in blocks_for:
        sets = [_set(b, width, chinese, shorten=False) for b in blocks]
        if all(s is not None for s in sets):
            done = [s for s in sets if s is not None]
            total = sum(s.height for s in done) + sum(s.block.gap_after for s in done[:-1])
            if total <= height:
                return done, False
    # Nothing fits whole: the tightest sizes, and the summary loses lines until the rest fits.
    blocks = blocks_for[-1]
    for cut in range(0, 20):
        trimmed = [
            _Block(**{**b.__dict__, "max_lines": max(1, b.max_lines - cut)}) if b.role == "summary" else b
            for b in blocks
        ]
        done = [s for s in (_set(b, width, chinese, shorten=True) for b in trimmed) if s is not None]
        total = sum(s.height for s in done) + sum(s.block.gap_after for s in done[:-1])
        if total <= height or cut >= 19:
            return done, True
    raise AssertionError("unreachable")


def _ladder(
    text: CardText,
    sizes: dict[str, tuple[int, int]],
    lines: dict[str, int],
    gaps: dict[str, int],
    colours: dict[str, str],
) -> list[list[_Block]]:
    """Candidate blocks from roomy to tight: each step shrinks every text one notch (never below
    its minimum), and near the end drops the third strength."""
    ladder = []
    lead_title, lead_body = (1.28, 1.55) if text.chinese else (1.12, 1.38)
    for step in range(0, 14):
        # Each role shrinks in about six notches (at least 2 px each) from its largest to its smallest.
        size = {
            role: max(smallest, largest - step * max(2, (largest - smallest) // 6))
            for role, (largest, smallest) in sizes.items()
        }
        strengths = text.strengths[: 3 if step < 10 else 2]
        blocks = [
            _Block("kicker", text.kicker, "Regular", size["kicker"], colours["kicker"], 1, lead_body, gaps["kicker"]),
            _Block("title", text.title, "Bold", size["title"], INK, lines["title"], lead_title, gaps["title"]),
            _Block(
                "summary",
                text.summary,
                "Regular",
                size["summary"],
                colours["summary"],
                lines["summary"],
                lead_body,
                gaps["summary"],
            ),
        ]
        blocks += [
            _Block("strength", s, "Regular", size["strength"], INK, 2, lead_body, gaps["strength"], bullet=True)
            for s in strengths
        ]
        ladder.append(blocks)
    return ladder


def _footer(text: CardText, fmt: Format, width: float, size: int) -> list[tuple[str, str, int]]:
    """The site's name and address, on one line when they fit ("Name · example.org"), else on two;
    shrunk to fit, never below the format's minimum. Returns (text, weight, size) per line."""
    features = _features(text.chinese)

    def fits(line: str, weight: str, px: int) -> bool:
        return font(weight, px).getlength(line, features=features) <= width

    if text.site_host:
        joined = f"{text.site_name}·{text.site_host}" if text.chinese else f"{text.site_name} · {text.site_host}"
        if fits(joined, "Bold", size):
            return [(joined, "Bold", size)]
        lines = [(text.site_name, "Bold"), (text.site_host, "Regular")]
    else:
        lines = [(text.site_name, "Bold")]
    for px in range(size, fmt.min_text - 1, -2):
        if all(fits(line, weight, px) for line, weight in lines):
            return [(line, weight, px) for line, weight in lines]
    # Still too long at the smallest size: the name wraps (two lines at most), the address is cut.
    px = fmt.min_text
    name = wrap(text.site_name, font("Bold", px), width, text.chinese)
    if len(name) > 2:
        name = [name[0], _shorten(name[1], font("Bold", px), width, text.chinese)]
    placed = [(line, "Bold", px) for line in name]
    if text.site_host:
        host = text.site_host
        if not fits(host, "Regular", px):
            host = _shorten(host, font("Regular", px), width, chinese=False)
        placed.append((host, "Regular", px))
    return placed


def layout(text: CardText, fmt: Format = PREVIEW) -> Layout:
    return _layout_story(text) if fmt.name == STORY.name else _layout_preview(text)


PANEL = 392  # the preview's coloured side, holding the emblem


def _layout_preview(text: CardText) -> Layout:
    fmt = PREVIEW
    out = Layout(fmt, text)
    mark = 330
    out.emblem_box = ((PANEL - mark) / 2, (fmt.height - mark) / 2, mark)
    left, right, top, bottom = PANEL + 64, fmt.width - 60, 54, fmt.height - 46
    width = right - left
    footer = _footer(text, fmt, width, 26)
    for number, (line, weight, px) in enumerate(reversed(footer)):
        block = _Block("footer", line, weight, px, INK if weight == "Bold" else MUTED, 1, 1.0, 0)
        out.runs.append(_run(line, left, bottom - number * px * 1.3, block, text.chinese))
    available = (bottom - sum(px for *_, px in footer) * 1.3 - 24) - top
    ladder = _ladder(
        text,
        sizes={
            "kicker": (28, 24),
            "title": (72 if text.chinese else 64, 40),
            "summary": (32, 24),
            "strength": (28, 24),
        },
        lines={"title": 2, "summary": 4},
        gaps={"kicker": 10, "title": 16, "summary": 22, "strength": 6},
        colours={"kicker": MUTED, "summary": MUTED},
    )
    sets, out.shortened = _fit(ladder, width, available, text.chinese)
    used = sum(s.height for s in sets) + sum(s.block.gap_after for s in sets[:-1])
    # Short texts sit in the middle of the space above the footer, not stuck to the top.
    _place(sets, left, top + max(0.0, (available - used) / 2.4), text.chinese, out, emblems.colour(text.pattern_id))
    return out


STORY_CARD_TOP = 720  # where the card starts when it fits below a full-size emblem ...
STORY_CARD_HIGHEST = 560  # ... and how high a long card may push it, shrinking the emblem
STORY_MARK = 540


def _layout_story(text: CardText) -> Layout:
    fmt = STORY
    out = Layout(fmt, text)
    margin, padding = 64, 64
    left, right = margin + padding, fmt.width - margin - padding
    width = right - left
    features = _features(text.chinese)
    # At the bottom, in white on the pattern's colour: the invitation, then the site.
    footer = _footer(text, fmt, fmt.width - 2 * margin, 40)
    bottom = fmt.height - 100
    for number, (line, weight, px) in enumerate(reversed(footer)):
        block = _Block("footer", line, weight, px, SURFACE, 1, 1.0, 0)
        x = (fmt.width - font(weight, px).getlength(line, features=features)) / 2
        out.runs.append(_run(line, x, bottom - number * px * 1.3, block, text.chinese))
    footer_height = sum(px for *_, px in footer) * 1.3
    card_bottom_limit = bottom - footer_height - 64
    if text.call:
        call = _set(
            _Block("call", text.call, "Regular", 40, SURFACE, 2, 1.3, 0),
            fmt.width - 2 * margin,
            text.chinese,
            shorten=True,
        )
        assert call is not None
        call_top = bottom - footer_height - 36 - call.height
        for number, line in enumerate(call.lines):
            x = (fmt.width - font("Regular", 40).getlength(line, features=features)) / 2
            out.runs.append(_run(line, x, _baseline(call_top, number, call.block), call.block, text.chinese))
        card_bottom_limit = call_top - 72
    ladder = _ladder(
        text,
        sizes={
            "kicker": (44, 44),
            "title": (104 if text.chinese else 92, 60),
            "summary": (48, 36),
            "strength": (44, 36),
        },
        lines={"title": 3, "summary": 7},
        gaps={"kicker": 0, "title": 30, "summary": 40, "strength": 14},
        colours={"kicker": SURFACE, "summary": MUTED},
    )
    # The kicker stands above the card, on the colour; the card's blocks start at the title.
    sets, out.shortened = _fit(
        [blocks[1:] for blocks in ladder], width, card_bottom_limit - STORY_CARD_HIGHEST - 2 * padding, text.chinese
    )
    used = sum(s.height for s in sets) + sum(s.block.gap_after for s in sets[:-1])
    card_height = used + 2 * padding
    if STORY_CARD_TOP + card_height > card_bottom_limit:  # a long card climbs, the emblem gives way
        card_top = card_bottom_limit - card_height
    else:  # a short one: what is left is shared above and below, so the whole sits balanced
        card_top = STORY_CARD_TOP + (card_bottom_limit - STORY_CARD_TOP - card_height) / 2
    out.card_box = (margin, card_top, fmt.width - margin, card_top + card_height)
    # The mark's drawing fills the middle of its box: the box may reach into the margins.
    space_top, space_bottom = 70.0, card_top - 64 - 44 - 24
    size = min(STORY_MARK, (space_bottom - space_top) * 1.45)
    out.emblem_box = ((fmt.width - size) / 2, (space_top + space_bottom - size) / 2, size)
    kicker = ladder[0][0]
    kicker_width = font("Regular", kicker.size).getlength(text.kicker, features=features)
    out.runs.append(_run(text.kicker, (fmt.width - kicker_width) / 2, card_top - 64, kicker, text.chinese))
    _place(sets, left, card_top + padding, text.chinese, out, emblems.colour(text.pattern_id))
    return out


# --- drawing -------------------------------------------------------------------------------------


def _background(image: Image.Image, box: tuple[int, int, int, int], pattern_id: str) -> None:
    """Fill `box` with the pattern's colour; a blend's box is split between its two colours."""
    emblem = emblems.emblem_for(pattern_id)
    draw = ImageDraw.Draw(image)
    x0, y0, x1, y1 = box
    draw.rectangle([x0, y0, x1 - 1, y1 - 1], fill=emblem.colour)
    if emblem.second_colour:
        draw.rectangle([(x0 + x1) // 2, y0, x1 - 1, y1 - 1], fill=emblem.second_colour)


def _draw_runs(image: Image.Image, runs: list[Run], chinese: bool) -> None:
    draw = ImageDraw.Draw(image)
    language = "zh-Hans" if chinese else "en"
    for run in runs:
        if run.role == "bullet":
            x0, y0, x1, y1 = run.box
            draw.ellipse([x0, y0, x1, y1], fill=run.colour)
            continue
        draw.text(
            (run.x, run.y),
            run.text,
            font=font(run.weight, run.size),
            fill=run.colour,
            anchor="ls",
            features=_features(chinese),
            language=language,
        )


def render_layout(placed: Layout) -> bytes:
    fmt, text = placed.format, placed.text
    if fmt.name == STORY.name:
        image = Image.new("RGBA", (fmt.width, fmt.height), BACKGROUND)
        _background(image, (0, 0, fmt.width, fmt.height), text.pattern_id)
        assert placed.card_box is not None
        x0, y0, x1, y1 = placed.card_box
        ImageDraw.Draw(image).rounded_rectangle([x0, y0, x1, y1], radius=40, fill=BACKGROUND)
    else:
        image = Image.new("RGBA", (fmt.width, fmt.height), BACKGROUND)
        _background(image, (0, 0, PANEL, fmt.height), text.pattern_id)
    x, y, size = placed.emblem_box
    image.alpha_composite(emblems.image(text.pattern_id, int(size), tile=False), (round(x), round(y)))
    _draw_runs(image, placed.runs, text.chinese)
    buffer = io.BytesIO()
    # Flat colours and anti-aliased text fit in a 128-colour palette: a third of the bytes, and
    # quicker to encode than a full-colour PNG squeezed with `optimize`.
    image.convert("RGB").quantize(128, method=Image.Quantize.FASTOCTREE).save(buffer, format="PNG")
    return buffer.getvalue()


def render(text: CardText, fmt: Format = PREVIEW) -> bytes:
    return render_layout(layout(text, fmt))


def card_text(text: CardText) -> str:
    return " ".join([text.kicker, text.title, text.summary, *text.strengths, text.site_name, text.site_host, text.call])
