"""The fault run through the whole stack, plus a hung Redis: nothing lost, no 5xx, pages still fast.

nginx (deploy/nginx.conf) in front of 2 app servers x 2 gunicorn workers, on PostgreSQL (database
rcw_bench_fault) and a Redis of this benchmark's own (a redis-server on a free port, so the
machine's Redis is never touched). BENCH_CLIENTS (24) clients read articles (some with an unknown
query, which the micro-cache passes to the app), search and finish tests for BENCH_SECONDS (30),
while, in turn:
  - a gunicorn worker is killed (SIGKILL);
  - Redis is stopped, then started again;
  - Redis hangs: SIGSTOP, so it still accepts connections (the kernel does) and never answers,
    then SIGCONT.
Targets: 0 5xx or dropped connections, 0 lost submissions (every acknowledged one stored),
p99 of pages (articles and searches) under 1 s while Redis hangs.

    .venv/bin/python bench/fault_bench.py
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
from bench.common import MASTERS, free_port, gunicorn, nginx, percentile, wait_for_port
from bench.submit_bench import CSRF, prepared_drafts

SECONDS = int(os.environ.get("BENCH_SECONDS", "30"))
CLIENTS = int(os.environ.get("BENCH_CLIENTS", "24"))
# Each client pauses 0 to 2 x BENCH_PAUSE seconds between requests (0: as fast as answered).
PAUSE = float(os.environ.get("BENCH_PAUSE", "0.2"))
DATABASE = "rcw_bench_fault"
ARTICLES = ["sexual-safety-after-no", "pursue-withdraw-cycle", "repair-and-apology", "flooding-and-breaks"]
SEARCHES = [("en", "stonewalling"), ("zh-hans", "拒绝"), ("en", "apology"), ("zh-hans", "冷战"), ("en", "pause word")]
KINDS = ("article", "article?utm", "search", "submit")
PAGES = ("article", "article?utm", "search")


class Redis:
    """A redis-server of this benchmark's own, to stop, start, hang and wake."""

    def __init__(self) -> None:
        self.port = free_port()
        self.process: subprocess.Popen[bytes] | None = None

    @property
    def url(self) -> str:
        return f"redis://127.0.0.1:{self.port}/0"

    def start(self) -> None:
        self.process = subprocess.Popen(
            ["redis-server", "--port", str(self.port), "--bind", "127.0.0.1", "--save", "", "--appendonly", "no",
             "--loglevel", "warning"],
            stdout=subprocess.DEVNULL,
        )  # fmt: skip
        wait_for_port(self.port)

    def stop(self) -> None:
        if self.process is not None:
            self.process.send_signal(signal.SIGCONT)
            self.process.terminate()
            self.process.wait(timeout=10)
            self.process = None

    def hang(self) -> None:
        assert self.process is not None
        self.process.send_signal(signal.SIGSTOP)

    def wake(self) -> None:
        assert self.process is not None
        self.process.send_signal(signal.SIGCONT)


def warm_up(base: str) -> None:
    """Every worker has loaded what it loads once (search vocabulary, instrument) and cached pages."""
    import urllib.request

    paths = [f"/{language}/articles/{slug}/" for language in ("en", "zh-hans") for slug in ARTICLES]
    paths += [f"{path}?utm_source=warm-up" for path in paths]
    paths += [f"/{language}/search/?q={quote(query)}" for language, query in SEARCHES]
    for _ in range(6):
        for path in paths:
            urllib.request.urlopen(base + path, timeout=60).read()


def fresh_database() -> str:
    import psycopg

    with psycopg.connect("postgresql://postgres@127.0.0.1:5432/postgres", autocommit=True) as conn:
        conn.execute(f"DROP DATABASE IF EXISTS {DATABASE} WITH (FORCE)")
        conn.execute(f"CREATE DATABASE {DATABASE}")
    return f"postgres://postgres@127.0.0.1:5432/{DATABASE}"


