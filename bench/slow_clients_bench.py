"""A few hundred slow clients against the stack, while /healthz is asked every 100 ms.

BENCH_SLOW (300) connections to nginx (deploy/nginx.conf, in front of 2 app servers x 2 gunicorn
sync workers), a third of each kind, kept up for BENCH_SECONDS (15):
  - slow headers: one more header line every second, never the end (nginx cuts them off after
    client_header_timeout, and they connect again);
  - slow bodies: a POST announcing 100 KB and sending 20 bytes a second;
  - slow readers: ask for a large page that is not micro-cached (the phrase bank with an unknown
    query, so it comes from an app server) and never read the answer.
Target: /healthz, which an app server answers, in under 100 ms throughout (p99 and worst given).

For contrast, the app server alone (2 workers, no nginx) against 4 such clients (2 headers,
2 bodies), as the issue found: /healthz stops answering.

    .venv/bin/python bench/slow_clients_bench.py
"""

from __future__ import annotations

import asyncio
import http.client
import os
import socket
import sys
import threading
import time
import urllib.request
from contextlib import ExitStack
from dataclasses import dataclass, field
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
from bench.common import gunicorn, nginx, percentile, site_database

SECONDS = int(os.environ.get("BENCH_SECONDS", "15"))
SLOW = int(os.environ.get("BENCH_SLOW", "300"))
BIG_UNCACHED = "/en/phrases/?from=slow-reader"


@dataclass
class Tally:
    open: int = 0
    opened: int = 0
    cut: int = 0  # closed by the server (nginx's timeouts), then reopened
    open_at_end: int = 0  # still open when the probing stopped


@dataclass
class Probes:
    latencies: list[float] = field(default_factory=list)
    failures: int = 0


async def slow_client(kind: str, port: int, stop: asyncio.Event, tally: Tally) -> None:
    while not stop.is_set():
        writer = None
        try:
            sock = socket.socket()
            if kind == "reader":
                sock.setsockopt(socket.SOL_SOCKET, socket.SO_RCVBUF, 4096)
            sock.setblocking(False)
            await asyncio.get_running_loop().sock_connect(sock, ("127.0.0.1", port))
            reader, writer = await asyncio.open_connection(sock=sock)
            tally.open += 1
            tally.opened += 1
            if kind == "header":
                writer.write(b"GET /en/ HTTP/1.1\r\nHost: 127.0.0.1\r\n")
            elif kind == "body":
                writer.write(
                    b"POST /en/test/begin/ HTTP/1.1\r\nHost: 127.0.0.1\r\n"
                    b"Content-Type: application/x-www-form-urlencoded\r\nContent-Length: 100000\r\n\r\n"
                )
            else:
                writer.write(f"GET {BIG_UNCACHED} HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n".encode())
            await writer.drain()
            while not stop.is_set():
                if kind == "reader":
                    await asyncio.sleep(1)  # reads nothing, ever
                    continue
                try:
                    data = await asyncio.wait_for(reader.read(1024), timeout=1.0)
                    if not data or kind == "header":
                        raise ConnectionResetError  # answered or closed: the server let go
                except TimeoutError:
                    pass
                writer.write(b"X-Slow: 1\r\n" if kind == "header" else b"a" * 20)
                await writer.drain()
        except OSError:
            tally.cut += 1
        finally:
            if writer is not None:
                tally.open -= 1
                writer.close()


def probe(base: str, stop: threading.Event, probes: Probes, timeout: float) -> None:
    host, port = base.removeprefix("http://").split(":")
    while not stop.is_set():
        started = time.perf_counter()
        try:
            connection = http.client.HTTPConnection(host, int(port), timeout=timeout)
            connection.request("GET", "/healthz")
            response = connection.getresponse()
            response.read()
            connection.close()
            if response.status != 200:
                raise OSError(response.status)
            probes.latencies.append(time.perf_counter() - started)
        except OSError:
            probes.failures += 1
        time.sleep(max(0.0, 0.1 - (time.perf_counter() - started)))


def run(base: str, kinds: list[str], seconds: float, timeout: float) -> tuple[Tally, Probes]:
    port = int(base.rsplit(":", 1)[1])
    tally, probes = Tally(), Probes()

    async def main() -> None:
        stop = asyncio.Event()
        tasks = [asyncio.create_task(slow_client(kind, port, stop, tally)) for kind in kinds]
        await asyncio.sleep(2)  # all connected and under way
        done = threading.Event()
        thread = threading.Thread(target=probe, args=(base, done, probes, timeout))
        thread.start()
        await asyncio.sleep(seconds)
        done.set()
        tally.open_at_end = tally.open
        await asyncio.get_running_loop().run_in_executor(None, thread.join)
        stop.set()
        await asyncio.gather(*tasks, return_exceptions=True)

    asyncio.run(main())
    return tally, probes


def describe(probes: Probes) -> str:
    values = probes.latencies
    if not values:
        return f"no answer ({probes.failures} probes failed)"
    return (
        f"{len(values)} answers, p50 {percentile(values, 0.5) * 1000:.1f} ms, "
        f"p99 {percentile(values, 0.99) * 1000:.1f} ms, worst {max(values) * 1000:.1f} ms; "
        f"{probes.failures} failed or timed out"
    )


def main() -> int:
    env = site_database("slow")
    kinds = [("header", "body", "reader")[n % 3] for n in range(SLOW)]
    with ExitStack() as stack:
        apps = [stack.enter_context(gunicorn(2, env)) for _ in range(2)]
        front = stack.enter_context(nginx(apps))
        for _ in range(8):  # every worker has the large page in its own page cache
            urllib.request.urlopen(front.base + BIG_UNCACHED, timeout=30).read()
        tally, probes = run(front.base, kinds, SECONDS, timeout=5)
        _, alone = run(apps[0], ["header", "body", "header", "body"], max(5, SECONDS // 3), timeout=2)

    print(f"\nslow clients: {SLOW} connections to nginx for {SECONDS} s (a third each: headers, bodies, readers)")
    print(f"  connections opened {tally.opened}, cut off by nginx and reopened {tally.cut}", end="")
    print(f", open when the probing ended {tally.open_at_end}")
    print(f"  /healthz through nginx: {describe(probes)}")
    print("  the app server alone, 2 workers, 4 slow clients (2 headers, 2 bodies):")
    print(f"  /healthz: {describe(alone)}")
    worst = max(probes.latencies) * 1000 if probes.latencies else float("inf")
    p99 = percentile(probes.latencies, 0.99) * 1000 if probes.latencies else float("inf")
    ok = p99 < 100 and probes.failures == 0
    print(f"\n/healthz p99 {p99:.1f} ms, worst {worst:.1f} ms (target < 100 ms)")
    print("targets met" if ok else "TARGETS MISSED")
    return 0


if __name__ == "__main__":
    sys.exit(main())
