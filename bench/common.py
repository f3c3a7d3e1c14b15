"""Helpers shared by the benchmarks: free ports, starting gunicorn, waiting for it."""

from __future__ import annotations

import os
import signal
import socket
import subprocess
import time
import urllib.request
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
# Base URL -> process id of each gunicorn master started here, for fault injection.
MASTERS: dict[str, int] = {}


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def wait_until_up(url: str, seconds: float = 30) -> None:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        try:
            with urllib.request.urlopen(url, timeout=1) as response:
                if response.status == 200:
                    return
        except OSError:
            time.sleep(0.2)
    raise SystemExit(f"server did not answer at {url}")


@contextmanager
def gunicorn(workers: int, env: dict[str, str] | None = None) -> Iterator[str]:
    """Serve the site on a free port; yields the base URL."""
    port = free_port()
    environment = {**os.environ, "DEBUG": "0", "LOG_LEVEL": "ERROR", **(env or {})}
    server = subprocess.Popen(
        [str(ROOT / ".venv/bin/gunicorn"), "config.wsgi", "--bind", f"127.0.0.1:{port}",
         "--workers", str(workers), "--log-level", "warning"],
        cwd=ROOT,
        env=environment,
    )  # fmt: skip
    base = f"http://127.0.0.1:{port}"
    MASTERS[base] = server.pid
    try:
        wait_until_up(f"{base}/healthz")
        yield base
    finally:
        MASTERS.pop(base, None)
        server.send_signal(signal.SIGTERM)
        server.wait(timeout=30)


def percentile(values: list[float], fraction: float) -> float:
    ordered = sorted(values)
    if not ordered:
        return 0.0
    return ordered[min(len(ordered) - 1, int(fraction * len(ordered)))]
