"""Serve the site with gunicorn and load it with wrk from a second process.

Prints requests/s, p50 and p99 for a cached article page and for the bare Django view
(/healthz) in the same set-up, and their ratio. Targets: article >= 70% of the bare view,
p99 < 50 ms at 64 connections.

    make bench                     # defaults
    BENCH_SECONDS=30 make bench    # longer runs
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
import urllib.request
from dataclasses import dataclass
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
from bench.common import gunicorn

SECONDS = int(os.environ.get("BENCH_SECONDS", "10"))
CONNECTIONS = int(os.environ.get("BENCH_CONNECTIONS", "64"))
WORKERS = int(os.environ.get("BENCH_WORKERS", "2"))
ARTICLE = os.environ.get("BENCH_ARTICLE", "/en/articles/sexual-safety-after-no/")


@dataclass
class Figures:
    name: str
    requests_per_second: float
    p50_ms: float
    p99_ms: float
    errors: int


def to_ms(value: str) -> float:
    number, unit = re.fullmatch(r"([\d.]+)(us|ms|s)", value).groups()  # type: ignore[union-attr]
    return float(number) * {"us": 0.001, "ms": 1.0, "s": 1000.0}[unit]


def run_wrk(name: str, url: str) -> Figures:
    output = subprocess.run(
        ["wrk", "-t2", f"-c{CONNECTIONS}", f"-d{SECONDS}s", "--latency", url],
        check=True,
        capture_output=True,
        text=True,
    ).stdout
    rps = float(re.search(r"Requests/sec:\s+([\d.]+)", output).group(1))  # type: ignore[union-attr]
    p50 = to_ms(re.search(r"50%\s+([\d.]+\w+)", output).group(1))  # type: ignore[union-attr]
    p99 = to_ms(re.search(r"99%\s+([\d.]+\w+)", output).group(1))  # type: ignore[union-attr]
    errors_match = re.search(r"Non-2xx or 3xx responses: (\d+)", output)
    socket_errors = re.search(r"Socket errors: connect (\d+), read (\d+), write (\d+), timeout (\d+)", output)
    errors = int(errors_match.group(1)) if errors_match else 0
    if socket_errors:
        errors += sum(int(n) for n in socket_errors.groups())
    return Figures(name, rps, p50, p99, errors)


def main() -> int:
    if not shutil.which("wrk"):
        raise SystemExit("wrk is not installed: run bin/system-deps bench")
    with gunicorn(WORKERS) as base:
        for _ in range(WORKERS * 4):  # fill every worker's page cache before measuring
            urllib.request.urlopen(base + ARTICLE, timeout=5).read()
        bare = run_wrk("bare Django view (/healthz)", f"{base}/healthz")
        article = run_wrk(f"cached article ({ARTICLE})", base + ARTICLE)

    print(f"\ngunicorn {WORKERS} sync workers, wrk 2 threads, {CONNECTIONS} connections, {SECONDS}s each\n")
    print(f"{'page':56} {'req/s':>9} {'p50 ms':>8} {'p99 ms':>8} {'errors':>7}")
    for figures in (bare, article):
        print(
            f"{figures.name:56} {figures.requests_per_second:9.0f} {figures.p50_ms:8.2f} "
            f"{figures.p99_ms:8.2f} {figures.errors:7d}"
        )
    ratio = article.requests_per_second / bare.requests_per_second
    print(f"\narticle / bare view throughput: {ratio:.0%} (target >= 70%)")
    print(f"article p99: {article.p99_ms:.1f} ms (target < 50 ms)")
    ok = ratio >= 0.70 and article.p99_ms < 50 and article.errors == 0
    # Figures are for reading, not a gate: shared machines are noisy.
    print("targets met" if ok else "TARGETS MISSED")
    return 0


if __name__ == "__main__":
    sys.exit(main())
