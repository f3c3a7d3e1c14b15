"""What a reader does, on a phone-sized screen, in both languages."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import Browser, BrowserContext, Page, expect

from tests.browser.conftest import axe_violations

FLAGSHIP = "sexual-safety-after-no"


@pytest.mark.parametrize("language", ["en", "zh-hans"])
def test_reader_opens_an_article_and_sees_every_part(site: str, page: Page, language: str) -> None:
    page.goto(f"{site}/{language}/articles/{FLAGSHIP}/")
    expect(page.locator("h1")).to_be_visible()
    for anchor in ("problem", "concepts", "steps", "cases", "practice", "conclusion", "phrases", "faq", "references"):
        expect(page.locator(f"#{anchor}")).to_have_count(1)
    heading = "可以直接复制的话" if language == "zh-hans" else "Phrases you can copy"
    expect(page.get_by_role("heading", name=heading)).to_be_visible()


def test_copy_button_puts_the_phrase_on_the_clipboard(site: str, context: BrowserContext) -> None:
    context.grant_permissions(["clipboard-read", "clipboard-write"], origin=site)
    page = context.new_page()
    page.goto(f"{site}/en/articles/{FLAGSHIP}/")
    first = page.locator(".phrase").first
    text = first.locator(".phrase-text").inner_text().strip()
    first.get_by_role("button", name="Copy").click()
    expect(first.locator(".copy-status")).to_have_text("Copied")
    assert page.evaluate("() => navigator.clipboard.readText()") == text


def test_without_javascript_the_phrase_is_selectable_and_no_dead_button_shows(site: str, browser: Browser) -> None:
    context = browser.new_context(java_script_enabled=False, viewport={"width": 390, "height": 844})
    page = context.new_page()
    page.goto(f"{site}/zh-hans/articles/{FLAGSHIP}/")
    phrase = page.locator(".phrase").first
    expect(phrase.locator("button")).to_be_hidden()
    assert phrase.locator(".phrase-text").evaluate("e => getComputedStyle(e).userSelect") == "all"
    context.close()


def test_language_switch_keeps_the_reader_on_the_same_article(site: str, page: Page) -> None:
    page.goto(f"{site}/en/articles/{FLAGSHIP}/")
    page.get_by_text("Menu", exact=True).click()  # on a phone the languages are in the menu
    page.get_by_role("navigation", name="Language").get_by_role("link", name="简体中文").click()
    page.wait_for_url(f"{site}/zh-hans/articles/{FLAGSHIP}/")
    assert page.locator("html").get_attribute("lang") == "zh-Hans"
    page.get_by_text("菜单", exact=True).click()
    page.get_by_role("link", name="English").first.click()
    page.wait_for_url(f"{site}/en/articles/{FLAGSHIP}/")


def test_article_is_comfortable_to_read_on_a_phone(site: str, page: Page) -> None:
    page.goto(f"{site}/zh-hans/articles/{FLAGSHIP}/")
    no_sideways_scroll = page.evaluate("() => document.documentElement.scrollWidth <= window.innerWidth")
    assert no_sideways_scroll
    body = page.locator(".article-body p").first
    size = body.evaluate("e => parseFloat(getComputedStyle(e).fontSize)")
    line = body.evaluate("e => parseFloat(getComputedStyle(e).lineHeight)")
    assert size >= 16 and line / size >= 1.5
    width = body.evaluate("e => e.getBoundingClientRect().width")
    assert width >= 330, "text uses the phone's width, not a narrow column"


def test_reader_finds_a_phrase_by_situation_without_javascript(site: str, browser: Browser) -> None:
    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()
    page.goto(f"{site}/en/phrases/")
    page.get_by_role("checkbox", name=re.compile("Asking for a pause")).check()
    page.get_by_role("button", name="Show phrases").click()
    page.wait_for_url(re.compile(rf"{site}/en/phrases/\?(q=&)?situation=pause(#found)?$"))
    tags = page.locator(".phrase .tag").all_inner_texts()
    assert tags and set(tags) == {"Asking for a pause"}
    context.close()


@pytest.mark.parametrize(
    "path",
    [
        "/en/",
        "/zh-hans/",
        f"/en/articles/{FLAGSHIP}/",
        f"/zh-hans/articles/{FLAGSHIP}/",
        "/en/phrases/?situation=pause",
        "/zh-hans/glossary/",
        "/en/no-such-page/",
    ],
)
def test_no_serious_accessibility_violations(site: str, browser: Browser, path: str) -> None:
    assert axe_violations(browser, site + path) == []


def test_suggestions_appear_as_the_reader_types(site: str, page: Page) -> None:
    page.goto(f"{site}/zh-hans/")
    page.get_by_role("button", name="搜索").click()  # on a phone the field opens from a button
    box = page.get_by_role("searchbox", name="搜索本站")
    box.fill("道歉")
    suggestion = page.locator("#site-search-suggestions a").first
    expect(suggestion).to_be_visible()
    box.press("ArrowDown")
    box.press("Enter")
    page.wait_for_url(re.compile(r"/zh-hans/(articles|glossary)/"))


def test_search_works_without_javascript_and_passes_axe(site: str, browser: Browser) -> None:
    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()
    page.goto(f"{site}/en/")
    page.get_by_role("searchbox", name="Search the wiki").fill("apologizing")
    page.get_by_role("searchbox", name="Search the wiki").press("Enter")
    expect(page.locator(".search-hit").first).to_be_visible()
    expect(page.locator(".search-hit mark").first).to_be_visible()
    assert axe_violations(browser, page.url) == []
    context.close()
