"""Share image: time to render the first image (fonts loaded cold), a fresh render, and a cached one."""

from __future__ import annotations

import os
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")

import django

django.setup()

from django.core.cache import cache  # noqa: E402

from assessment import registry  # noqa: E402
from sharing.images import Card, render_card  # noqa: E402


def main() -> None:
    instrument = registry.current_instrument()
    patterns = list(instrument.patterns.values())
    cards = [
        Card("关系沟通百科", "我的沟通模式", p.name["zh-hans"], p.summary["zh-hans"], "来做测试：大约 8 分钟，无需账号")
        for p in patterns
    ] + [
        Card(
            "Relationship Communication Wiki",
            "My communication pattern",
            p.name["en"],
            p.summary["en"],
            "Take the test",
        )
        for p in patterns
    ]
    started = time.perf_counter()
    first = render_card(cards[0])
    cold = time.perf_counter() - started
    started = time.perf_counter()
    for card in cards:
        render_card(card)
    warm = (time.perf_counter() - started) / len(cards)
    cache.set("bench-card", first)
    started = time.perf_counter()
    for _ in range(1000):
        cache.get("bench-card")
    cached = (time.perf_counter() - started) / 1000
    print("\nshare image (1200x630 PNG)")
    print(f"  first render, fonts cold: {cold * 1000:.0f} ms")
    print(f"  render, fonts warm:       {warm * 1000:.0f} ms (mean of {len(cards)} patterns x languages)")
    print(f"  served from the cache:    {cached * 1000:.3f} ms ({len(first) // 1024} KB)")


if __name__ == "__main__":
    main()
