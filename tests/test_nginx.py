"""nginx in front of the app servers (deploy/nginx.conf), tested by running it.

Two kinds of upstream:
- a recording stand-in (below) whose responses carry a counter, so "served from the micro-cache"
  is seen without timing: the second body repeats the first counter. It also lets a response
  carry any header (Set-Cookie, Cache-Control: private, Vary: Cookie) under any address, to
  check nginx's own rules whatever the app sends;
- the real site under gunicorn (one sync worker), for static files, compression and slow clients.

The nginx under test is the production configuration rendered by deploy/serve-stack; the only
addition is an X-Cache-Status header (nginx's $upstream_cache_status), in server.d/.
"""

from __future__ import annotations

import contextlib
import gzip
import http.client
import json
import os
import re
import shutil
import socket
import subprocess
import sys
import tempfile
import threading
import time
import urllib.request
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest
from django.conf import settings

from bench.common import DEPLOY, Nginx, free_port, gunicorn, missing_services, nginx, preparing_commands, render_nginx

# Real servers (nginx, gunicorn, PostgreSQL, Redis): part of `make test`, not of `make test-fast`.
# One test worker runs all of them ("stack" group): they share static files, ports and Redis.
pytestmark = [pytest.mark.stack, pytest.mark.xdist_group("stack")]

REQUIRED = os.environ.get("CI", "").strip().lower() in {"1", "true", "yes"}
MISSING = missing_services(postgres=False, redis=False)
CACHE_STATUS = "add_header X-Cache-Status $upstream_cache_status always;\n"
BROTLI = Path("/usr/lib/nginx/modules/ngx_http_brotli_filter_module.so").exists()


@pytest.fixture(scope="module", autouse=True)
def needs_nginx() -> None:
    if MISSING:
        message = "needs " + ", ".join(MISSING)
        if REQUIRED:
            pytest.fail(f"{message}; CI=true turns this skip into a failure", pytrace=False)
        pytest.skip(message)


# --- a recording upstream -----------------------------------------------------------------------


class Recorder(ThreadingHTTPServer):
    daemon_threads = True

    def __init__(self) -> None:
        super().__init__(("127.0.0.1", 0), RecordingHandler)
        self.count = 0
        self.seen: list[tuple[str, str]] = []  # (method, path) of every request that reached it
        self.lock = threading.Lock()

    @property
    def base(self) -> str:
        return f"http://127.0.0.1:{self.server_address[1]}"


# Response headers the stand-in adds when its address ends with "-<key>/".
HEADERS_BY_PATH = {
    "set-cookie": ("Set-Cookie", "rcw_draft=abc; Path=/; HttpOnly"),
    "private": ("Cache-Control", "private"),
    "no-store": ("Cache-Control", "no-store"),
    "no-cache": ("Cache-Control", "no-cache"),
    "max-age-0": ("Cache-Control", "max-age=0"),
    "vary-cookie": ("Vary", "Cookie"),
    "vary-star": ("Vary", "*"),
    "a-day": ("Cache-Control", "public, max-age=86400"),
}


class RecordingHandler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"
    server: Recorder

    def log_message(self, format: str, *args: object) -> None:
        pass

    def answer(self) -> None:
        length = int(self.headers.get("Content-Length") or 0)
        body_in = self.rfile.read(length) if length else b""
        with self.server.lock:
            self.server.count += 1
            number = self.server.count
            self.server.seen.append((self.command, self.path))
        document = {
            "n": number,
            "method": self.command,
            "path": self.path,
            "body_bytes": len(body_in),
            "x_forwarded_for": self.headers.get("X-Forwarded-For"),
            "accept_encoding": self.headers.get("Accept-Encoding"),
            "host": self.headers.get("Host"),
        }
        # Over gzip_min_length, so compression applies.
        body = ("<!doctype html><pre>" + json.dumps(document) + "</pre>" + " " * 2000).encode()
        self.send_response(200)
        self.send_header("Content-Type", "text/html; charset=utf-8")
        self.send_header("Content-Length", str(len(body)))
        # One request per connection: a stopped stand-in must not answer on a kept-alive one.
        self.send_header("Connection", "close")
        self.close_connection = True
        for marker, (name, value) in HEADERS_BY_PATH.items():
            if self.path.endswith(f"-{marker}/"):
                self.send_header(name, value)
        self.end_headers()
        if self.command != "HEAD":
            self.wfile.write(body)

    do_GET = do_POST = do_HEAD = answer


