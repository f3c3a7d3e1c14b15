"""The hardening findings, each at its cause: logs, a hung Redis, rate limits, the page cache, secrets."""

from __future__ import annotations

import io
import logging
import socket
import subprocess
import sys
from collections.abc import Iterator
from http import HTTPStatus
from typing import Any

import pytest
from django.core.cache.backends.redis import RedisCacheClient
from django.test import Client, RequestFactory, override_settings

from assessment import registry
from assessment.instrument import Instrument
from core.cache_backend import BreakerRedisCache, CacheUnavailable
from core.logging import RedactPrivate
from core.ratelimit import client_address
from tests.assessment.test_flow import neutral, no_danger, take_test
from tests.couples.test_couple_mode import answers_for, invite

pytestmark = pytest.mark.django_db


@pytest.fixture
def instrument() -> Instrument:
    return registry.current_instrument()


def test_no_token_or_search_word_reaches_the_log_on_any_4xx(
    site_content: object, instrument: Instrument, log_output: io.StringIO
) -> None:
    owner = Client()
    report = take_test(owner, "en", answers_for(instrument, "steady-connector"), no_danger(instrument)).split("?")[0]
    report_token = report.rstrip("/").rsplit("/", 1)[1]
    join = invite(owner, report)
    join_token = join.rstrip("/").rsplit("/", 1)[1]
    from assessment.models import Result

    share_id = Result.objects.get().share_id
    assert owner.post(report + "delete/", {}).status_code == HTTPStatus.BAD_REQUEST
    assert owner.get(report + "couple/1/").status_code == HTTPStatus.NOT_FOUND
    assert Client().post(join, {}).status_code == HTTPStatus.BAD_REQUEST
    assert Client().get(f"/en/r/{share_id}/").status_code == HTTPStatus.NOT_FOUND  # sharing is off
    forged = Client(enforce_csrf_checks=True).post(join, {"consent": "yes"}, HTTP_ORIGIN="null")
    assert forged.status_code == HTTPStatus.FORBIDDEN
    with override_settings(RATE_LIMITS={**__import__("django.conf").conf.settings.RATE_LIMITS, "invite": "1/600"}):
        owner.post(report + "invite/")
        assert owner.post(report + "invite/").status_code == HTTPStatus.TOO_MANY_REQUESTS
    assert Client().get("/en/search/", {"q": "myhusbandsecretword"}).status_code == HTTPStatus.OK
    Client().get("/en/no-such-page/?q=anothersecretword")
    written = log_output.getvalue()
    assert "Bad Request" in written and "Not Found" in written and "Too Many Requests" in written
    for secret in (report_token, join_token, share_id, "myhusbandsecretword", "anothersecretword"):
        assert secret not in written
    assert "[redacted]" in written


def test_the_filter_also_cleans_messages_given_as_arguments() -> None:
    record = logging.LogRecord(
        "x", logging.WARNING, __file__, 1, "%s: %s", ("Not Found", "/en/report/aB3dEfGhIjKlMnOpQrStUvWxYz012345/"), None
    )
    RedactPrivate().filter(record)
    assert record.getMessage() == "Not Found: /en/report/[redacted]/"


DEBUG_LOG_SCRIPT = """
import logging, os
os.environ["DJANGO_SETTINGS_MODULE"] = "config.settings"
import django
django.setup()
path = "/en/report/aB3dEfGhIjKlMnOpQrStUvWxYz012345/"
# As the development server, the request handler and a failing view write them.
logging.getLogger("django.server").info('"%s" %s %s', "GET " + path + " HTTP/1.1", "404", "179")
logging.getLogger("django.request").warning("Not Found: %s", path)
try:
    raise LookupError("no report at " + path)
except LookupError:
    logging.getLogger("django.request").error("Internal Server Error: %s", path, exc_info=True)
# With DEBUG on, Django logs each SQL statement with its parameters, a search word among them.
from django.db import connection
with connection.cursor() as cursor:
    cursor.execute("SELECT %s", ["mysecretsearchword"])
"""


