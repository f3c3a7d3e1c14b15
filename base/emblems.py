"""An emblem for each communication pattern: one mark and one colour, drawn as SVG and with Pillow.

Plain Python, no Django. Each mark is defined once, as a few shapes on a 100 x 100 grid, and both
drawings read that same definition, so the page, the share card and the PDF always agree.

The marks are white (with a paler tint of the pattern's colour for a second part) on a rounded tile
of the pattern's colour. Every tile colour has the same luminance, mid-way between the site's light
and dark backgrounds: no pattern looks brighter, "safer" or more alarming than another, no colour is
red or green, and the same emblem stands out on a light page, a dark page and on paper (at least
3.5:1 against both page backgrounds, 4.8:1 between the white mark and the tile).

A blend of two patterns ("urgent-reacher+quiet-protector", as `assessment.presentation` names it)
shows the blend mark on a tile split between the two patterns' colours.
"""

from __future__ import annotations

import io
import math
from dataclasses import dataclass
from functools import lru_cache
from html import escape

from PIL import Image, ImageDraw

GRID = 100
TILE_RADIUS = 22
WHITE = "#ffffff"
SUPERSAMPLE = 4  # Pillow draws without anti-aliasing: draw large, then scale down smoothly

Point = tuple[float, float]


@dataclass(frozen=True)
class Circle:
    """A filled disc (`width` 0) or a ring of that stroke width."""

    cx: float
    cy: float
    r: float
    role: str = "mark"
    width: float = 0


@dataclass(frozen=True)
class Arc:
    """Part of a circle's outline, clockwise from `start` to `end` degrees (0 = 3 o'clock, y down)."""

    cx: float
    cy: float
    r: float
    start: float
    end: float
    width: float
    role: str = "mark"


@dataclass(frozen=True)
class Polyline:
    points: tuple[Point, ...]
    width: float
    role: str = "mark"


@dataclass(frozen=True)
class Polygon:
    points: tuple[Point, ...]
    role: str = "mark"


@dataclass(frozen=True)
class Sector:
    """A filled slice of a disc, clockwise from `start` to `end` degrees."""

    cx: float
    cy: float
    r: float
    start: float
    end: float
    role: str = "mark"


Shape = Circle | Arc | Polyline | Polygon | Sector


@dataclass(frozen=True)
class Emblem:
    id: str
    colour: str  # the tile
    shapes: tuple[Shape, ...]
    idea: str  # what the mark shows, for editors and the tests' failure messages
    second_colour: str | None = None  # a blend: the right half of the tile

    @property
    def tint(self) -> str:
        """A paler tint of the tile colour, for the mark's second part."""
        return _mix(self.colour, WHITE, 0.55)

    def fill(self, role: str) -> str:
        return {"mark": WHITE, "tint": self.tint}[role]


def _mix(colour: str, other: str, amount: float) -> str:
    a = [int(colour[i : i + 2], 16) for i in (1, 3, 5)]
    b = [int(other[i : i + 2], 16) for i in (1, 3, 5)]
    return "#" + "".join(f"{round(x + (y - x) * amount):02x}" for x, y in zip(a, b, strict=True))


def _arc_end(cx: float, cy: float, r: float, degrees: float) -> Point:
    return cx + r * math.cos(math.radians(degrees)), cy + r * math.sin(math.radians(degrees))


def _spiral() -> tuple[Shape, ...]:
    """Half circles of growing radius, alternating above and below one line: a shell."""
    shapes: list[Shape] = []
    x, y = 47.0, 56.0
    for index, r in enumerate((4.5, 9.0, 13.5, 18.0, 22.5)):
        if index % 2 == 0:  # upper half, left to right
            shapes.append(Arc(x + r, y, r, 180, 360, 6.5))
            x += 2 * r
        else:  # lower half, right to left
            shapes.append(Arc(x - r, y, r, 0, 180, 6.5))
            x -= 2 * r
    return tuple(shapes)


def _ring_of_dots() -> tuple[Shape, ...]:
    dots: list[Shape] = []
    for index, degrees in enumerate(range(-90, 270, 60)):
        x, y = _arc_end(50, 50, 25, degrees)
        dots.append(Circle(x, y, 7.5, "mark" if index % 2 else "tint"))
    return tuple(dots)


BLEND_SHAPES: tuple[Shape, ...] = (
    Circle(39, 50, 19, "mark", 7),
    Circle(61, 50, 19, "mark", 7),
)