@pytest.fixture(scope="module")
def recorder() -> Iterator[Recorder]:
    server = Recorder()
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield server
    server.shutdown()
    server.server_close()


@pytest.fixture(scope="module")
def front(recorder: Recorder) -> Iterator[Nginx]:
    """The production nginx in front of the stand-in and of a second app server that is down."""
    dead = f"http://127.0.0.1:{free_port()}"
    with nginx([dead, recorder.base], server_extra=CACHE_STATUS, CLIENT_TIMEOUT="1s") as server:
        yield server


def fetch(
    url: str, method: str = "GET", headers: dict[str, str] | None = None, body: bytes | None = None
) -> tuple[int, dict[str, str], bytes]:
    host, port = url.removeprefix("http://").split("/", 1)[0].split(":")
    path = "/" + url.removeprefix("http://").split("/", 1)[1]
    connection = http.client.HTTPConnection(host, int(port), timeout=15)
    try:
        connection.request(method, path, body=body, headers=headers or {})
        response = connection.getresponse()
        content = response.read()
        received: dict[str, str] = {}
        for name, value in response.getheaders():  # repeated headers joined, as HTTP allows
            received[name.lower()] = f"{received[name.lower()]}, {value}" if name.lower() in received else value
        return response.status, received, content
    finally:
        connection.close()


def counter(body: bytes) -> int:
    return json.loads(re.search(rb"<pre>(.*)</pre>", body).group(1))["n"]  # type: ignore[union-attr]


def served_twice(front: Nginx, path: str, method: str = "GET", **headers: str) -> tuple[int, int, str]:
    """(first counter, second counter, second X-Cache-Status) for two identical requests."""
    body = b"a=1" if method == "POST" else None
    extra = {"Content-Type": "application/x-www-form-urlencoded"} if body else {}
    status, _, first = fetch(front.base + path, method, {**headers, **extra}, body)
    assert status == 200, (path, status)
    status, second_headers, second = fetch(front.base + path, method, {**headers, **extra}, body)
    assert status == 200, (path, status)
    return counter(first), counter(second), second_headers.get("x-cache-status", "")


def stale_within(front: Nginx, path: str, seconds: float) -> bool:
    """Whether the cached copy of `path` is reported expired (or served stale) within `seconds`."""
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if fetch(front.base + path)[1].get("x-cache-status") in {"EXPIRED", "STALE", "UPDATING"}:
            return True
        time.sleep(0.2)
    return False


# --- the configuration ---------------------------------------------------------------------------


def test_the_rendered_configuration_passes_nginx_t(tmp_path: Path) -> None:
    env = {**os.environ, "RUNTIME_DIR": str(tmp_path / "stack")}
    checked = subprocess.run([str(DEPLOY / "serve-stack"), "check"], env=env, capture_output=True, text=True)
    assert checked.returncode == 0, checked.stderr
    # Behind a load balancer, and without Brotli: still valid.
    env |= {"TRUSTED_PROXIES": "10.0.0.0/8 192.168.1.5", "BROTLI": "off", "UPSTREAMS": "10.1.0.1:8000 10.1.0.2:8000"}
    checked = subprocess.run([str(DEPLOY / "serve-stack"), "check"], env=env, capture_output=True, text=True)
    assert checked.returncode == 0, checked.stderr
    config = (tmp_path / "stack/nginx.conf").read_text()
    directives = [line.strip() for line in config.splitlines() if not line.strip().startswith("#")]
    assert "set_real_ip_from 10.0.0.0/8;" in directives and "brotli on;" not in directives