def test_with_debug_on_django_s_own_log_lines_are_redacted_too(tmp_path: Any) -> None:
    env = {"DEBUG": "1", "LOG_LEVEL": "DEBUG", "VAR_DIR": str(tmp_path), "PATH": "/usr/bin:/bin"}
    run = subprocess.run([sys.executable, "-c", DEBUG_LOG_SCRIPT], env=env, capture_output=True, text=True)
    assert run.returncode == 0, run.stderr
    written = run.stdout + run.stderr
    assert "Not Found" in written and "Internal Server Error" in written and "LookupError" in written
    assert '"GET /en/report/[redacted]/ HTTP/1.1" 404' in written
    assert "aB3dEfGhIjKlMnOpQrStUvWxYz012345" not in written and "mysecretsearchword" not in written


@pytest.fixture
def hung_redis() -> Iterator[str]:
    """A listener that accepts connections and never answers, like a hung Redis."""
    listener = socket.socket()
    listener.bind(("127.0.0.1", 0))
    listener.listen(64)
    yield f"redis://127.0.0.1:{listener.getsockname()[1]}/0"
    listener.close()


@pytest.fixture
def refused_redis() -> str:
    """An address where nothing listens: every connection is refused, as when Redis is down."""
    probe = socket.socket()
    probe.bind(("127.0.0.1", 0))
    port = probe.getsockname()[1]
    probe.close()
    return f"redis://127.0.0.1:{port}/0"


@pytest.mark.parametrize("fault", ["hung_redis", "refused_redis"])
def test_a_hung_or_stopped_redis_costs_one_short_timeout_per_interval(
    fault: str, request: pytest.FixtureRequest, monkeypatch: pytest.MonkeyPatch, caplog: pytest.LogCaptureFixture
) -> None:
    location = request.getfixturevalue(fault)
    calls = {"n": 0}
    original = RedisCacheClient.get

    def counted(self: RedisCacheClient, *args: Any, **kwargs: Any) -> Any:
        calls["n"] += 1
        return original(self, *args, **kwargs)

    monkeypatch.setattr(RedisCacheClient, "get", counted)
    cache = BreakerRedisCache(
        location,
        {"OPTIONS": {"socket_connect_timeout": 0.2, "socket_timeout": 0.2, "BREAKER_SECONDS": 60}},
    )
    with caplog.at_level(logging.WARNING, logger="core.cache"):
        for _ in range(25):
            with pytest.raises(CacheUnavailable):
                cache.get("page:1:x")
    assert calls["n"] == 1, "after the first failure the breaker answers without touching the network"
    lines = [r for r in caplog.records if r.name == "core.cache"]
    assert len(lines) == 1 and lines[0].exc_info is None  # one line, no traceback


def test_pages_and_the_share_image_are_served_while_redis_hangs(
    client: Client, site_content: object, instrument: Instrument, hung_redis: str
) -> None:
    report = take_test(client, "en", neutral(instrument), no_danger(instrument)).split("?")[0]
    client.post(report + "sharing/", {"enabled": "1"})
    from assessment.models import Result

    share_id = Result.objects.get().share_id
    caches = {
        "default": {
            "BACKEND": "core.cache_backend.BreakerRedisCache",
            "LOCATION": hung_redis,
            "OPTIONS": {"socket_connect_timeout": 0.2, "socket_timeout": 0.2, "BREAKER_SECONDS": 60},
        }
    }
    with override_settings(CACHES=caches):
        from core.cache import forget_local_version

        forget_local_version()
        assert client.get("/en/articles/flooding-and-breaks/").status_code == HTTPStatus.OK
        assert client.get(f"/en/r/{share_id}/card.png").status_code == HTTPStatus.OK
        assert client.post("/en/test/begin/", {"action": "start"}).status_code == HTTPStatus.FOUND


@pytest.mark.parametrize(
    ("forwarded", "expected"),
    [("203.0.113.9", "203.0.113.9"), ("1.2.3.4, 203.0.113.9", "203.0.113.9"), ("", "10.0.0.1")],
)
def test_the_rate_limit_counts_the_address_our_proxy_appended(forwarded: str, expected: str) -> None:
    request = RequestFactory().get("/", REMOTE_ADDR="10.0.0.1", HTTP_X_FORWARDED_FOR=forwarded)
    with override_settings(TRUST_X_FORWARDED_FOR=True, TRUSTED_PROXY_COUNT=1):
        assert client_address(request) == expected


