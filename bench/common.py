"""Helpers shared by the benchmarks: free ports, starting gunicorn, waiting for it."""

from __future__ import annotations

import os
import re
import shutil
import signal
import socket
import subprocess
import tempfile
import time
import urllib.request
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
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


# --- nginx in front (deploy/nginx.conf, rendered by deploy/serve-stack) ------------------------

NGINX = shutil.which("nginx") or "/usr/sbin/nginx"
DEPLOY = ROOT / "deploy"


def wait_for_port(port: int, seconds: float = 15) -> None:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        try:
            socket.create_connection(("127.0.0.1", port), timeout=1).close()
            return
        except OSError:
            time.sleep(0.05)
    raise SystemExit(f"nothing listens on 127.0.0.1:{port}")


@dataclass
class Nginx:
    base: str
    runtime: Path
    config: str

    @property
    def port(self) -> int:
        return int(self.base.rsplit(":", 1)[1])

    def logs(self) -> str:
        """Everything nginx wrote to any log file under its runtime folder."""
        return "".join(p.read_text(errors="replace") for p in sorted(self.runtime.rglob("*.log")))


def render_nginx(runtime: Path, upstreams: list[str], port: int, **settings: str) -> str:
    """deploy/nginx.conf as deploy/serve-stack renders it, for these app servers and this port."""
    env = {
        **os.environ,
        "RUNTIME_DIR": str(runtime),
        "UPSTREAMS": " ".join(u.removeprefix("http://") for u in upstreams),
        "LISTEN": f"127.0.0.1:{port}",
        # A local trial serves this checkout's files, which may sit in a folder only its owner can
        # read (a `mktemp -d` clone is 0700): the workers run as the same user as the tests.
        "NGINX_USER": os.environ.get("NGINX_USER", "root"),
        **settings,
    }
    return subprocess.run(
        [str(DEPLOY / "serve-stack"), "render"], env=env, check=True, capture_output=True, text=True
    ).stdout


@contextmanager
def nginx(
    upstreams: list[str],
    *,
    server_extra: str = "",
    http_extra: str = "",
    edit: Callable[[str], str] | None = None,
    **settings: str,
) -> Iterator[Nginx]:
    """nginx with the project's configuration in front of `upstreams` (base URLs); yields its address.

    server_extra / http_extra go into server.d/ and http.d/ (test diagnostics, a benchmark's file
    server); settings are deploy/serve-stack's variables (MICROCACHE_SECONDS="2", ...); `edit`
    changes the rendered text (a test's control case only).
    """
    runtime = Path(tempfile.mkdtemp(prefix="rcw-nginx-"))
    runtime.chmod(0o755)  # the workers may run as another user (www-data when started as root)
    port = free_port()
    try:
        config = render_nginx(runtime, upstreams, port, **settings)
        if edit is not None:
            config = edit(config)
        for folder, text in (("server.d", server_extra), ("http.d", http_extra)):
            (runtime / folder).mkdir()
            if text:
                (runtime / folder / "extra.conf").write_text(text)
        (runtime / "nginx.conf").write_text(config)
        command = [NGINX, "-p", f"{runtime}/", "-e", str(runtime / "error.log"), "-c", str(runtime / "nginx.conf")]
        subprocess.run([*command, "-t", "-q"], check=True)
        server = subprocess.Popen([*command, "-g", "daemon off;"])
        try:
            wait_for_port(port)
            yield Nginx(f"http://127.0.0.1:{port}", runtime, config)
        finally:
            server.send_signal(signal.SIGTERM)
            server.wait(timeout=30)
    finally:
        shutil.rmtree(runtime, ignore_errors=True)