def test_the_configuration_names_the_sites_languages(tmp_path: Path) -> None:
    config = render_nginx(tmp_path, ["http://127.0.0.1:1"], 1)
    languages = re.search(r'"~\^/\(\?:([^)]*)\)/\$" 1;', config).group(1)  # type: ignore[union-attr]
    assert set(languages.split("|")) == {code for code, _ in settings.LANGUAGES}


def test_no_access_log_and_only_critical_errors(tmp_path: Path) -> None:
    config = render_nginx(tmp_path, ["http://127.0.0.1:1"], 1)
    directives = [line.split("#")[0].strip() for line in config.splitlines()]
    assert [d for d in directives if d.startswith("access_log")] == ["access_log off;"]
    assert [d for d in directives if d.startswith("error_log")] == [f"error_log {tmp_path}/error.log crit;"]
    assert not [d for d in directives if d.startswith("log_format")]


# --- the micro-cache ------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "path",
    [
        "/en/",
        "/zh-hans/",
        "/en/articles/",
        "/en/articles/repair-and-apology/",
        "/zh-hans/categories/conflict/",
        "/en/glossary/",
        "/en/phrases/",
        "/en/phrases/?situation=repair",
        "/en/articles/when-its-not-communication/?region=uk",
        "/en/about/editorial-policy/",
        "/en/feed.atom",
        "/sitemap.xml",
        "/robots.txt",
    ],
)
def test_a_public_page_is_served_from_the_micro_cache(front: Nginx, path: str) -> None:
    first, second, status = served_twice(front, path)
    assert second == first and status == "HIT"


@pytest.mark.parametrize(
    "path",
    [
        "/r/AbCdEfGhIjKlMnOp/",  # share addresses
        "/en/r/AbCdEfGhIjKlMnOp/",
        "/zh-hans/r/AbCdEfGhIjKlMnOp/",
        "/en/r/AbCdEfGhIjKlMnOp/card.png",  # share images
        "/zh-hans/r/AbCdEfGhIjKlMnOp/card.png",
        "/en/search/?q=pause",  # searches
        "/zh-hans/search/?q=%E5%86%B7%E6%88%98",
        "/en/search/suggest/?q=pa",
        "/en/report/private-token-123/",  # the private report and everything under it
        "/en/report/private-token-123/report.pdf",
        "/en/report/private-token-123/couple/1/",
        "/en/report-deleted/",
        "/en/test/",  # the test
        "/en/test/3/",
        "/en/test/how-scoring-works/",
        "/en/couple/join/invitation-token/",  # couples
        "/en/together/",
        "/en/support/",  # its region may follow the browser's language
        "/editors/",  # the editors' area
        "/healthz",
        "/",  # redirects by the browser's language
        "/en/articles/repair-and-apology/?utm_source=mail",  # any other query: uncached, unrecorded
        "/en/articles/repair-and-apology/?q=what+I+searched",
        "/en/articles/repair-and-apology/?region=uk&situation=x",
        "/en/articles/Repair/",  # only the exact address shapes
        "/en/articles/repair-and-apology",
        "/de/articles/repair-and-apology/",
        "/en/search/../articles/repair-and-apology/",  # the same page to nginx, not to the app
        "/en/articles/%72epair-and-apology/",
        "//en/articles/repair-and-apology/",
    ],
)
def test_these_addresses_are_never_cached(front: Nginx, path: str) -> None:
    first, second, status = served_twice(front, path)
    assert second != first and status == "BYPASS"


@pytest.mark.parametrize("marker", [m for m in HEADERS_BY_PATH if m != "a-day"])  # a-day: the next test
def test_a_response_the_app_marks_private_or_personal_is_never_stored(front: Nginx, marker: str) -> None:
    # Under an address that is otherwise cached.
    first, second, status = served_twice(front, f"/en/articles/marked-{marker}/")
    assert second != first and status == "MISS"


def test_a_page_is_kept_seconds_whatever_max_age_the_app_sends(recorder: Recorder) -> None:
    with nginx([recorder.base], server_extra=CACHE_STATUS, MICROCACHE_SECONDS="1") as front:
        first, second, status = served_twice(front, "/en/articles/marked-a-day/")
        assert second == first and status == "HIT"
        # nginx counts whole seconds: "1 s" lasts one to two.
        assert stale_within(front, "/en/articles/marked-a-day/", seconds=5)


