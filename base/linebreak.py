"""Breaking Chinese (and mixed) text into lines by the rules a Chinese reader expects.

Plain Python, no Django. Chinese breaks between any two characters, except that a line never
starts with closing punctuation (，。” and the like) and never ends with opening punctuation
(“《（ and the like); a run of Latin letters or digits stays whole. Used by the PDF and by the
share images, each with its own way of measuring text.
"""

from __future__ import annotations

import re
from collections.abc import Callable

# A line may not start with these (they close or trail what comes before them).
NO_LINE_START = frozenset("，。、；：！？）》」』”’…—％%,.;:!?)]}·～")
# A line may not end with these (they open what comes after them).
NO_LINE_END = frozenset("（《「『“‘([{")
_PIECE = re.compile(r"[A-Za-z0-9][A-Za-z0-9'’\-/.:@_]*|\s+|.", re.DOTALL)


def pieces(text: str) -> list[str]:
    """Unbreakable pieces: a Latin word or number, a run of spaces, or one other character."""
    return _PIECE.findall(text)


def break_lines(text: str, width: float, measure: Callable[[str], float]) -> list[str]:
    """Greedy lines no wider than `width` (closing punctuation may hang just past it)."""
    lines: list[str] = []
    for paragraph in text.split("\n"):
        lines += _break_paragraph(paragraph, width, measure)
    return lines


def _break_paragraph(text: str, width: float, measure: Callable[[str], float]) -> list[str]:
    lines: list[str] = []
    current = ""
    for piece in pieces(text):
        if not current and piece.isspace():
            continue
        candidate = current + piece
        if measure(candidate.rstrip()) <= width or not current.strip():
            current = candidate
            continue
        if piece[0] in NO_LINE_START:
            # Hang the closing mark on this line rather than start the next one with it.
            current = candidate
            continue
        carried = ""
        # An opening mark at the end of the line goes down with what it opens.
        while current and current.rstrip() and current.rstrip()[-1] in NO_LINE_END:
            stripped = current.rstrip()
            carried = stripped[-1] + carried
            current = stripped[:-1]
        if current.strip():
            lines.append(current.rstrip())
        current = carried + ("" if piece.isspace() else piece)
    if current.strip():
        lines.append(current.rstrip())
    return lines