def main() -> int:
    url = fresh_database()
    redis = Redis()
    redis.start()
    os.environ.update(DATABASE_URL=url, REDIS_URL=redis.url, TESTING="")
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")
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
    env = {
        "DATABASE_URL": url,
        "REDIS_URL": redis.url,
        "TESTING": "",
        "TRUST_X_FORWARDED_FOR": "1",
        "RATE_LIMIT_SUBMIT": "1000000/60",
        "RATE_LIMIT_SEARCH": "1000000/60",
    }

    lock = threading.Lock()
    # (start time since the beginning, kind, status, seconds) of every request
    records: list[tuple[float, str, int, float]] = []
    acknowledged: list[str] = []
    events: dict[str, float] = {}

    with ExitStack() as stack:
        stack.callback(redis.stop)
        apps = [stack.enter_context(gunicorn(2, env)) for _ in range(2)]
        front = stack.enter_context(nginx(apps))
        host, port = "127.0.0.1", front.port
        warm_up(front.base)
        begin = time.perf_counter()
        stop = begin + SECONDS

        def client(seed: int) -> None:
            rng = random.Random(seed)
            while time.perf_counter() < stop:
                roll = rng.random()
                kind = KINDS[sum(roll >= edge for edge in (0.45, 0.6, 0.85))]
                method, payload, headers, token = "GET", None, {}, ""
                if kind.startswith("article"):
                    path = f"/{rng.choice(['en', 'zh-hans'])}/articles/{rng.choice(ARTICLES)}/"
                    if kind == "article?utm":
                        path += f"?utm_source={rng.randrange(10**6)}"  # not cacheable: reaches the app
                elif kind == "search":
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
                    connection = http.client.HTTPConnection(host, port, timeout=60)
                    connection.request(method, path, body=payload, headers=headers)
                    response = connection.getresponse()
                    response.read()
                    status, location = response.status, response.getheader("Location") or ""
                    connection.close()
                except OSError:
                    status, location = 599, ""  # the connection dropped
                elapsed = time.perf_counter() - started
                with lock:
                    records.append((started - begin, kind, status, elapsed))
                    if kind == "submit" and status == 302 and "/report/" in location:
                        acknowledged.append(token)
                time.sleep(rng.uniform(0, 2 * PAUSE))  # a reader reads before the next click

        threads = [threading.Thread(target=client, args=(n,)) for n in range(CLIENTS)]
        for thread in threads:
            thread.start()

        def at(fraction: float) -> None:
            time.sleep(max(0.0, begin + SECONDS * fraction - time.perf_counter()))

        at(0.15)
        master = MASTERS[apps[0]]
        victim = int(subprocess.run(["pgrep", "-P", str(master)], capture_output=True, text=True).stdout.split()[0])
        os.kill(victim, signal.SIGKILL)
        events["worker killed"] = time.perf_counter() - begin
        at(0.3)
        redis.stop()
        events["Redis stopped"] = time.perf_counter() - begin
        at(0.4)
        redis.start()
        events["Redis started"] = time.perf_counter() - begin
        at(0.55)
        redis.hang()
        events["Redis hangs"] = time.perf_counter() - begin
        at(0.85)
        redis.wake()
        events["Redis answers"] = time.perf_counter() - begin
        for thread in threads:
            thread.join()
        duration = time.perf_counter() - begin

    stored = Result.objects.count()
    hang = (events["Redis hangs"], events["Redis answers"])
    phases = {
        "before the faults": (0.0, events["worker killed"]),
        "worker killed": (events["worker killed"], events["Redis stopped"]),
        "Redis stopped": (events["Redis stopped"], events["Redis started"]),
        "Redis restarted": (events["Redis started"], hang[0]),
        "Redis hangs": hang,
        "after": (hang[1], duration),
    }
    print(
        f"\nfaults through the stack: nginx, 2 app servers x 2 workers, PostgreSQL, Redis; {CLIENTS} clients "
        f"pausing {PAUSE:.2f} s on average; {len(records) / duration:.0f} requests/s"
    )
    print("  " + "; ".join(f"{name} at {t:.1f} s" for name, t in events.items()) + f"; end at {duration:.1f} s")
    print(f"  {'phase':18} {'kind':12} {'requests':>8} {'p50 ms':>8} {'p99 ms':>8} {'max ms':>8}  statuses")
    for phase, (start, end) in phases.items():
        for kind in KINDS:
            rows = [r for r in records if start <= r[0] < end and r[1] == kind]
            if not rows:
                continue
            times = [r[3] for r in rows]
            codes: dict[int, int] = defaultdict(int)
            for r in rows:
                codes[r[2]] += 1
            print(
                f"  {phase:18} {kind:12} {len(rows):8d} {percentile(times, 0.5) * 1000:8.1f} "
                f"{percentile(times, 0.99) * 1000:8.1f} {max(times) * 1000:8.1f}  {dict(sorted(codes.items()))}"
            )
    errors = sum(1 for r in records if r[2] >= 500)
    lost = len(acknowledged) - stored
    hung_pages = [r[3] for r in records if hang[0] <= r[0] < hang[1] and r[1] in PAGES]
    hung_p99 = percentile(hung_pages, 0.99) * 1000
    print(f"\n  5xx or dropped: {errors} (target 0)")
    print(f"  submissions acknowledged {len(acknowledged)}, stored {stored}, lost {lost} (target 0)")
    print(f"  pages while Redis hangs: {len(hung_pages)} requests, p99 {hung_p99:.0f} ms (target < 1000 ms)")
    ok = errors == 0 and lost == 0 and hung_p99 < 1000
    print("targets met" if ok else "TARGETS MISSED")
    return 0


if __name__ == "__main__":
    sys.exit(main())