def test_a_post_is_never_cached_nor_answered_from_the_cache(front: Nginx, recorder: Recorder) -> None:
    path = "/en/articles/posted-to/"
    cached, _, _ = served_twice(front, path)
    first, second, status = served_twice(front, path, method="POST")
    assert len({cached, first, second}) == 3 and status in {"", "BYPASS"}
    assert ("POST", path) in recorder.seen


def test_a_draft_cookie_does_not_change_what_a_public_page_is(front: Nginx) -> None:
    first, _, _ = served_twice(front, "/en/articles/read-with-a-draft/")
    _, headers, body = fetch(front.base + "/en/articles/read-with-a-draft/", headers={"Cookie": "rcw_draft=secret"})
    assert counter(body) == first and headers["x-cache-status"] == "HIT"


# --- what reaches the app ---------------------------------------------------------------------------


@pytest.mark.parametrize("path", ["/en/test/", "/en/articles/seen-by-the-app/"])  # uncached, cached
def test_the_app_sees_the_address_nginx_saw_not_the_one_the_client_claims(front: Nginx, path: str) -> None:
    headers = {"X-Forwarded-For": "203.0.113.9, 198.51.100.1", "Accept-Encoding": "gzip", "Host": "example.org"}
    _, response_headers, body = fetch(front.base + path, headers=headers)
    if response_headers.get("content-encoding") == "gzip":
        body = gzip.decompress(body)
    document = json.loads(re.search(rb"<pre>(.*)</pre>", body).group(1))  # type: ignore[union-attr]
    assert document["x_forwarded_for"] == "127.0.0.1"
    assert document["host"] == "example.org"
    assert document["accept_encoding"] is None  # the app answers plainly; nginx compresses


def test_a_body_over_the_limit_is_refused_before_the_app(front: Nginx, recorder: Recorder) -> None:
    path = "/en/test/begin/?too-large"
    status, _, _ = fetch(front.base + path, "POST", {"Content-Type": "text/plain"}, b"x" * (200 * 1024))
    assert status == 413
    assert ("POST", path) not in recorder.seen
    status, _, _ = fetch(front.base + path, "POST", {"Content-Type": "text/plain"}, b"x" * (60 * 1024))
    assert status == 200


def test_a_client_sending_its_headers_slowly_is_cut_off(front: Nginx, recorder: Recorder) -> None:
    """CLIENT_TIMEOUT=1s here: the whole header must arrive within it, however it trickles in."""
    started = time.monotonic()
    with socket.create_connection(("127.0.0.1", front.port), timeout=10) as sock:
        sock.sendall(b"GET /en/articles/slow-loris/ HTTP/1.1\r\nHost: 127.0.0.1\r\n")
        closed = False
        for _ in range(40):  # one header byte every 0.2 s, for up to 8 s
            try:
                sock.sendall(b"X")
                time.sleep(0.2)
            except OSError:
                closed = True
                break
            sock.setblocking(False)
            try:
                closed = sock.recv(1024) == b""
            except BlockingIOError:
                pass
            except OSError:
                closed = True
            sock.setblocking(True)
            if closed:
                break
    assert closed and time.monotonic() - started < 5
    assert not any(path == "/en/articles/slow-loris/" for _, path in recorder.seen)


def test_a_public_page_is_cached_compressed_once_per_encoding(front: Nginx) -> None:
    """A cached page costs no compression: each encoding has its own copy, compressed once."""
    path = "/en/articles/compressed-once/"
    encodings = {"gzip": gzip.decompress, "": lambda body: body}
    if BROTLI:
        import brotli

        encodings["br"] = brotli.decompress
    counters = {}
    for encoding, decompress in encodings.items():
        asked = {"Accept-Encoding": f"{encoding}, deflate" if encoding else "identity"}
        _, _, first = fetch(front.base + path, headers=asked)
        status, headers, second = fetch(front.base + path, headers=asked)
        assert status == 200 and headers["x-cache-status"] == "HIT" and second == first
        assert headers.get("content-encoding", "") == encoding
        assert "Accept-Encoding" in headers["vary"]
        counters[encoding] = counter(decompress(second))
    assert len(set(counters.values())) == len(encodings)  # one fetch from the app per encoding


