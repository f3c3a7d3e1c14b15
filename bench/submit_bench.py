"""Test submissions per second (score and store) at 32 concurrent clients, and nothing lost.

Drafts holding 42 answers are prepared first, as readers' earlier pages would have saved them;
then 32 clients post the last page (the safety check) at once, which scores the answers and
stores the result. Afterwards every accepted submission must be found in the database.

    .venv/bin/python bench/submit_bench.py sqlite      # var/bench.sqlite3
    .venv/bin/python bench/submit_bench.py postgres    # database rcw_bench on 127.0.0.1
"""

from __future__ import annotations

import http.client
import os
import sys
import threading
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
from bench.common import ROOT, gunicorn, percentile

CLIENTS = int(os.environ.get("BENCH_CLIENTS", "32"))
SUBMISSIONS = int(os.environ.get("BENCH_SUBMISSIONS", "3000"))
WORKERS = int(os.environ.get("BENCH_WORKERS", "2"))
CSRF = "b" * 32


def database_url(kind: str) -> str:
    if kind == "postgres":
        import psycopg

        with psycopg.connect("postgresql://postgres@127.0.0.1:5432/postgres", autocommit=True) as conn:
            exists = conn.execute("SELECT 1 FROM pg_database WHERE datname = 'rcw_bench'").fetchone()
            if not exists:
                conn.execute("CREATE DATABASE rcw_bench")
        return "postgres://postgres@127.0.0.1:5432/rcw_bench"
    for suffix in ("", "-wal", "-shm"):
        Path(ROOT / f"var/bench.sqlite3{suffix}").unlink(missing_ok=True)
    return f"sqlite:///{ROOT / 'var/bench.sqlite3'}"


def prepared_drafts(count: int) -> list[str]:
    """Empty the tables, then store `count` drafts holding every answer; returns their tokens."""
    from assessment import registry, tokens
    from assessment.models import Draft, Result

    Result.objects.all().delete()
    Draft.objects.all().delete()
    instrument = registry.current_instrument()
    answers = {item.id: (index % 5) + 1 for index, item in enumerate(instrument.items)}
    drafts = [
        Draft(
            token=tokens.new_draft_token(),
            instrument=instrument.id,
            version=instrument.version,
            language="en",
            answers=answers,
        )
        for _ in range(count)
    ]
    Draft.objects.bulk_create(drafts, batch_size=1000)
    return [draft.token for draft in drafts]


def prepare(url: str) -> tuple[list[str], list[tuple[str, str]]]:
    os.environ["DATABASE_URL"] = url
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")
    import django

    django.setup()
    from django.core.management import call_command

    call_command("migrate", verbosity=0)
    from assessment import registry

    instrument = registry.current_instrument()
    drafts = prepared_drafts(SUBMISSIONS)
    safety = [(item.id, "1") for item in instrument.safety_items]
    return drafts, safety


def main() -> int:
    kind = sys.argv[1] if len(sys.argv) > 1 else "sqlite"
    url = database_url(kind)
    draft_tokens, safety = prepare(url)
    from urllib.parse import urlencode

    body = urlencode([*safety, ("nav", "finish"), ("csrfmiddlewaretoken", CSRF)])
    lock = threading.Lock()
    accepted: list[str] = []
    latencies: list[float] = []
    failures: dict[int, int] = {}

    def client(host: str, port: int) -> None:
        while True:
            with lock:
                if not draft_tokens:
                    return
                token = draft_tokens.pop()
            started = time.perf_counter()
            connection = http.client.HTTPConnection(host, port, timeout=30)
            connection.request(
                "POST",
                "/en/test/safety/",
                body=body,
                headers={
                    "Content-Type": "application/x-www-form-urlencoded",
                    "Cookie": f"csrftoken={CSRF}; rcw_draft={token}",
                },
            )
            response = connection.getresponse()
            response.read()
            connection.close()
            elapsed = time.perf_counter() - started
            with lock:
                latencies.append(elapsed)
                if response.status == 302 and "/report/" in (response.getheader("Location") or ""):
                    accepted.append(token)
                else:
                    failures[response.status] = failures.get(response.status, 0) + 1

    # One client address sends every submission here, so the per-client limit is lifted.
    with gunicorn(WORKERS, {"DATABASE_URL": url, "RATE_LIMIT_SUBMIT": "1000000/60"}) as base:
        host, port = base.removeprefix("http://").split(":")
        threads = [threading.Thread(target=client, args=(host, int(port))) for _ in range(CLIENTS)]
        started = time.perf_counter()
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join()
        duration = time.perf_counter() - started

    from assessment.models import Draft, Result

    stored = Result.objects.count()
    left = Draft.objects.count()
    rate = len(accepted) / duration
    print(f"\n{kind}: {CLIENTS} clients, gunicorn {WORKERS} workers, {SUBMISSIONS} submissions")
    print(f"  accepted {len(accepted)} in {duration:.1f}s = {rate:.0f} submissions/s (target >= 300 on SQLite)")
    print(f"  latency p50 {percentile(latencies, 0.5) * 1000:.1f} ms, p99 {percentile(latencies, 0.99) * 1000:.1f} ms")
    print(f"  refused: {failures or 'none'}")
    print(f"  results stored {stored}, accepted {len(accepted)}, lost {len(accepted) - stored}; drafts left {left}")
    return 0 if stored == len(accepted) else 1


if __name__ == "__main__":
    sys.exit(main())
