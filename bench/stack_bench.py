"""The longest article through the whole stack, against nginx serving the same bytes from a file
and against the app server alone: wrk, 2 threads, 64 connections, BENCH_SECONDS (10) each.

The stack is nginx with deploy/nginx.conf (micro-cache on) in front of 2 app servers of 2 gunicorn
sync workers each, as `make serve-stack` runs it. The file is the article's HTML as the app sent
it, served by the same nginx on another port. The app server alone is one of those app servers,
answering from its own page cache. Targets: the stack at >= 40% of nginx's file rate, with a p99
under 10 ms. A last row shows the stack when the client accepts gzip, as browsers do (the
micro-cache holds a compressed copy per encoding). wrk shares the machine's CPUs with the rest.

    .venv/bin/python bench/stack_bench.py
"""

from __future__ import annotations

import os
import re
import sys
import tempfile
import time
import urllib.request
from contextlib import ExitStack
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
from bench.common import WRK_HEADER, free_port, gunicorn, nginx, run_wrk, site_database

SECONDS = int(os.environ.get("BENCH_SECONDS", "10"))
CONNECTIONS = int(os.environ.get("BENCH_CONNECTIONS", "64"))
APP_SERVERS, WORKERS = 2, 2


def get(url: str) -> bytes:
    with urllib.request.urlopen(url, timeout=10) as response:
        return response.read()


def longest_article(base: str) -> tuple[str, bytes]:
    index = get(f"{base}/en/articles/").decode()
    paths = sorted(set(re.findall(r'href="(/en/articles/[a-z0-9-]+/)"', index)))
    pages = {path: get(base + path) for path in paths}
    path = max(pages, key=lambda p: len(pages[p]))
    return path, pages[path]


def main() -> int:
    env = site_database("stack")
    files = Path(tempfile.mkdtemp(prefix="rcw-bench-file-"))
    files.chmod(0o755)  # nginx's workers may run as another user
    with ExitStack() as stack:
        apps = [stack.enter_context(gunicorn(WORKERS, env)) for _ in range(APP_SERVERS)]
        path, html = longest_article(apps[0])
        (files / "article.html").write_bytes(html)
        (files / "article.html").chmod(0o644)
        file_port = free_port()
        file_server = (
            f"server {{\n    listen 127.0.0.1:{file_port};\n    location = /article.html {{ root {files}; }}\n}}\n"
        )
        front = stack.enter_context(nginx(apps, http_extra=file_server))
        file_url = f"http://127.0.0.1:{file_port}/article.html"
        assert get(file_url) == html and get(front.base + path) == html, "not the same bytes"
        for app in apps:  # fill every worker's page cache
            for _ in range(WORKERS * 4):
                get(app + path)
        for encoding in ("identity", "gzip"):  # and the micro-cache's copy for each encoding
            request = urllib.request.Request(front.base + path, headers={"Accept-Encoding": encoding})
            urllib.request.urlopen(request, timeout=10).read()
        time.sleep(1)
        rows = [
            run_wrk("nginx, the same bytes from a file", file_url, CONNECTIONS, SECONDS),
            run_wrk(f"stack: nginx + micro-cache + {APP_SERVERS} app servers", front.base + path, CONNECTIONS, SECONDS),
            run_wrk(f"app server alone ({WORKERS} workers)", apps[0] + path, CONNECTIONS, SECONDS),
            run_wrk("stack, client accepts gzip", front.base + path, CONNECTIONS, SECONDS, {"Accept-Encoding": "gzip"}),
        ]
    for leftover in files.iterdir():
        leftover.unlink()
    files.rmdir()

    file, through, alone, gzipped = rows
    print(f"\n{path} ({len(html):,} bytes); wrk 2 threads, {CONNECTIONS} connections, {SECONDS} s each")
    print(f"nginx micro-cache, {APP_SERVERS} app servers x {WORKERS} sync workers; {os.cpu_count()} CPUs for all\n")
    print(WRK_HEADER)
    for row in rows:
        print(row.row())
    share = through.requests_per_second / file.requests_per_second
    print(f"\nstack / nginx file: {share:.0%} (target >= 40%)")
    print(f"stack p99: {through.p99_ms:.2f} ms (target < 10 ms)")
    print(f"app server alone / nginx file: {alone.requests_per_second / file.requests_per_second:.1%}")
    print(f"stack with gzip / nginx file: {gzipped.requests_per_second / file.requests_per_second:.0%}")
    ok = share >= 0.40 and through.p99_ms < 10 and through.errors == 0
    print("targets met" if ok else "TARGETS MISSED")
    return 0


if __name__ == "__main__":
    sys.exit(main())