def test_html_is_compressed(front: Nginx) -> None:
    status, headers, body = fetch(front.base + "/en/articles/compressed/", headers={"Accept-Encoding": "gzip"})
    assert status == 200 and headers["content-encoding"] == "gzip" and "Accept-Encoding" in headers["vary"]
    assert gzip.decompress(body).startswith(b"<!doctype html>")
    if BROTLI:
        import brotli

        _, headers, body = fetch(front.base + "/en/articles/compressed/", headers={"Accept-Encoding": "br, gzip"})
        assert headers["content-encoding"] == "br"
        assert brotli.decompress(body).startswith(b"<!doctype html>")


def test_when_every_app_server_is_down() -> None:
    alive = Recorder()
    thread = threading.Thread(target=alive.serve_forever, daemon=True)
    thread.start()
    with nginx([alive.base], server_extra=CACHE_STATUS, MICROCACHE_SECONDS="1") as front:
        first, _, _ = served_twice(front, "/en/articles/kept-while-down/")
        alive.shutdown()
        alive.server_close()
        # The last copy of a public page is served; anything else gets a plain page, never cached.
        assert stale_within(front, "/en/articles/kept-while-down/", seconds=5)
        status, headers, body = fetch(front.base + "/en/articles/kept-while-down/")
        assert status == 200 and counter(body) == first and headers["x-cache-status"] == "STALE"
        status, headers, body = fetch(front.base + "/en/report/some-token/")
        assert status == 502 and headers["cache-control"] == "no-store" and b"Back in a moment" in body
        assert b"nginx" not in body


# --- the logs -------------------------------------------------------------------------------------------


SECRETS = ("Tok3nOfAReport", "WordSomeoneSearched", "Inv1tationTok3n", "Sh4reId")


def provoke_everything(front: Nginx) -> None:
    """Requests whose paths would appear in an error-level log line, had nginx one."""
    for path in (
        f"/en/report/{SECRETS[0]}/",
        f"/en/search/?q={SECRETS[1]}",
        f"/en/couple/join/{SECRETS[2]}/",
        f"/en/r/{SECRETS[3]}/card.png",
        f"/static/{SECRETS[0]}.css",  # a missing file
    ):
        for _ in range(3):  # some go to the app server that is down
            fetch(front.base + path)
    fetch(front.base + f"/en/report/{SECRETS[0]}/delete/", "POST", {}, b"x" * (300 * 1024))  # too large
    with socket.create_connection(("127.0.0.1", front.port), timeout=10) as sock:  # timed out
        sock.sendall(f"GET /en/report/{SECRETS[0]}/ HTTP/1.1\r\n".encode())
        sock.settimeout(5)
        with contextlib.suppress(OSError):
            sock.recv(1024)


def test_no_log_line_holds_a_path(front: Nginx) -> None:
    provoke_everything(front)
    time.sleep(0.5)
    logs = front.logs()
    assert not [secret for secret in SECRETS if secret in logs]
    assert "/en/" not in logs and "/static/" not in logs
    assert not [p for p in front.runtime.rglob("*") if p.name.startswith("access")]


def test_the_log_test_would_see_a_path_at_nginx_s_usual_level(recorder: Recorder) -> None:
    """The control case: the same requests, with the error log at the usual "error" level."""
    dead = f"http://127.0.0.1:{free_port()}"
    at_error_level = re.compile(r"^error_log (.*) crit;$", re.MULTILINE)
    with nginx(
        [dead, recorder.base], CLIENT_TIMEOUT="1s", edit=lambda text: at_error_level.sub(r"error_log \1 info;", text)
    ) as front:
        provoke_everything(front)
        time.sleep(0.5)
        assert SECRETS[0] in front.logs()