def missing_services(*, postgres: bool = True, redis: bool = True, nginx: bool = True) -> list[str]:
    """Which of PostgreSQL and Redis on 127.0.0.1, and the nginx binary, are not there."""
    missing = []
    if postgres:
        try:
            import psycopg

            psycopg.connect("postgresql://postgres@127.0.0.1:5432/postgres", connect_timeout=2).close()
        except Exception:
            missing.append("PostgreSQL on 127.0.0.1:5432")
    if redis:
        try:
            import redis as redis_client

            redis_client.Redis(host="127.0.0.1", port=6379, socket_connect_timeout=2).ping()
        except Exception:
            missing.append("Redis on 127.0.0.1:6379")
    if nginx and not os.access(NGINX, os.X_OK):
        missing.append("nginx (bin/system-deps test)")
    return missing


# --- wrk, and a site database of a benchmark's own ------------------------------------------------


@dataclass
class WrkFigures:
    name: str
    requests_per_second: float
    p50_ms: float
    p99_ms: float
    errors: int  # non-2xx/3xx responses and socket errors

    def row(self) -> str:
        return f"{self.name:46} {self.requests_per_second:9.0f} {self.p50_ms:8.2f} {self.p99_ms:8.2f} {self.errors:7d}"


WRK_HEADER = f"{'':46} {'req/s':>9} {'p50 ms':>8} {'p99 ms':>8} {'errors':>7}"


def _wrk_ms(value: str) -> float:
    number, unit = re.fullmatch(r"([\d.]+)(us|ms|s)", value).groups()  # type: ignore[union-attr]
    return float(number) * {"us": 0.001, "ms": 1.0, "s": 1000.0}[unit]


def run_wrk(name: str, url: str, connections: int, seconds: int, headers: dict[str, str] | None = None) -> WrkFigures:
    if not shutil.which("wrk"):
        raise SystemExit("wrk is not installed: run bin/system-deps bench")
    command = ["wrk", "-t2", f"-c{connections}", f"-d{seconds}s", "--latency"]
    for header, value in (headers or {}).items():
        command += ["-H", f"{header}: {value}"]
    output = subprocess.run([*command, url], check=True, capture_output=True, text=True).stdout
    rps = float(re.search(r"Requests/sec:\s+([\d.]+)", output).group(1))  # type: ignore[union-attr]
    p50 = _wrk_ms(re.search(r"50%\s+([\d.]+\w+)", output).group(1))  # type: ignore[union-attr]
    p99 = _wrk_ms(re.search(r"99%\s+([\d.]+\w+)", output).group(1))  # type: ignore[union-attr]
    errors = re.search(r"Non-2xx or 3xx responses: (\d+)", output)
    sockets = re.search(r"Socket errors: connect (\d+), read (\d+), write (\d+), timeout (\d+)", output)
    count = int(errors.group(1)) if errors else 0
    if sockets:
        count += sum(int(n) for n in sockets.groups())
    return WrkFigures(name, rps, p50, p99, count)


STATIC_MANIFEST = ROOT / "staticfiles" / "staticfiles.json"


def preparing_commands() -> list[list[str]]:
    """The manage.py commands an app server needs first: its tables, the content and, unless
    `make prepare` or `make test` already collected them, the static files. Collecting again
    would replace files that other processes (other test workers) may be reading."""
    commands = [["migrate", "-v", "0"], ["content", "load"]]
    if not STATIC_MANIFEST.exists():
        commands.append(["collectstatic", "--noinput", "-v", "0"])
    return commands


def site_database(name: str) -> dict[str, str]:
    """A fresh SQLite database var/bench-<name>.sqlite3 holding the bundled content; its environment.

    Also makes sure the collected static files (with their manifest) are there, as `make prepare` does.
    """
    path = ROOT / f"var/bench-{name}.sqlite3"
    for suffix in ("", "-wal", "-shm"):
        Path(f"{path}{suffix}").unlink(missing_ok=True)
    env = {**os.environ, "DATABASE_URL": f"sqlite:///{path}", "TESTING": "", "REDIS_URL": ""}
    for command in preparing_commands():
        subprocess.run([str(ROOT / ".venv/bin/python"), "manage.py", *command], cwd=ROOT, env=env, check=True,
                       capture_output=True)  # fmt: skip
    return {"DATABASE_URL": env["DATABASE_URL"], "REDIS_URL": "", "TESTING": ""}
