"""Share cards in a real browser: saving the story image, and what a link-preview robot gets."""

from __future__ import annotations

import io

import pytest
from django.test import Client
from django.utils import translation
from PIL import Image
from playwright.sync_api import Browser, expect

from sharing import images, views
from tests.browser.conftest import axe_violations
from tests.sharing.test_share_page import meta, pattern_of, shared_result

pytestmark = pytest.mark.browser

SAVE_STORY = {"en": "Save image for stories", "zh-hans": "保存竖版图片"}
SAVE_PREVIEW = {"en": "Save image for posts", "zh-hans": "保存横版图片"}


@pytest.mark.parametrize("width", [390, 1280])
@pytest.mark.parametrize("language", ["en", "zh-hans"])
def test_the_saved_story_image_is_1080_by_1920(site: str, browser: Browser, language: str, width: int) -> None:
    result = shared_result(Client(), language)
    context = browser.new_context(viewport={"width": width, "height": 844}, accept_downloads=True)
    page = context.new_page()
    page.goto(f"{site}/{language}/r/{result.share_id}/")
    expect(page.get_by_role("heading", level=1)).to_have_text(pattern_of(result, language).name)
    with page.expect_download() as story:
        page.get_by_role("link", name=SAVE_STORY[language]).click()
    assert Image.open(story.value.path()).size == (1080, 1920)
    with page.expect_download() as preview:
        page.get_by_role("link", name=SAVE_PREVIEW[language]).click()
    assert Image.open(preview.value.path()).size == (1200, 630)
    context.close()


@pytest.mark.parametrize("width", [390, 1280])
@pytest.mark.parametrize("language", ["en", "zh-hans"])
def test_every_text_on_the_share_page_is_readable_and_fits(
    site: str, browser: Browser, language: str, width: int
) -> None:
    result = shared_result(Client(), language)
    context = browser.new_context(viewport={"width": width, "height": 844}, java_script_enabled=False)
    page = context.new_page()
    page.goto(f"{site}/{language}/r/{result.share_id}/")
    smallest = page.evaluate(
        """() => Math.min(...[...document.querySelectorAll('.share-page *')]
            .filter(e => e.offsetParent !== null)
            .filter(e => [...e.childNodes].some(n => n.nodeType === 3 && n.textContent.trim()))
            .map(e => parseFloat(getComputedStyle(e).fontSize)))"""
    )
    assert smallest >= 14, smallest
    assert page.evaluate("document.documentElement.scrollWidth") <= width
    # The emblem is drawn without JavaScript, and named.
    expect(page.locator("svg.share-emblem title")).to_have_count(1)
    context.close()


def test_a_preview_robot_without_accept_language_gets_the_results_own_language_card(
    site: str, browser: Browser
) -> None:
    result = shared_result(Client(), "zh-hans")
    # A context's request client fetches like a link-preview robot: HTML and images, with no
    # Accept-Language header (Chromium's own page loads always add one, so they cannot stand in).
    robot = browser.new_context().request
    page = robot.get(f"{site}/r/{result.share_id}/")
    assert page.ok and page.url == f"{site}/zh-hans/r/{result.share_id}/"
    html = page.text()
    assert meta(html, "og:title").startswith("我的沟通模式：")
    assert meta(html, "og:description") == pattern_of(result, "zh-hans").summary
    image_url = meta(html, "og:image")
    assert image_url == f"http://127.0.0.1:8000/zh-hans/r/{result.share_id}/card.png"
    image = robot.get(site + image_url.removeprefix("http://127.0.0.1:8000"))
    assert image.ok and image.headers["content-type"] == "image/png"
    card = image.body()
    assert Image.open(io.BytesIO(card)).size == (1200, 630)
    with translation.override("zh-hans"):
        chinese = images.render(views.card_text(pattern_of(result, "zh-hans"), "zh-hans"), images.PREVIEW)
    with translation.override("en"):
        english = images.render(views.card_text(pattern_of(result, "en"), "en"), images.PREVIEW)
    assert card == chinese and card != english


def test_a_visitor_whose_browser_reads_english_still_opens_a_chinese_result_in_chinese(
    site: str, browser: Browser
) -> None:
    result = shared_result(Client(), "zh-hans")
    visitor = browser.new_context(locale="en-GB")
    page = visitor.new_page()
    page.goto(f"{site}/r/{result.share_id}/")
    assert page.url == f"{site}/zh-hans/r/{result.share_id}/"
    expect(page.locator("html")).to_have_attribute("lang", "zh-Hans")
    visitor.close()


@pytest.mark.parametrize("language", ["en", "zh-hans"])
def test_the_share_page_passes_axe(site: str, browser: Browser, language: str) -> None:
    result = shared_result(Client(), language)
    assert axe_violations(browser, f"{site}/{language}/r/{result.share_id}/") == []