# --- the real site behind nginx: static files and slow clients ------------------------------------------------


@pytest.fixture(scope="module")
def site() -> Iterator[tuple[str, Nginx]]:
    """The site under one gunicorn with one sync worker (SQLite), and nginx in front of it."""
    folder = Path(tempfile.mkdtemp(prefix="rcw-nginx-site-"))
    env = {**os.environ, "DATABASE_URL": f"sqlite:///{folder}/site.sqlite3", "TESTING": "", "REDIS_URL": ""}
    try:
        for command in preparing_commands():
            done = subprocess.run([sys.executable, "manage.py", *command], env=env, capture_output=True, text=True)
            assert done.returncode == 0, f"manage.py {' '.join(command)}: {done.stderr[-2000:]}"
        with gunicorn(1, env) as app, nginx([app], server_extra=CACHE_STATUS, CLIENT_TIMEOUT="20s") as front:
            yield app, front
    finally:
        shutil.rmtree(folder, ignore_errors=True)


def test_an_article_of_the_site_is_micro_cached(site: tuple[str, Nginx]) -> None:
    _, front = site
    path = "/en/articles/repair-and-apology/"
    _, _, first = fetch(front.base + path)
    status, headers, second = fetch(front.base + path)
    assert status == 200 and headers["x-cache-status"] == "HIT" and second == first
    assert b"<h1" in second


def test_static_files_are_served_by_nginx_with_far_future_caching_and_gzip(site: tuple[str, Nginx]) -> None:
    app, front = site
    _, _, page = fetch(front.base + "/en/")
    stylesheet = re.search(rb'href="(/static/css/[^"]+\.[0-9a-f]{12}\.css)"', page).group(1).decode()  # type: ignore[union-attr]
    status, headers, body = fetch(front.base + stylesheet, headers={"Accept-Encoding": "gzip"})
    assert status == 200
    assert headers["cache-control"] == "public, max-age=31536000, immutable"
    assert headers["content-encoding"] == "gzip" and headers["x-content-type-options"] == "nosniff"
    assert gzip.decompress(body) == urllib.request.urlopen(app + stylesheet, timeout=10).read()
    assert "x-cache-status" not in headers  # from the disk, not through the app
    unhashed = re.sub(r"\.[0-9a-f]{12}(\.css)$", r"\1", stylesheet)
    assert fetch(front.base + unhashed)[1]["cache-control"] == "public, max-age=3600"
    assert fetch(front.base + "/static/staticfiles.json")[0] == 404


def test_slow_clients_do_not_hold_the_app_worker(site: tuple[str, Nginx]) -> None:
    """Three clients trickle their headers and three their bodies; the one worker stays free."""
    app, front = site
    port = int(app.rsplit(":", 1)[1])

    def park(target: int) -> list[socket.socket]:
        parked = []
        for n in range(6):
            sock = socket.create_connection(("127.0.0.1", target), timeout=10)
            if n % 2:
                sock.sendall(b"GET /en/ HTTP/1.1\r\nHost: 127.0.0.1\r\nX-Slow: ")
            else:
                sock.sendall(
                    b"POST /en/test/begin/ HTTP/1.1\r\nHost: 127.0.0.1\r\n"
                    b"Content-Type: application/x-www-form-urlencoded\r\nContent-Length: 1000\r\n\r\naction="
                )
            parked.append(sock)
        return parked

    def healthz(base: str) -> int:
        try:
            with urllib.request.urlopen(base + "/healthz", timeout=3) as response:
                return response.status
        except OSError:
            return 0

    parked = park(front.port)
    try:
        assert [healthz(front.base) for _ in range(5)] == [200] * 5
    finally:
        for sock in parked:
            sock.close()
    # The premise: the same clients straight at the app server leave nobody to answer.
    parked = park(port)
    try:
        assert healthz(app) == 0
    finally:
        for sock in parked:
            sock.close()
    for _ in range(50):  # the worker is free again once they have gone
        if healthz(app) == 200:
            break
        time.sleep(0.2)
