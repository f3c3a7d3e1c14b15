"""Playwright driving Debian's Chromium (/usr/bin/chromium) against a live test server."""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path
from typing import Any, cast

import pytest

# Playwright's sync API runs an event loop in this thread; Django's ORM calls in fixtures are safe.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")

from playwright.sync_api import Browser, BrowserContext, Page, sync_playwright

from wiki.content.repository import SiteContent

CHROMIUM = os.environ.get("CHROMIUM_PATH", "/usr/bin/chromium")
AXE = Path(__file__).resolve().parents[2] / "node_modules" / "axe-core" / "axe.min.js"
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
    "--host-resolver-rules=MAP * ~NOTFOUND, EXCLUDE 127.0.0.1, EXCLUDE localhost",
]
PHONE: dict[str, Any] = {
    "viewport": {"width": 390, "height": 844},
    "device_scale_factor": 2,
    "is_mobile": True,
    "has_touch": True,
}


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    for item in items:
        if "tests/browser/" in str(item.fspath):
            item.add_marker(pytest.mark.browser)


class ClockedBrowser:
    """Chromium whose every new context runs on Playwright's clock: time passes as usual, and a
    test may skip ahead (`page.clock.run_for`) instead of waiting out a page's timer."""

    def __init__(self, browser: Browser) -> None:
        self._browser = browser

    def new_context(self, **options: Any) -> BrowserContext:
        context = self._browser.new_context(**options)
        context.clock.install()
        return context

    def __getattr__(self, name: str) -> Any:
        return getattr(self._browser, name)


@pytest.fixture(scope="session")
def browser() -> Iterator[Browser]:
    if not Path(CHROMIUM).exists():
        pytest.fail(f"Chromium not found at {CHROMIUM}: run `make install-dev` (bin/system-deps test)")
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield cast(Browser, ClockedBrowser(browser))
        browser.close()


@pytest.fixture
def context(browser: Browser) -> Iterator[BrowserContext]:
    context = browser.new_context(**PHONE, reduced_motion="reduce")
    yield context
    context.close()


@pytest.fixture
def page(context: BrowserContext) -> Page:
    return context.new_page()


# What readers write in a browser test; everything else (the content) stays for the whole session.
READERS_MODELS = ("assessment.Draft", "assessment.Result", "couples.Invitation", "couples.Pairing",
                  "together.TogetherList", "together.Side", "sessions.Session")  # fmt: skip


def forget_readers() -> None:
    from django.apps import apps

    for name in READERS_MODELS:
        apps.get_model(name)._base_manager.all().delete()


@pytest.fixture(autouse=True)
def _live_server_helper(request: pytest.FixtureRequest) -> Iterator[None]:
    """pytest-django's own helper, less the transactional database it would add to every browser
    test: emptying every table after each test would cost a content load before the next one. The
    `site` fixture below keeps the content and removes what the test's readers wrote instead."""
    if "live_server" not in request.fixturenames:
        yield
        return
    live_server = request.getfixturevalue("live_server")
    live_server._live_server_modified_settings.enable()
    yield
    live_server._live_server_modified_settings.disable()


@pytest.fixture
def site(django_db_setup: None, django_db_blocker: Any, live_server: Any, bundled_site: SiteContent) -> Iterator[str]:
    """The live site on the test database: content loaded once, no reader's data from before.

    The database is set up before the server starts, so the server stops (closing its
    connections) before the test database is dropped."""
    from django.db import connections

    from wiki.models import Article
    from wiki.services import content_apply

    with django_db_blocker.unblock():
        forget_readers()
        if not Article.objects.exists():  # a transactional test elsewhere emptied the tables
            content_apply(site=bundled_site)
        yield str(live_server.url)
        forget_readers()
        # As a transactional test case does: no connection of this test stays open, so the test
        # database can be dropped at the end of the run.
        connections.close_all()


def axe_violations(browser: Browser, url: str, context: BrowserContext | None = None) -> list[dict[str, object]]:
    """Serious and critical axe-core violations on a page (CSP bypassed to inject axe only).

    With `context`, the page is opened with that context's cookies (a test in progress).
    """
    if context is not None:
        checker = browser.new_context(bypass_csp=True, storage_state=context.storage_state())
        page = checker.new_page()
    else:
        page = browser.new_page(bypass_csp=True)
    try:
        page.goto(url)
        page.add_script_tag(path=str(AXE))
        result = page.evaluate("() => axe.run(document, {resultTypes: ['violations']})")
    finally:
        page.close()
        if context is not None:
            checker.close()
    return [
        {"id": v["id"], "impact": v["impact"], "nodes": [n["target"] for n in v["nodes"]][:3]}
        for v in result["violations"]
        if v["impact"] in ("serious", "critical")
    ]
