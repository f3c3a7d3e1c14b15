"""Share images: time to draw the first one (fonts loaded cold), a fresh one of each size, and a cached one."""

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
from sharing.images import FORMATS, PREVIEW, CardText, render  # noqa: E402

KICKER = {"en": "My communication pattern", "zh-hans": "我的沟通模式"}
SITE = {"en": "Relationship Communication Wiki", "zh-hans": "关系沟通百科"}


def cards() -> list[CardText]:
    instrument = registry.current_instrument()
    count = len(instrument.items)
    call = {
        "en": f"Take the test: {count} questions, about 8 minutes",
        "zh-hans": f"来做测试：{count} 道题，大约 8 分钟",
    }
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
            call=call[language],
        )
        for language in ("zh-hans", "en")
        for pattern in instrument.patterns.values()
    ]


def main() -> None:
    texts = cards()
    started = time.perf_counter()
    first = render(texts[0], PREVIEW)
    cold = time.perf_counter() - started
    print("\nshare images (PNG)")
    print(f"  first render, fonts cold:  {cold * 1000:.0f} ms")
    for fmt in FORMATS.values():
        started = time.perf_counter()
        sizes = [len(render(text, fmt)) for text in texts]
        warm = (time.perf_counter() - started) / len(texts)
        print(
            f"  {fmt.name} {fmt.width}x{fmt.height}, fonts warm: {warm * 1000:.0f} ms "
            f"(mean of {len(texts)} patterns x languages, {sum(sizes) // len(sizes) // 1024} KB)"
        )
    cache.set("bench-card", first)
    started = time.perf_counter()
    for _ in range(1000):
        cache.get("bench-card")
    cached = (time.perf_counter() - started) / 1000
    print(f"  served from the cache:     {cached * 1000:.3f} ms ({len(first) // 1024} KB)")


if __name__ == "__main__":
    main()
