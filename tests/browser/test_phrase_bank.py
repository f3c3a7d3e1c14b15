"""The phrase bank's filters, groups, pages and printable sheet, with JavaScript on and off."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import Browser, BrowserContext, Page, expect

from phrases.selectors import PAGE_SIZE
from tests.browser.conftest import PHONE, axe_violations


def serious_axe_violations(page: Page) -> list[dict[str, object]]:
    """axe-core on the page's address, in a page of its own with JavaScript (axe needs it)."""
    browser = page.context.browser
    assert browser is not None
    return axe_violations(browser, page.url)


@pytest.fixture(params=[True, False], ids=["javascript", "no-javascript"])
def reader(request: pytest.FixtureRequest, browser: Browser) -> BrowserContext:
    context = browser.new_context(**PHONE, java_script_enabled=request.param, reduced_motion="reduce")
    request.addfinalizer(context.close)
    return context


def group_headings(page: Page) -> list[str]:
    return [text.split("\n")[0].strip() for text in page.locator(".phrase-group h2").all_inner_texts()]


def test_the_bank_starts_with_a_few_phrases_of_each_situation(site: str, reader: BrowserContext) -> None:
    page = reader.new_page()
    page.goto(f"{site}/en/phrases/")
    assert len(group_headings(page)) == 8
    for group in page.locator(".phrase-group").all():
        assert 1 <= group.locator(".phrase").count() <= 3
    # One group at a time, without JavaScript too.
    page.get_by_role("button", name=re.compile(r"All \d+ phrases for “Repairing”")).click()
    page.wait_for_url(re.compile(r"situation=repairing"))
    assert group_headings(page) == ["Repairing"]
    expect(page.get_by_role("checkbox", name=re.compile("^Repairing"))).to_be_checked()
    assert serious_axe_violations(page) == []


def test_words_filter_across_the_phrase_and_its_situation(site: str, reader: BrowserContext) -> None:
    page = reader.new_page()
    page.goto(f"{site}/en/phrases/")
    box = page.get_by_role("searchbox", name="Words in the phrase or its situation")
    box.fill("sorry")
    box.press("Enter")
    page.wait_for_url(re.compile(r"[?&]q=sorry"))
    texts = page.locator(".phrase").all_inner_texts()
    assert texts and all("sorry" in text.lower() for text in texts)
    # A situation's name finds its phrases even when the phrase does not use the word.
    box = page.get_by_role("searchbox", name="Words in the phrase or its situation")
    box.fill("boundary")
    box.press("Enter")
    page.wait_for_url(re.compile(r"[?&]q=boundary"))
    assert "Setting a boundary" in group_headings(page)


def test_several_situations_at_once_grouped_with_counts(site: str, reader: BrowserContext) -> None:
    page = reader.new_page()
    page.goto(f"{site}/zh-hans/phrases/")
    page.get_by_role("checkbox", name=re.compile("^请求暂停")).check()
    page.get_by_role("checkbox", name=re.compile("^修复")).check()
    page.get_by_role("button", name="显示话术").click()
    page.wait_for_url(re.compile(r"situation=pause&situation=repairing"))
    headings = group_headings(page)
    assert headings[0] == "请求暂停"
    assert set(headings) <= {"请求暂停", "修复"}

    def number(text: str) -> int:
        return int(re.findall(r"\d+", text)[0])

    pause = number(page.get_by_role("checkbox", name=re.compile("^请求暂停")).locator("..").inner_text())
    repairing = number(page.get_by_role("checkbox", name=re.compile("^修复")).locator("..").inner_text())
    assert number(page.get_by_role("status").first.inner_text()) == pause + repairing
    assert number(page.locator(".group-count").first.inner_text()) == pause
    expect(page.locator(".phrase")).to_have_count(min(PAGE_SIZE, pause + repairing))


def test_pages_keep_the_filters_and_the_ticked_phrases(site: str, reader: BrowserContext) -> None:
    page = reader.new_page()
    page.goto(f"{site}/en/phrases/?situation=expressing-need")
    expect(page.locator(".phrase")).to_have_count(PAGE_SIZE)
    expect(page.get_by_role("status").first).to_contain_text("page 1 of")
    first = page.locator(".phrase").first
    first_text = first.locator(".phrase-text").inner_text().strip()
    first.get_by_role("checkbox", name="Put on my sheet").check()
    page.get_by_role("button", name="Next page").click()
    expect(page.get_by_role("status").first).to_contain_text("page 2 of")
    expect(page.locator(".phrase-group h2").first).to_contain_text("continued")
    assert group_headings(page) == ["Expressing a need"]
    second = page.locator(".phrase").nth(1)
    second_text = second.locator(".phrase-text").inner_text().strip()
    second.get_by_role("checkbox", name="Put on my sheet").check()
    expect(page.locator(".sheet-bar")).to_contain_text("1 phrase on your sheet")
    page.get_by_role("button", name="Make a printable sheet").click()
    page.wait_for_url(re.compile(r"/en/phrases/sheet/\?"))
    sheet = page.locator(".sheet-text").all_inner_texts()
    assert [t.strip() for t in sheet] == [first_text, second_text]
    assert serious_axe_violations(page) == []
    # Untick one and update: it leaves the sheet.
    page.get_by_role("checkbox", name="Keep on the sheet").first.uncheck()
    page.get_by_role("button", name="Update the sheet").click()
    expect(page.locator(".sheet-text")).to_have_text([second_text])
    # Back in the bank the remaining pick is still ticked where it is.
    page.get_by_role("link", name="Add more phrases").click()
    expect(page.locator(".sheet-bar")).to_contain_text("1 phrase on your sheet")


def test_the_sheet_prints_without_buttons_or_header(site: str, browser: Browser) -> None:
    context = browser.new_context(**PHONE)
    page = context.new_page()
    page.goto(f"{site}/en/phrases/?situation=declining")
    pick = page.locator(".phrase input[name=pick]").first.get_attribute("value")
    page.goto(f"{site}/en/phrases/sheet/?pick={pick}")
    page.emulate_media(media="print")
    expect(page.locator(".sheet-text")).to_have_count(1)
    expect(page.locator(".sheet-text")).to_be_visible()
    for hidden in (".site-header", ".sheet-actions", ".sheet-keep"):
        expect(page.locator(hidden).first).to_be_hidden()
    context.close()
