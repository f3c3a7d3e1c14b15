"""A mixed load on the whole site, with faults, on SQLite (one server) or PostgreSQL (two servers).

For BENCH_SECONDS (default 60) a pool of clients reads articles, searches and completes tests
(draft prepared in the database, last page posted, as in submit_bench). Midway a gunicorn
worker is killed with SIGKILL; with Redis, Redis is stopped and started again. Afterwards every
acknowledged submission must be in the database.

    .venv/bin/python bench/load_bench.py sqlite
    .venv/bin/python bench/load_bench.py postgres
"""

from __future__ import annotations

import http.client
import os
import random
import signal
import subprocess
import sys
import threading
import time
from collections import defaultdict
from contextlib import ExitStack
from pathlib import Path
from urllib.parse import quote, urlencode

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
from bench.common import gunicorn, percentile
from bench.submit_bench import CSRF, database_url, prepared_drafts

SECONDS = int(os.environ.get("BENCH_SECONDS", "60"))
CLIENTS = int(os.environ.get("BENCH_CLIENTS", "24"))
REDIS = "redis://127.0.0.1:6379/14"
ARTICLES = ["sexual-safety-after-no", "pursue-withdraw-cycle", "repair-and-apology", "flooding-and-breaks"]
SEARCHES = [("en", "stonewalling"), ("zh-hans", "拒绝"), ("en", "apology"), ("zh-hans", "冷战"), ("en", "pause word")]
REDIS_START = (
    'redis-server --daemonize yes --bind 127.0.0.1 -::1 --port 6379 --save "" --appendonly no '
    "--dir /var/lib/redis --logfile /var/log/redis/ci.log"
)


def worker_pids(master: int) -> list[int]:
    output = subprocess.run(["pgrep", "-P", str(master)], capture_output=True, text=True).stdout
    return [int(pid) for pid in output.split()]


def main() -> int:
    kind = sys.argv[1] if len(sys.argv) > 1 else "sqlite"
    url = database_url(kind)
    os.environ["DATABASE_URL"] = url
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")
    if kind == "postgres":
        os.environ["REDIS_URL"] = REDIS
    import django

    django.setup()
    from django.core.management import call_command

    from assessment import registry
    from assessment.models import Result

    call_command("migrate", verbosity=0)
    call_command("content", "load", verbosity=0)
    instrument = registry.current_instrument()
    draft_tokens = prepared_drafts(20000)
    body = urlencode(
        [*((i.id, "1") for i in instrument.safety_items), ("nav", "finish"), ("csrfmiddlewaretoken", CSRF)]
    )

    env = {"DATABASE_URL": url, "RATE_LIMIT_SUBMIT": "1000000/60", "RATE_LIMIT_SEARCH": "1000000/60"}
    if kind == "postgres":
        env["REDIS_URL"] = REDIS
    servers = 2 if kind == "postgres" else 1
    lock = threading.Lock()
    latencies: dict[str, list[float]] = defaultdict(list)
    statuses: dict[str, dict[int, int]] = defaultdict(lambda: defaultdict(int))
    acknowledged: list[str] = []
    stop = time.monotonic() + SECONDS
    faults: list[str] = []

    with ExitStack() as stack:
        bases = [stack.enter_context(gunicorn(2, env)) for _ in range(servers)]
        masters = [
            int(p)
            for p in subprocess.run(
                ["pgrep", "-f", "gunicorn config.wsgi"], capture_output=True, text=True
            ).stdout.split()
        ]

        def client(seed: int) -> None:
            rng = random.Random(seed)
            while time.monotonic() < stop:
                base = rng.choice(bases)
                host, port = base.removeprefix("http://").split(":")
                roll = rng.random()
                kind_ = "article" if roll < 0.6 else "search" if roll < 0.85 else "submit"
                headers: dict[str, str] = {}
                method, path, payload, token = "GET", "", None, ""
                if kind_ == "article":
                    path = f"/{rng.choice(['en', 'zh-hans'])}/articles/{rng.choice(ARTICLES)}/"
                elif kind_ == "search":
                    language, query = rng.choice(SEARCHES)
                    path = f"/{language}/search/?q={quote(query)}"
                else:
                    with lock:
                        if not draft_tokens:
                            continue
                        token = draft_tokens.pop()
                    method, path, payload = "POST", "/en/test/safety/", body
                    headers = {
                        "Content-Type": "application/x-www-form-urlencoded",
                        "Cookie": f"csrftoken={CSRF}; rcw_draft={token}",
                    }
                started = time.perf_counter()
                try:
                    connection = http.client.HTTPConnection(host, int(port), timeout=30)
                    connection.request(method, path, body=payload, headers=headers)
                    response = connection.getresponse()
                    response.read()
                    status = response.status
                    location = response.getheader("Location") or ""
                    connection.close()
                except OSError:
                    status, location = 599, ""  # connection dropped (e.g. the killed worker)
                elapsed = time.perf_counter() - started
                with lock:
                    latencies[kind_].append(elapsed)
                    statuses[kind_][status] += 1
                    if kind_ == "submit" and status == 302 and "/report/" in location:
                        acknowledged.append(token)

        threads = [threading.Thread(target=client, args=(n,)) for n in range(CLIENTS)]
        started = time.perf_counter()
        for thread in threads:
            thread.start()
        time.sleep(SECONDS / 3)
        victims = [pid for master in masters for pid in worker_pids(master)]
        if victims:
            os.kill(victims[0], signal.SIGKILL)
            faults.append(f"SIGKILL worker {victims[0]} at {time.perf_counter() - started:.0f}s")
        if kind == "postgres":
            time.sleep(SECONDS / 6)
            subprocess.run(["redis-cli", "-h", "127.0.0.1", "shutdown", "nosave"], capture_output=True)
            faults.append(f"Redis stopped at {time.perf_counter() - started:.0f}s")
            time.sleep(5)
            subprocess.run(REDIS_START, shell=True, check=False)
            faults.append(f"Redis started at {time.perf_counter() - started:.0f}s")
        for thread in threads:
            thread.join()
        duration = time.perf_counter() - started

    stored = Result.objects.count()
    print(f"\nload on {kind}: {servers} server(s) x 2 workers, {CLIENTS} clients, {duration:.0f} s")
    print("  faults: " + ("; ".join(faults) or "none"))
    print(f"  {'kind':8} {'req/s':>7} {'p50 ms':>8} {'p99 ms':>8}  statuses")
    for name in ("article", "search", "submit"):
        values = latencies[name]
        codes = dict(sorted(statuses[name].items()))
        p50, p99 = percentile(values, 0.5) * 1000, percentile(values, 0.99) * 1000
        print(f"  {name:8} {len(values) / duration:7.0f} {p50:8.1f} {p99:8.1f}  {codes}")
    errors = sum(n for codes in statuses.values() for code, n in codes.items() if code >= 500)
    lost = len(acknowledged) - stored
    print(f"  5xx or dropped: {errors}; submissions acknowledged {len(acknowledged)}, stored {stored}, lost {lost}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
