"""A reader takes the test in a real browser: phones and desktops, JavaScript on and off."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import Browser, Page, expect

from assessment import registry
from assessment.models import Result
from tests.browser.conftest import CHROMIUM_ARGS, PHONE, axe_violations  # noqa: F401

NEXT = {"en": "Next", "zh-hans": "下一步"}
FINISH = {"en": "See my result", "zh-hans": "查看我的结果"}


def answer_visible_pages(page: Page, language: str, choice: int = 2, reload_on: int | None = None) -> None:
    """Answer every question page; on phones with JavaScript, questions come one at a time."""
    pages = -(-len(registry.current_instrument().items) // 6)
    for number in range(1, pages + 1):
        page.wait_for_url(re.compile(rf"/test/{number}/$"))
        questions = page.locator("fieldset.question")
        for index in range(questions.count()):
            question = questions.nth(index)
            if question.locator("input:checked").count():
                continue
            question.wait_for(state="visible")
            question.locator("label.choice").nth(choice).click()
            # On a phone the next question appears 250 ms after a choice: skip that wait.
            page.clock.run_for(300)
            if reload_on == number and index == 2:
                page.reload()
                # Answers chosen on this page but not yet sent are still chosen after the reload.
                for kept in range(3):
                    expect(page.locator("fieldset.question").nth(kept).locator("input").nth(choice)).to_be_checked()
        page.get_by_role("button", name=NEXT[language]).click()


def answer_every_page_at_once(page: Page, choice: int = 2) -> None:
    """Each question page answered and sent in one step, for tests about what comes after the test
    (the answering itself, one question at a time, is what the tests above and the keyboard tests
    are about): the same form, posted with its Next button."""
    pages = -(-len(registry.current_instrument().items) // 6)
    for number in range(1, pages + 1):
        page.wait_for_url(re.compile(rf"/test/{number}/$"))
        with page.expect_navigation():
            page.evaluate(
                """(choice) => {
                    const form = document.querySelector('fieldset.question').form;
                    form.querySelectorAll('fieldset.question').forEach(
                        (question) => { question.querySelectorAll('input[type=radio]')[choice].checked = true; });
                    form.requestSubmit(form.querySelector('button[name=nav][value=next]'));
                }""",
                choice,
            )


def finish_safety(page: Page, language: str, position: int = 0) -> None:
    page.wait_for_url(re.compile(r"/test/safety/$"))
    for question in page.locator("fieldset.question").all():
        question.locator("label.choice").nth(position).click()
    page.get_by_role("button", name=FINISH[language]).click()


@pytest.mark.parametrize("language", ["en", "zh-hans"])
def test_phone_reader_takes_the_test_with_a_reload_in_the_middle(site: str, page: Page, language: str) -> None:
    page.goto(f"{site}/{language}/test/")
    page.locator("form.start-form button").first.click()
    # On a phone only one question shows at a time.
    expect(page.locator("fieldset.question:visible")).to_have_count(1)
    answer_visible_pages(page, language, reload_on=2)
    finish_safety(page, language)
    page.wait_for_url(re.compile(rf"/{language}/report/[A-Za-z0-9_-]{{32}}/\?new=1$"))
    expect(page.locator("#plan")).to_be_visible()
    result = Result.objects.get()
    assert len(result.answers) == len(registry.current_instrument().items)
    assert result.language == language


START = {"en": "Start the test", "zh-hans": "开始测试"}
UNANSWERED = {"en": "Some questions on this page have no answer yet", "zh-hans": "这一页还有题目没有作答"}
KEEP = {"en": "Keep this address", "zh-hans": "请保存这个网址"}


@pytest.mark.parametrize("language", ["en", "zh-hans"])
def test_without_javascript_the_test_works_as_plain_forms(site: str, browser: Browser, language: str) -> None:
    context = browser.new_context(java_script_enabled=False, viewport={"width": 390, "height": 844})
    page = context.new_page()
    page.goto(f"{site}/{language}/test/")
    page.get_by_role("button", name=START[language]).click()
    expect(page.locator("fieldset.question:visible")).to_have_count(6)
    page.get_by_role("button", name=NEXT[language]).click()
    expect(page.get_by_role("alert")).to_contain_text(UNANSWERED[language])
    answer_visible_pages(page, language, choice=4)
    finish_safety(page, language)
    expect(page.get_by_role("heading", name=KEEP[language])).to_be_visible()
    context.close()


def test_sharing_off_and_on_and_delete_in_the_browser(site: str, browser: Browser) -> None:
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    page = context.new_page()
    page.goto(f"{site}/en/test/")
    page.get_by_role("button", name="Start the test").click()
    expect(page.locator("fieldset.question:visible")).to_have_count(6)  # a few per page on wide screens
    answer_every_page_at_once(page, choice=1)
    finish_safety(page, "en")
    page.get_by_role("button", name="Turn sharing on").click()
    share_url = page.locator("#share-url").get_attribute("href")
    assert share_url
    share_path = share_url.replace("http://127.0.0.1:8000", "")
    viewer = browser.new_context().new_page()
    assert viewer.goto(site + share_path).status == 200
    page.get_by_role("button", name="Turn sharing off").click()
    assert viewer.goto(site + share_path).status == 404
    page.get_by_role("button", name="Turn sharing on").click()
    assert viewer.goto(site + share_path).status == 200
    report_url = page.url.split("?")[0]
    page.get_by_role("link", name="Delete this result, report and share page").click()
    page.get_by_label("Yes, delete everything").check()
    page.get_by_role("button", name="Delete for good").click()
    expect(page.get_by_role("heading", name="Your result was deleted")).to_be_visible()
    assert viewer.goto(report_url).status == 404
    assert viewer.goto(site + share_path).status == 404
    assert not Result.objects.exists()
    context.close()


def test_safety_signal_puts_support_first(site: str, browser: Browser) -> None:
    # A reader in mainland China: the browser's language region chooses the region's services.
    context = browser.new_context(**PHONE, locale="zh-CN")
    page = context.new_page()
    page.goto(f"{site}/zh-hans/test/")
    page.locator("form.start-form button").first.click()
    answer_every_page_at_once(page)
    finish_safety(page, "zh-hans", position=2)
    expect(page.locator("#support")).to_contain_text("12338")
    expect(page.locator("#plan")).to_have_count(0)
    context.close()


def test_every_page_of_the_flow_passes_axe(site: str, browser: Browser) -> None:
    context = browser.new_context(viewport={"width": 390, "height": 844})
    page = context.new_page()
    visited = []

    def check(url: str) -> None:
        # axe runs in a separate page without our cookies, so private pages are checked by URL only where public.
        visited.append(url)
        assert axe_violations(browser, url, context=context) == [], url

    check(f"{site}/en/test/")
    check(f"{site}/zh-hans/test/how-scoring-works/")
    check(f"{site}/en/support/")
    page.goto(f"{site}/en/test/")
    page.get_by_role("button", name="Start the test").click()
    check(page.url)
    answer_every_page_at_once(page)
    check(page.url)
    # No safety signal here: a report with one offers no sharing (tests/safety checks that page).
    finish_safety(page, "en", position=0)
    check(page.url)
    page.get_by_role("button", name="Turn sharing on").click()
    share_url = page.locator("#share-url").get_attribute("href")
    check(site + share_url.replace("http://127.0.0.1:8000", "").replace("/r/", "/zh-hans/r/"))
    page.get_by_role("link", name="Delete this result, report and share page").click()
    check(page.url)
    context.close()


def test_two_partners_in_two_languages_through_couple_mode(site: str, browser: Browser) -> None:
    inviter = browser.new_context(viewport={"width": 1280, "height": 900})
    partner = browser.new_context(**PHONE, reduced_motion="reduce")
    a = inviter.new_page()
    a.goto(f"{site}/en/test/")
    a.get_by_role("button", name="Start the test").click()
    answer_every_page_at_once(a, choice=3)
    finish_safety(a, "en")
    a.get_by_role("button", name="Create an invitation link").click()
    link = a.locator("#invite-url").inner_text().strip()
    assert "/couple/join/" in link
    b = partner.new_page()
    b.goto(link.replace("/en/", "/zh-hans/"))
    expect(b.get_by_role("heading", name="你被邀请一起比较沟通模式")).to_be_visible()
    b.get_by_label("我同意为这次比较做测试。看到自己的结果之后，我再决定是否分享。").check()
    b.get_by_role("button", name="同意并开始测试").click()
    answer_every_page_at_once(b, choice=1)
    finish_safety(b, "zh-hans")
    # The partner sees their own result first; until they choose, the inviter only waits.
    expect(b.get_by_role("heading", name="要把你的结果分享给邀请你的人吗？")).to_be_visible()
    a.reload()
    expect(a.get_by_role("heading", name="Waiting for your partner")).to_be_visible()
    b.get_by_label("现在分享我的结果").check()
    b.get_by_role("button", name="确认我的选择").click()
    expect(b.locator("h1")).to_be_visible()
    a.reload()
    expect(a.get_by_role("heading", name="Your joint report is ready")).to_be_visible()
    a.get_by_role("link", name="Open your joint report").first.click()
    expect(a.get_by_role("heading", name="Your patterns side by side")).to_be_visible()
    joint_a = a.url
    b.get_by_role("button", name="为我们两人都结束比较").click()
    assert a.goto(joint_a).status == 404
    inviter.close()
    partner.close()