def test_a_client_cannot_escape_the_limit_by_writing_its_own_forwarded_for(
    site_content: object, instrument: Instrument
) -> None:
    client = Client()
    report = take_test(client, "en", neutral(instrument), no_danger(instrument)).split("?")[0]
    from django.conf import settings

    with override_settings(TRUST_X_FORWARDED_FOR=True, RATE_LIMITS={**settings.RATE_LIMITS, "pdf": "2/600"}):
        statuses = [
            client.get(report + "report.pdf", HTTP_X_FORWARDED_FOR=f"198.51.100.{n}, 203.0.113.9").status_code
            for n in range(4)
        ]
    assert statuses[:2] == [HTTPStatus.OK, HTTPStatus.OK]
    assert statuses[2:] == [HTTPStatus.TOO_MANY_REQUESTS, HTTPStatus.TOO_MANY_REQUESTS]


def test_retake_and_the_admin_login_are_rate_limited(site_content: object, instrument: Instrument) -> None:
    from django.conf import settings

    client = Client()
    report = take_test(client, "en", neutral(instrument), no_danger(instrument)).split("?")[0]
    limits = {**settings.RATE_LIMITS, "retake": "1/600", "login": "3/900"}
    with override_settings(RATE_LIMITS=limits):
        assert client.post(report + "retake/").status_code == HTTPStatus.FOUND
        assert client.post(report + "retake/").status_code == HTTPStatus.TOO_MANY_REQUESTS
        login = f"/{settings.ADMIN_PATH}login/"
        statuses = [Client().post(login, {"username": "a", "password": f"wrong{n}"}).status_code for n in range(5)]
    assert statuses[:3] == [HTTPStatus.OK] * 3 and statuses[3:] == [HTTPStatus.TOO_MANY_REQUESTS] * 2


def test_query_strings_neither_fill_nor_miss_the_page_cache(client: Client, site_content: object) -> None:
    from django.core.cache import cache

    client.get("/en/articles/flooding-and-breaks/")
    before = len(cache._cache)  # type: ignore[attr-defined]
    for n in range(30):
        assert client.get(f"/en/articles/flooding-and-breaks/?utm={n}").status_code == HTTPStatus.OK
    assert len(cache._cache) == before  # type: ignore[attr-defined]


def test_a_short_secret_key_is_refused_in_production() -> None:
    code = "import os; os.environ['DJANGO_SETTINGS_MODULE']='config.settings'; import django; django.setup()"
    env = {"PRODUCTION": "1", "SECRET_KEY": "x", "ALLOWED_HOSTS": "example.org", "PATH": "/usr/bin:/bin"}
    run = subprocess.run([sys.executable, "-c", code], env=env, capture_output=True, text=True)
    assert run.returncode != 0 and "at least 50 random characters" in run.stderr


def test_the_pdf_is_cached_privately_and_forgotten_when_the_result_is_deleted(
    client: Client, site_content: object, instrument: Instrument
) -> None:
    from django.core.cache import cache

    report = take_test(client, "en", neutral(instrument), no_danger(instrument)).split("?")[0]
    first = client.get(report + "report.pdf")
    keys = [k for k in cache._cache if "report-pdf:" in k]  # type: ignore[attr-defined]
    assert len(keys) == 1
    assert client.get(report + "report.pdf").content == first.content
    client.post(report + "delete/", {"confirm": "yes"})
    assert not [k for k in cache._cache if "report-pdf:" in k]  # type: ignore[attr-defined]


@pytest.mark.parametrize("value", ["³", "①", "３", "9" * 5000, "1" * 20, "-1", "1.0", " 3", "0x3", ""])
def test_answer_values_that_are_not_declared_codes_change_nothing(
    client: Client, instrument: Instrument, value: str
) -> None:
    from assessment.models import Draft

    client.post("/en/test/begin/", {"action": "start"})
    first_item = instrument.items[0].id
    response = client.post("/en/test/1/", {first_item: value, "nav": "next"})
    assert response.status_code in (HTTPStatus.BAD_REQUEST, HTTPStatus.OK)
    assert response.status_code != HTTPStatus.INTERNAL_SERVER_ERROR
    assert Draft.objects.get().answers == {}
    safety = client.post("/en/test/safety/", {instrument.safety_items[0].id: value})
    assert safety.status_code in (HTTPStatus.BAD_REQUEST, HTTPStatus.FOUND, HTTPStatus.OK)
