"""The header: compact on phones (site name, search button, menu), one row on desktops."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import Browser, Page, expect

from tests.browser.conftest import AXE, PHONE

HEADER_MAX_PHONE = 64
PAGES = [
    "/{lang}/",
    "/{lang}/articles/sexual-safety-after-no/",
    "/{lang}/phrases/",
    "/{lang}/glossary/",
    "/{lang}/test/",
    "/{lang}/search/?q=no",
]
MENU = {"en": "Menu", "zh-hans": "菜单"}
SEARCH = {"en": "Search", "zh-hans": "搜索"}


def header_height(page: Page) -> float:
    return float(page.evaluate("() => document.querySelector('.site-header').getBoundingClientRect().height"))


def serious_axe_violations(page: Page) -> list[str]:
    page.add_script_tag(path=str(AXE))
    result = page.evaluate("() => axe.run(document, {resultTypes: ['violations']})")
    return [v["id"] for v in result["violations"] if v["impact"] in ("serious", "critical")]


@pytest.mark.parametrize("language", ["en", "zh-hans"])
def test_phone_header_is_at_most_64_px_on_every_kind_of_page(site: str, page: Page, language: str) -> None:
    for path in PAGES:
        page.goto(site + path.format(lang=language))
        assert header_height(page) <= HEADER_MAX_PHONE, path
    # A question of the test too: the header leaves the screen to the question.
    page.goto(f"{site}/{language}/test/")
    page.locator("form.start-form button").first.click()
    expect(page.locator("fieldset.question:visible")).to_have_count(1)
    assert header_height(page) <= HEADER_MAX_PHONE


@pytest.mark.parametrize("language", ["en", "zh-hans"])
def test_menu_opens_the_sections_and_languages_without_javascript(site: str, browser: Browser, language: str) -> None:
    context = browser.new_context(**PHONE, java_script_enabled=False)
    page = context.new_page()
    page.goto(f"{site}/{language}/")
    sections = page.get_by_role("navigation", name=re.compile("Main|主导航")).get_by_role("link")
    expect(sections.first).to_be_hidden()
    page.get_by_text(MENU[language], exact=True).click()
    expect(sections).to_have_count(4)
    expect(sections.first).to_be_visible()
    other = "English" if language == "zh-hans" else "简体中文"
    page.get_by_role("navigation", name=re.compile("Language|语言")).get_by_role("link", name=other).click()
    page.wait_for_url(re.compile(r"/(en|zh-hans)/$"))
    assert not page.url.endswith(f"/{language}/")
    # Without JavaScript the search button is a link to the search page and its field.
    page.get_by_role("link", name=SEARCH["zh-hans" if language == "en" else "en"], exact=True).click()
    expect(page.locator("#search-page-q")).to_be_visible()
    context.close()


def test_search_button_opens_the_field_and_escape_closes_it(site: str, page: Page) -> None:
    page.goto(f"{site}/en/articles/")
    field = page.get_by_role("searchbox", name="Search the wiki")
    expect(field).to_be_hidden()
    button = page.locator("[data-search-toggle]")
    expect(button).to_have_accessible_name("Search")
    expect(button).to_have_attribute("aria-expanded", "false")
    button.click()
    expect(field).to_be_visible()
    expect(field).to_be_focused()
    expect(button).to_have_attribute("aria-expanded", "true")
    field.press("Escape")
    expect(field).to_be_hidden()
    expect(button).to_be_focused()
    button.press("Enter")
    field.fill("stonewalling")
    field.press("Enter")
    page.wait_for_url(re.compile(r"/en/search/\?q=stonewalling"))


def test_menu_closes_with_escape_and_passes_axe_open(site: str, browser: Browser) -> None:
    context = browser.new_context(**PHONE, bypass_csp=True)
    page = context.new_page()
    page.goto(f"{site}/zh-hans/phrases/")
    summary = page.locator(".site-menu > summary")
    expect(summary).to_have_accessible_name("菜单")
    summary.focus()
    page.keyboard.press("Enter")
    expect(page.get_by_role("link", name="概念词典")).to_be_visible()
    assert serious_axe_violations(page) == []
    page.keyboard.press("Tab")
    page.keyboard.press("Escape")
    expect(page.get_by_role("link", name="概念词典")).to_be_hidden()
    assert page.evaluate("() => document.activeElement.tagName") == "SUMMARY"
    context.close()


@pytest.mark.parametrize("language", ["en", "zh-hans"])
def test_desktop_header_is_one_row_with_languages_level_and_placeholder_whole(
    site: str, browser: Browser, language: str
) -> None:
    context = browser.new_context(viewport={"width": 1280, "height": 800})
    page = context.new_page()
    page.goto(f"{site}/{language}/")
    expect(page).to_have_title({"en": "Relationship Communication Wiki", "zh-hans": "关系沟通百科"}[language])
    boxes = page.evaluate(
        """() => [...document.querySelector('.header-row').children]
            .filter(e => e.getClientRects().length && getComputedStyle(e).display !== 'none')
            .map(e => { const r = e.getBoundingClientRect(); return [e.className, r.top, r.bottom]; })"""
    )
    names = " ".join(name for name, _, _ in boxes)
    assert "brand" in names and "site-nav" in names and "site-search" in names and "language-switch" in names
    top = max(t for _, t, _ in boxes)
    bottom = min(b for _, _, b in boxes)
    assert top < bottom, f"every part of the header shares one row: {boxes}"
    assert header_height(page) <= 72
    # "English" and "简体中文" sit at the same height.
    middles = page.evaluate(
        """() => [...document.querySelectorAll('.language-switch.wide-only li > *')]
            .map(e => { const r = e.getBoundingClientRect(); return Math.round(r.top + r.height / 2); })"""
    )
    assert len(middles) == 2 and abs(middles[0] - middles[1]) <= 1
    # The placeholder fits its field.
    fits = page.evaluate(
        """() => {
            const input = document.querySelector('#site-search-q');
            const style = getComputedStyle(input);
            const context = document.createElement('canvas').getContext('2d');
            context.font = `${style.fontWeight} ${style.fontSize} ${style.fontFamily}`;
            const room = input.clientWidth - parseFloat(style.paddingLeft) - parseFloat(style.paddingRight);
            return context.measureText(input.placeholder).width <= room;
        }"""
    )
    assert fits
    context.close()


def test_quick_exit_stays_in_view_under_the_phone_header(site: str, page: Page) -> None:
    page.goto(f"{site}/en/support/")
    leave = page.locator("a[data-quick-exit]").first
    expect(leave).to_be_visible()
    for scrolled in (0, 1500):
        page.evaluate(f"window.scrollTo(0, {scrolled})")
        page.wait_for_timeout(100)
        box = leave.bounding_box()
        assert box and box["y"] >= 0 and box["y"] + box["height"] <= 844
        on_top = page.evaluate(
            f"() => document.elementFromPoint({box['x'] + box['width'] / 2}, {box['y'] + box['height'] / 2})"
            ".closest('[data-quick-exit]') !== null"
        )
        assert on_top, "nothing covers the quick exit"
