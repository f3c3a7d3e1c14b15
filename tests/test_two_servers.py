"""Two app servers on different ports, sharing PostgreSQL and Redis, behave as one site.

Starts real gunicorn processes against a database of their own (rcw_two_servers), so it runs
beside the rest of the suite on either database setting.
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

from bench.common import gunicorn

DATABASE = "postgres://postgres@127.0.0.1:5432/rcw_two_servers"
REDIS = "redis://127.0.0.1:6379/15"


def services_available() -> bool:
    try:
        import psycopg
        import redis

        psycopg.connect("postgresql://postgres@127.0.0.1:5432/postgres", connect_timeout=2).close()
        redis.Redis.from_url(REDIS, socket_connect_timeout=2).ping()
    except Exception:
        return False
    return True


pytestmark = pytest.mark.skipif(not services_available(), reason="needs PostgreSQL and Redis on 127.0.0.1")


@pytest.fixture(scope="module")
def servers() -> Iterator[tuple[str, str]]:
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
        "RATE_LIMIT_SEARCH": "5/60",
    }
    for command in (["migrate", "-v", "0"], ["content", "load"], ["collectstatic", "--noinput", "-v", "0"]):
        subprocess.run([sys.executable, "manage.py", *command], env=env, check=True, capture_output=True)
    with ExitStack() as stack:
        first = stack.enter_context(gunicorn(1, env))
        second = stack.enter_context(gunicorn(1, env))
        yield first, second


class Browser:
    """A cookie-keeping client that can talk to any server, as a load balancer would send it."""

    def __init__(self) -> None:
        self.jar = http.cookiejar.CookieJar()
        self.opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(self.jar), NoRedirect())

    def request(self, url: str, data: dict[str, str] | None = None) -> tuple[int, str, str]:
        body = urllib.parse.urlencode(data).encode() if data is not None else None
        request = urllib.request.Request(url, data=body)
        if data is not None:
            token = next((c.value for c in self.jar if c.name == "csrftoken"), "")
            request.add_header("X-CSRFToken", token)
            request.add_header("Referer", url)
        try:
            with self.opener.open(request, timeout=20) as response:
                return response.status, response.headers.get("Location", ""), response.read().decode()
        except urllib.error.HTTPError as error:
            return error.code, error.headers.get("Location", ""), error.read().decode()


class NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args: object, **kwargs: object) -> None:
        return None


def host_of(url: str) -> str:
    return re.match(r"http://[^/]+", url).group(0)  # type: ignore[union-attr]


def test_a_draft_begun_on_one_server_continues_and_finishes_on_the_other(servers: tuple[str, str]) -> None:
    first, second = servers
    reader = Browser()
    reader.request(f"{first}/en/test/")  # the CSRF cookie; cookies belong to the host, not the port
    status, location, _ = reader.request(f"{first}/en/test/begin/", {"action": "start"})
    assert status == 302 and location.endswith("/en/test/1/")
    import yaml
    from django.conf import settings

    with open(settings.CONTENT_DIR / "instruments/communication-patterns/v1.yaml", encoding="utf-8") as f:
        data = yaml.safe_load(f)
    ids = [item["id"] for item in data["items"]]
    pages = [ids[i : i + 6] for i in range(0, len(ids), 6)]
    for number, page in enumerate(pages, start=1):
        server = first if number % 2 else second
        status, location, _ = reader.request(f"{server}/en/test/{number}/", {**{i: "3" for i in page}, "nav": "next"})
        assert status == 302, (number, server)
    safety = {item["id"]: "1" for item in data["safety_check"]["items"]}
    status, report, _ = reader.request(f"{second}/en/test/safety/", {**safety, "nav": "finish"})
    assert status == 302 and "/report/" in report
    report_path = report.split("?")[0]

    # Read through the first server, share through the second, delete through the first.
    status, _, html = reader.request(f"{first}{report_path}")
    assert status == 200
    share = re.search(r'id="share-url" href="[^"]*?(/r/[A-Za-z0-9_-]{16}/)"', html).group(1)  # type: ignore[union-attr]
    assert Browser().request(f"{second}/en{share}")[0] == 200
    assert reader.request(f"{second}{report_path}sharing/", {"enabled": "0"})[0] == 302
    assert Browser().request(f"{first}/en{share}")[0] == 404
    assert reader.request(f"{first}{report_path}delete/", {"confirm": "yes"})[0] == 302
    assert Browser().request(f"{second}{report_path}")[0] == 404


def test_a_rate_limit_counts_requests_to_both_servers(servers: tuple[str, str]) -> None:
    first, second = servers
    client = Browser()
    statuses = [client.request(f"{server}/en/search/?q=pause")[0] for server in (first, second, first, second, first)]
    assert statuses == [200] * 5
    assert client.request(f"{second}/en/search/?q=pause")[0] == 429
