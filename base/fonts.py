"""The fonts the PDF and the share images draw with, from Debian's packages (bin/system-deps)."""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path

FONT_DIRS = (Path("/usr/share/fonts/opentype/noto"), Path("/usr/share/fonts/truetype/noto"))
# Index of the Simplified Chinese face inside Noto Sans CJK's collection files.
SC_FACE = 2
FILES = {
    "cjk": ("NotoSansCJK-Regular.ttc", "fonts-noto-cjk"),
    "cjk-bold": ("NotoSansCJK-Bold.ttc", "fonts-noto-cjk"),
    "latin": ("NotoSans-Regular.ttf", "fonts-noto-core"),
    "latin-bold": ("NotoSans-Bold.ttf", "fonts-noto-core"),
}


class FontMissing(RuntimeError):
    pass


@lru_cache(maxsize=8)
def font_path(kind: str) -> Path:
    """The file of a font kind ("cjk", "cjk-bold", "latin", "latin-bold")."""
    name, package = FILES[kind]
    for folder in FONT_DIRS:
        path = folder / name
        if path.exists():
            return path
    raise FontMissing(f"{name} is not installed: run bin/system-deps run (Debian's {package})")