EMBLEMS: dict[str, Emblem] = {
    e.id: e
    for e in (
        Emblem(
            "steady-connector",
            "#3c73b3",
            (
                Polyline(((28, 54), (72, 54)), 7),
                Circle(28, 54, 10.5),
                Circle(72, 54, 10.5),
                Polyline(((22, 75), (78, 75)), 5, "tint"),
            ),
            "two points held by one steady link, on level ground",
        ),
        Emblem(
            "urgent-reacher",
            "#ad5b2b",
            (
                Polyline(((20, 33), (35, 50), (20, 67)), 7.5, "tint"),
                Polyline(((36, 33), (51, 50), (36, 67)), 7.5),
                Circle(71, 50, 12, "mark", 7),
            ),
            "two chevrons hurrying towards an open ring",
        ),
        Emblem(
            "quiet-protector",
            "#6a67be",
            _spiral(),
            "a shell curling inward around its centre",
        ),
        Emblem(
            "careful-accommodator",
            "#b04f86",
            (
                Arc(50, 40, 31, 15, 165, 7.5, "tint"),
                Arc(50, 40, 18.5, 20, 160, 7.5),
                Circle(50, 43, 7.5),
            ),
            "a cradle of two arcs making room around one point",
        ),
        Emblem(
            "direct-engager",
            "#317992",
            (
                Polygon(((20, 30), (45, 50), (20, 70))),
                Polygon(((80, 30), (55, 50), (80, 70)), "tint"),
            ),
            "two points turning to face each other head-on",
        ),
        Emblem(
            "torn-between",
            "#915bb0",
            (
                Sector(46, 44, 23, 90, 270),
                Sector(54, 56, 23, 270, 450, "tint"),
            ),
            "a circle split in two halves that pull apart",
        ),
        Emblem("blend", "#9a660d", BLEND_SHAPES, "two overlapping rings"),
        Emblem("no-single-pattern", "#777067", _ring_of_dots(), "six equal points in a circle, none leading"),
        Emblem("neutral", "#6b727b", (Circle(50, 50, 20, "mark", 8),), "a plain ring"),
    )
}
PATTERN_IDS = (
    "steady-connector",
    "urgent-reacher",
    "quiet-protector",
    "careful-accommodator",
    "direct-engager",
    "torn-between",
)


def emblem_for(pattern_id: str) -> Emblem:
    """The emblem of a pattern id; a blend "a+b" gets the blend mark in a's and b's colours."""
    if pattern_id in EMBLEMS:
        return EMBLEMS[pattern_id]
    if "+" in pattern_id:
        first, _, second = pattern_id.partition("+")
        blend = EMBLEMS["blend"]
        return Emblem(
            pattern_id,
            EMBLEMS[first].colour if first in EMBLEMS else blend.colour,
            blend.shapes,
            blend.idea,
            second_colour=EMBLEMS[second].colour if second in EMBLEMS else blend.colour,
        )
    return EMBLEMS["neutral"]


# --- SVG -----------------------------------------------------------------------------------------


def _n(value: float) -> str:
    return f"{value:.2f}".rstrip("0").rstrip(".")


def _svg_shape(shape: Shape, emblem: Emblem) -> str:
    colour = emblem.fill(shape.role)
    if isinstance(shape, Circle):
        if shape.width:
            return (
                f'<circle cx="{_n(shape.cx)}" cy="{_n(shape.cy)}" r="{_n(shape.r)}" fill="none" '
                f'stroke="{colour}" stroke-width="{_n(shape.width)}"/>'
            )
        return f'<circle cx="{_n(shape.cx)}" cy="{_n(shape.cy)}" r="{_n(shape.r)}" fill="{colour}"/>'
    if isinstance(shape, Arc | Sector):
        x1, y1 = _arc_end(shape.cx, shape.cy, shape.r, shape.start)
        x2, y2 = _arc_end(shape.cx, shape.cy, shape.r, shape.end)
        large = 1 if (shape.end - shape.start) % 360 > 180 else 0
        arc = f"M{_n(x1)} {_n(y1)}A{_n(shape.r)} {_n(shape.r)} 0 {large} 1 {_n(x2)} {_n(y2)}"
        if isinstance(shape, Sector):
            return f'<path d="{arc}L{_n(shape.cx)} {_n(shape.cy)}Z" fill="{colour}"/>'
        return (
            f'<path d="{arc}" fill="none" stroke="{colour}" stroke-width="{_n(shape.width)}" stroke-linecap="round"/>'
        )
    points = " ".join(f"{_n(x)},{_n(y)}" for x, y in shape.points)
    if isinstance(shape, Polygon):
        return f'<polygon points="{points}" fill="{colour}"/>'
    return (
        f'<polyline points="{points}" fill="none" stroke="{colour}" stroke-width="{_n(shape.width)}" '
        'stroke-linecap="round" stroke-linejoin="round"/>'
    )


def _svg_tile(emblem: Emblem) -> str:
    tile = f'<rect width="{GRID}" height="{GRID}" rx="{TILE_RADIUS}" fill="{emblem.colour}"/>'
    if emblem.second_colour:
        half = GRID // 2
        tile += (
            f'<path d="M{half} 0H{GRID - TILE_RADIUS}A{TILE_RADIUS} {TILE_RADIUS} 0 0 1 {GRID} {TILE_RADIUS}'
            f"V{GRID - TILE_RADIUS}A{TILE_RADIUS} {TILE_RADIUS} 0 0 1 {GRID - TILE_RADIUS} {GRID}"
            f'H{half}Z" fill="{emblem.second_colour}"/>'
        )
    return tile


