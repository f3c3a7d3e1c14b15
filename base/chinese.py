"""Han characters, written once: the ranges every Chinese-aware part of the site uses."""

from __future__ import annotations

import re

# CJK Unified Ideographs, Extension A and the Compatibility Ideographs.
HAN = r"\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff"
HAN_CHARACTER = re.compile(f"[{HAN}]")


def has_han(text: str) -> bool:
    return bool(HAN_CHARACTER.search(text))
