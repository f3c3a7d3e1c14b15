"""The bundled articles are written fresh: no run of eight words from the seed page survives."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from django.conf import settings

from wiki.content.markdown import plain_text
from wiki.content.repository import SiteContent

SEED = Path(settings.BASE_DIR).parent / "shared" / "seed" / "seed-page.txt"
RUN = 8


def shingles(text: str) -> set[tuple[str, ...]]:
    words = re.findall(r"[a-z0-9']+", text.casefold().replace("’", "'"))
    return {tuple(words[i : i + RUN]) for i in range(len(words) - RUN + 1)}


@pytest.mark.skipif(not SEED.exists(), reason="the seed page lives in ../shared/seed, beside the checkout")
def test_no_eight_word_run_of_the_seed_appears_in_any_article(bundled_site: SiteContent) -> None:
    seed = shingles(SEED.read_text("utf-8"))
    for slug, documents in bundled_site.articles.items():
        doc = documents["en"]
        text = " ".join(
            [doc.body.plain_text, doc.summary, *(p.text for p in doc.phrases)]
            + [f"{f.question} {plain_text(f.answer)}" for f in doc.faq]
        )
        copied = seed & shingles(text)
        assert not copied, (slug, [" ".join(run) for run in sorted(copied)[:5]])