def svg(pattern_id: str, size: int, title: str, css_class: str = "emblem") -> str:
    """The emblem as inline SVG: an image with its own name, the same in light, dark and print.

    Colours are attributes, not CSS, so the emblem looks the same without the stylesheet and in
    a print preview, and needs no inline style (the site's CSP forbids it).
    """
    emblem = emblem_for(pattern_id)
    shapes = "".join(_svg_shape(shape, emblem) for shape in emblem.shapes)
    return (
        f'<svg class="{escape(css_class)}" data-emblem="{escape(emblem.id)}" role="img" '
        f'viewBox="0 0 {GRID} {GRID}" width="{int(size)}" height="{int(size)}" focusable="false" '
        f'xmlns="http://www.w3.org/2000/svg"><title>{escape(title)}</title>{_svg_tile(emblem)}{shapes}</svg>'
    )


# --- Pillow --------------------------------------------------------------------------------------


def _rgba(colour: str) -> tuple[int, int, int, int]:
    return (int(colour[1:3], 16), int(colour[3:5], 16), int(colour[5:7], 16), 255)


def _draw_shape(draw: ImageDraw.ImageDraw, shape: Shape, emblem: Emblem, scale: float) -> None:
    colour = _rgba(emblem.fill(shape.role))

    def dot(x: float, y: float, r: float) -> None:
        draw.ellipse([(x - r) * scale, (y - r) * scale, (x + r) * scale, (y + r) * scale], fill=colour)

    if isinstance(shape, Circle):
        if shape.width:
            # Pillow strokes inward from the box, so the box is the ring's outer edge.
            outer = shape.r + shape.width / 2
            box = [(shape.cx - outer) * scale, (shape.cy - outer) * scale]
            box += [(shape.cx + outer) * scale, (shape.cy + outer) * scale]
            draw.ellipse(box, outline=colour, width=round(shape.width * scale))
        else:
            dot(shape.cx, shape.cy, shape.r)
    elif isinstance(shape, Sector):
        box = [(shape.cx - shape.r) * scale, (shape.cy - shape.r) * scale]
        box += [(shape.cx + shape.r) * scale, (shape.cy + shape.r) * scale]
        draw.pieslice(box, shape.start, shape.end, fill=colour)
    elif isinstance(shape, Arc):
        outer = shape.r + shape.width / 2
        box = [(shape.cx - outer) * scale, (shape.cy - outer) * scale]
        box += [(shape.cx + outer) * scale, (shape.cy + outer) * scale]
        draw.arc(box, shape.start, shape.end, fill=colour, width=round(shape.width * scale))
        for degrees in (shape.start, shape.end):  # round caps, as in the SVG
            dot(*_arc_end(shape.cx, shape.cy, shape.r, degrees), shape.width / 2)
    elif isinstance(shape, Polygon):
        draw.polygon([(x * scale, y * scale) for x, y in shape.points], fill=colour)
    else:
        draw.line([(x * scale, y * scale) for x, y in shape.points], fill=colour, width=round(shape.width * scale))
        for x, y in shape.points:  # round caps and joins
            dot(x, y, shape.width / 2)


@lru_cache(maxsize=64)
def _image(pattern_id: str, size: int, tile: bool) -> Image.Image:
    emblem = emblem_for(pattern_id)
    big = size * SUPERSAMPLE
    scale = big / GRID
    image = Image.new("RGBA", (big, big), (0, 0, 0, 0))
    draw = ImageDraw.Draw(image)
    if tile:
        radius = round(TILE_RADIUS * scale)
        draw.rounded_rectangle([0, 0, big - 1, big - 1], radius=radius, fill=_rgba(emblem.colour))
        if emblem.second_colour:
            right = Image.new("RGBA", (big, big), (0, 0, 0, 0))
            ImageDraw.Draw(right).rounded_rectangle(
                [0, 0, big - 1, big - 1], radius=radius, fill=_rgba(emblem.second_colour)
            )
            image.paste(right.crop((big // 2, 0, big, big)), (big // 2, 0))
    for shape in emblem.shapes:
        _draw_shape(draw, shape, emblem, scale)
    return image.resize((size, size), Image.Resampling.LANCZOS)


def image(pattern_id: str, size: int, tile: bool = True) -> Image.Image:
    """The emblem as an RGBA image `size` pixels square; without `tile`, only the mark (for a
    background already in the pattern's colour)."""
    return _image(pattern_id, int(size), tile).copy()


def png(pattern_id: str, size: int, tile: bool = True) -> bytes:
    """The emblem as PNG bytes (for the PDF: fpdf2 reads them as an image)."""
    buffer = io.BytesIO()
    image(pattern_id, size, tile).save(buffer, format="PNG")
    return buffer.getvalue()


def colour(pattern_id: str) -> str:
    return emblem_for(pattern_id).colour
