"""The quick exit: one tap (or Esc twice) replaces the page, so Back does not return to it."""

from __future__ import annotations

import pytest
from playwright.sync_api import Browser, BrowserContext, Page, expect

from tests.browser.conftest import PHONE

WEATHER = {"en": "https://www.bbc.com/weather", "zh-hans": "https://www.weather.com.cn/"}


def neutral_site(context: BrowserContext) -> None:
    """No request leaves the test machine: the neutral sites answer from here."""
    for url in WEATHER.values():
        context.route(
            url.rstrip("/") + "*", lambda route: route.fulfill(body="<h1>Weather</h1>", content_type="text/html")
        )


@pytest.mark.parametrize("language", ["en", "zh-hans"])
def test_the_button_replaces_the_page_so_back_skips_it(site: str, browser: Browser, language: str) -> None:
    context = browser.new_context(**PHONE)
    neutral_site(context)
    page = context.new_page()
    page.goto(f"{site}/{language}/")
    page.goto(f"{site}/{language}/support/")
    page.locator(".quick-exit-sticky [data-quick-exit]").click()
    expect(page.get_by_role("heading", name="Weather")).to_be_visible()
    assert page.url.startswith(WEATHER[language].rstrip("/"))
    page.go_back()
    assert page.url == f"{site}/{language}/", "Back goes to the page before, never to the support page"
    context.close()


def test_escape_twice_leaves_but_not_while_typing(site: str, browser: Browser) -> None:
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    neutral_site(context)
    page = context.new_page()
    page.goto(f"{site}/en/search/?q=my+husband+forces+me")
    page.locator("#search-page-q").focus()
    page.keyboard.press("Escape")
    page.keyboard.press("Escape")
    assert "/en/search/" in page.url, "Esc in a text field does not leave"
    page.locator("h1").click()
    page.keyboard.press("Escape")
    page.keyboard.press("Escape")
    expect(page.get_by_role("heading", name="Weather")).to_be_visible()
    context.close()


def test_without_javascript_the_quick_exit_is_a_plain_link(site: str, browser: Browser) -> None:
    context = browser.new_context(java_script_enabled=False, **PHONE)
    neutral_site(context)
    page: Page = context.new_page()
    page.goto(f"{site}/en/articles/when-its-not-communication/")
    link = page.locator(".quick-exit-sticky [data-quick-exit]")
    expect(link).to_have_attribute("href", WEATHER["en"])
    link.click()
    expect(page.get_by_role("heading", name="Weather")).to_be_visible()
    # Without JavaScript the page stays in the history, as the "staying safe online" note says.
    page.go_back()
    assert "/when-its-not-communication/" in page.url
    context.close()
