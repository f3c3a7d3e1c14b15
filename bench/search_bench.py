"""Search at scale: a synthetic corpus of 10,000 articles in both languages.

Sentences of the bundled articles are recombined at random into 10,000 articles per language
(an article card and six sections each), indexed through the same code as real content, then a
mixed set of English and Chinese queries is timed through the same function the search page
calls. Prints index build time and query latency p50 and p95. Target: p95 < 30 ms.

    .venv/bin/python bench/search_bench.py sqlite
    .venv/bin/python bench/search_bench.py postgres
"""

from __future__ import annotations

import os
import random
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
from bench.common import ROOT, percentile

ARTICLES = int(os.environ.get("BENCH_ARTICLES", "10000"))
SECTIONS = 6
SENTENCES_PER_SECTION = 5
QUERIES = {
    "en": ["stonewalling", "apologize", "apologizing", "pause word", "flooding", "stonewaling", "validaton",
           "mismatched desire", "how to say no to sex", "partner", "repair attempt after a fight", "EFT",
           "coercive control", "secure base", "listening", "time out", "bids for connection", "shame"],
    "zh-hans": ["拒绝", "拒絕", "安全", "冷战", "他不想要", "道歉", "依恋", "EFT 依恋", "暂停", "情绪淹没", "伴侣",
                "边界", "羞耻", "家暴", "非暴力沟通", "倾听", "追逃模式", "爱"],
}  # fmt: skip


def database_url(kind: str) -> str:
    if kind == "postgres":
        import psycopg

        with psycopg.connect("postgresql://postgres@127.0.0.1:5432/postgres", autocommit=True) as conn:
            if not conn.execute("SELECT 1 FROM pg_database WHERE datname = 'rcw_bench'").fetchone():
                conn.execute("CREATE DATABASE rcw_bench")
        return "postgres://postgres@127.0.0.1:5432/rcw_bench"
    for suffix in ("", "-wal", "-shm"):
        Path(ROOT / f"var/search-bench.sqlite3{suffix}").unlink(missing_ok=True)
    return f"sqlite:///{ROOT / 'var/search-bench.sqlite3'}"


def main() -> None:
    kind = sys.argv[1] if len(sys.argv) > 1 else "sqlite"
    os.environ["DATABASE_URL"] = database_url(kind)
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")
    import django

    django.setup()
    from django.conf import settings
    from django.core.management import call_command
    from django.db import connection

    from core.cache import forget_local_version
    from search.models import SearchDocument
    from search.selectors import search
    from search.services import index_documents
    from search.tokenizer import index_terms
    from website.content_check import check_all
    from wiki.content import text as text_stats

    call_command("migrate", verbosity=0)
    site = check_all(Path(settings.CONTENT_DIR))[0].site
    random.seed(7)
    pools: dict[str, list[tuple[str, str]]] = {}
    headings: dict[str, list[tuple[str, str]]] = {}
    for language in ("en", "zh-hans"):
        sentences = [
            sentence
            for docs in site.articles.values()
            for sentence in text_stats.sentences(docs[language].body.plain_text, language)
            if len(sentence) > 20
        ]
        pools[language] = [(sentence, index_terms(sentence)) for sentence in sentences]
        # Headings are short, as real ones are: the first few words or characters of a sentence.
        headings[language] = [
            (short, index_terms(short))
            for short in (" ".join(s.split()[:5]) if language == "en" else s[:8] for s, _ in pools[language])
        ]

    documents = []
    for number in range(ARTICLES):
        for language, pool in pools.items():
            title, title_terms = random.choice(headings[language])
            slug = f"synthetic-{number}"
            url = f"/{language}/articles/{slug}/"
            summary = random.sample(pool, 2)
            documents.append(SearchDocument(language=language, kind="article", article_slug=slug, url=url,
                title=title[:300], text=" ".join(s for s, _ in summary), title_terms=title_terms,
                body_terms=" ".join(t for _, t in summary)))  # fmt: skip
            for section in range(SECTIONS):
                heading, heading_terms = random.choice(headings[language])
                body = random.sample(pool, SENTENCES_PER_SECTION)
                documents.append(SearchDocument(language=language, kind="section", article_slug=slug,
                    url=f"{url}#s{section}", title=heading[:300], text=" ".join(s for s, _ in body),
                    title_terms=heading_terms, body_terms=" ".join(t for _, t in body)))  # fmt: skip

    started = time.perf_counter()
    index_documents(documents)
    build = time.perf_counter() - started
    if connection.vendor == "postgresql":
        # A rebuild leaves the old rows dead until autovacuum runs; do now what it would do soon.
        with connection.cursor() as cursor:
            cursor.execute("VACUUM ANALYZE search_searchdocument")
    forget_local_version()
    count = SearchDocument.objects.count()

    timings: dict[str, list[float]] = {"en": [], "zh-hans": []}
    slowest: dict[str, float] = {}
    for language, queries in QUERIES.items():
        for query in queries:  # warm-up: vocabulary and statistics caches
            search(query, language)
        for _ in range(5):
            for query in queries:
                started = time.perf_counter()
                search(query, language)
                timings[language].append(time.perf_counter() - started)
                slowest[query] = max(slowest.get(query, 0.0), timings[language][-1])
    everything = timings["en"] + timings["zh-hans"]
    print(f"\nsearch on {kind}: {ARTICLES} articles x 2 languages = {count} indexed documents")
    print(f"  index build: {build:.1f} s")
    for label, values in (("English", timings["en"]), ("Chinese", timings["zh-hans"]), ("all", everything)):
        p50, p95 = percentile(values, 0.5) * 1000, percentile(values, 0.95) * 1000
        print(f"  {label:8} queries: p50 {p50:.1f} ms, p95 {p95:.1f} ms ({len(values)} timed)")
    print("  target: p95 < 30 ms")
    worst = sorted(slowest.items(), key=lambda pair: -pair[1])[:3]
    print("  slowest: " + ", ".join(f"{q} {t * 1000:.0f} ms" for q, t in worst))


if __name__ == "__main__":
    main()
