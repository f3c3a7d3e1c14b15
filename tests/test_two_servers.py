"""Two app servers on different ports, sharing PostgreSQL and Redis, behave as one site.

Starts real gunicorn processes against a database of their own (rcw_two_servers), so it runs
beside the rest of the suite on either database setting. Each flow runs twice: alternating
between the two app servers directly, and through nginx in front of both (deploy/nginx.conf,
as deploy/serve-stack renders it), where the micro-cache must not keep what changes at once.

Without PostgreSQL, Redis or nginx the tests are skipped, except in CI (CI=true), where they fail.
"""

from __future__ import annotations

import http.cookiejar
import os
import re
import urllib.error
import urllib.parse
import urllib.request
from collections.abc import Iterator
from contextlib import ExitStack

import pytest

from bench.common import gunicorn, missing_services, nginx, preparing_commands

# Real servers (nginx, gunicorn, PostgreSQL, Redis): part of `make test`, not of `make test-fast`.
# One test worker runs all of them ("stack" group): they share static files, ports and Redis.
pytestmark = [pytest.mark.stack, pytest.mark.xdist_group("stack")]

DATABASE = "postgres://postgres@127.0.0.1:5432/rcw_two_servers"
REDIS = "redis://127.0.0.1:6379/15"
REQUIRED = os.environ.get("CI", "").strip().lower() in {"1", "true", "yes"}
RATE_WINDOW = 3600  # long, so a test's requests do not straddle two windows


def require(missing: list[str]) -> None:
    if missing:
        message = "needs " + ", ".join(missing)
        if REQUIRED:
            pytest.fail(f"{message}; CI=true turns this skip into a failure", pytrace=False)
        pytest.skip(message)


@pytest.fixture(scope="module")
def servers() -> Iterator[tuple[str, str]]:
    require(missing_services(nginx=False))
    import subprocess
    import sys

    import psycopg
    import redis

    with psycopg.connect("postgresql://postgres@127.0.0.1:5432/postgres", autocommit=True) as conn:
        conn.execute("DROP DATABASE IF EXISTS rcw_two_servers WITH (FORCE)")
        conn.execute("CREATE DATABASE rcw_two_servers")
    redis.Redis.from_url(REDIS).flushdb()
    env = {
        **os.environ,
        "DATABASE_URL": DATABASE,
        "REDIS_URL": REDIS,
        "TESTING": "",
        "RATE_LIMIT_SEARCH": f"5/{RATE_WINDOW}",
        # A loaded test machine must not trip the Redis circuit breaker (0.25 s by default).
        "REDIS_TIMEOUT": "3",
        # As deploy/serve-stack runs them: the client's address is the one nginx writes.
        "TRUST_X_FORWARDED_FOR": "1",
    }
    for command in preparing_commands():
        done = subprocess.run([sys.executable, "manage.py", *command], env=env, capture_output=True, text=True)
        assert done.returncode == 0, f"manage.py {' '.join(command)}: {done.stderr[-2000:]}"
    with ExitStack() as stack:
        first = stack.enter_context(gunicorn(1, env))
        second = stack.enter_context(gunicorn(1, env))
        yield first, second


@pytest.fixture(scope="module")
def front(servers: tuple[str, str]) -> Iterator[str]:
    """nginx in front of both app servers, with its cache status shown (a test-only header)."""
    require(missing_services(postgres=False, redis=False))
    cache_status = "add_header X-Cache-Status $upstream_cache_status always;\n"
    with nginx(list(servers), server_extra=cache_status) as proxy:
        yield proxy.base


@pytest.fixture(params=["direct", "nginx"])
def sites(request: pytest.FixtureRequest, servers: tuple[str, str]) -> tuple[str, str]:
    """Where a reader's requests go: each app server in turn, or nginx (which spreads them)."""
    if request.param == "direct":
        return servers
    base = request.getfixturevalue("front")
    return base, base


class Browser:
    """A cookie-keeping client that can talk to any server, as a load balancer would send it."""

    def __init__(self) -> None:
        self.jar = http.cookiejar.CookieJar()
        self.opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(self.jar), NoRedirect())

    def request(
        self, url: str, data: dict[str, str] | None = None, headers: dict[str, str] | None = None
    ) -> tuple[int, str, str]:
        body = urllib.parse.urlencode(data).encode() if data is not None else None
        request = urllib.request.Request(url, data=body, headers=headers or {})
        if data is not None:
            token = next((c.value or "" for c in self.jar if c.name == "csrftoken"), "")
            request.add_header("X-CSRFToken", token)
            request.add_header("Referer", url)
        try:
            with self.opener.open(request, timeout=20) as response:
                return response.status, response.headers.get("Location", ""), response.read().decode(errors="replace")
        except urllib.error.HTTPError as error:
            return error.code, error.headers.get("Location", ""), error.read().decode(errors="replace")


class NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args: object, **kwargs: object) -> None:
        return None


def question_names(html: str) -> list[str]:
    """The names of a page's radio buttons, once each, in order."""
    names = [re.search(r'name="([^"]+)"', tag) for tag in re.findall(r"<input\b[^>]*>", html) if 'type="radio"' in tag]
    return list(dict.fromkeys(match.group(1) for match in names if match))


def host_of(url: str) -> str:
    return re.match(r"http://[^/]+", url).group(0)  # type: ignore[union-attr]


def test_a_draft_begun_on_one_server_continues_and_finishes_on_the_other(sites: tuple[str, str]) -> None:
    first, second = sites
    reader = Browser()
    reader.request(f"{first}/en/test/")  # the CSRF cookie; cookies belong to the host, not the port
    status, location, _ = reader.request(f"{first}/en/test/begin/", {"action": "start"})
    assert status == 302 and location.endswith("/en/test/1/")
    # Each page is read, then answered, on alternating servers: the page says which questions it
    # holds (which, and in what order, is the instrument's business, not this test's).
    for number in range(1, 100):
        server = first if number % 2 else second
        page = question_names(reader.request(f"{server}/en/test/{number}/")[2])
        assert page, (number, server)
        status, location, _ = reader.request(f"{server}/en/test/{number}/", {**{i: "3" for i in page}, "nav": "next"})
        assert status == 302, (number, server)
        if location.endswith("/en/test/safety/"):
            break
    safety = {name: "1" for name in question_names(reader.request(f"{first}/en/test/safety/")[2])}
    assert safety
    status, report, _ = reader.request(f"{second}/en/test/safety/", {**safety, "nav": "finish"})
    assert status == 302 and "/report/" in report
    report_path = report.split("?")[0]

    # Read through the first server, share through the second, delete through the first.
    status, _, html = reader.request(f"{first}{report_path}")
    assert status == 200
    if 'id="share-url"' not in html:  # sharing starts off: the reader turns it on
        assert reader.request(f"{second}{report_path}sharing/", {"enabled": "1"})[0] == 302
        status, _, html = reader.request(f"{first}{report_path}")
    share = re.search(r'id="share-url" href="[^"]*?(/r/[A-Za-z0-9_-]{16}/)"', html).group(1)  # type: ignore[union-attr]
    assert Browser().request(f"{second}/en{share}")[0] == 200
    # Read again, and the share image too, to give any cache the chance to keep them.
    assert Browser().request(f"{first}/en{share}")[0] == 200
    assert [Browser().request(f"{server}/en{share}card.png")[0] for server in (first, second)] == [200, 200]
    assert reader.request(f"{second}{report_path}sharing/", {"enabled": "0"})[0] == 302
    assert Browser().request(f"{first}/en{share}")[0] == 404
    assert Browser().request(f"{second}/en{share}card.png")[0] == 404
    status, location, _ = Browser().request(f"{first}{share}")  # the short address ends there too
    assert status == 404 or Browser().request(f"{first}{location}")[0] == 404
    assert reader.request(f"{first}{report_path}delete/", {"confirm": "yes"})[0] == 302
    assert Browser().request(f"{second}{report_path}")[0] == 404


def forget_rate_counts() -> None:
    """Start counting afresh, well inside one window (limits count in fixed windows)."""
    import time

    import redis

    client = redis.Redis.from_url(REDIS)
    for key in client.scan_iter("*rate:*"):
        client.delete(key)
    left = RATE_WINDOW - time.time() % RATE_WINDOW
    if left < 60:
        time.sleep(left + 1)


def test_a_rate_limit_counts_requests_to_both_servers(sites: tuple[str, str]) -> None:
    first, second = sites
    forget_rate_counts()
    client = Browser()
    statuses = [client.request(f"{server}/en/search/?q=pause")[0] for server in (first, second, first, second, first)]
    assert statuses == [200] * 5
    assert client.request(f"{second}/en/search/?q=pause")[0] == 429


def test_through_nginx_a_forged_forwarded_address_does_not_escape_the_limit(front: str) -> None:
    forget_rate_counts()
    client = Browser()
    statuses = [
        client.request(f"{front}/en/search/?q=pause", headers={"X-Forwarded-For": f"198.51.100.{n}"})[0]
        for n in range(6)
    ]
    assert statuses == [200] * 5 + [429]


def test_through_nginx_a_public_article_is_micro_cached_and_a_search_is_not(front: str) -> None:
    forget_rate_counts()
    statuses = []
    for path in ("/en/articles/repair-and-apology/", "/en/search/?q=pause"):
        for _ in range(2):
            with urllib.request.urlopen(front + path, timeout=20) as response:
                statuses.append(response.headers.get("X-Cache-Status"))
    assert statuses[1] == "HIT" and statuses[2:] == ["BYPASS", "BYPASS"]
