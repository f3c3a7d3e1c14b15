"""Two people, two browsers: "Yes, maybe, no, together" with JavaScript on and off, in both languages.

Also: private notes never leave the browser, no request leaves the site, the pressured exit, and axe.
"""

from __future__ import annotations

import os
import re
from pathlib import Path

import pytest
from playwright.sync_api import Browser, BrowserContext, Page, Request, expect

from together.models import Side, TogetherList
from together.selectors import item_set

from .conftest import PHONE, axe_violations

pytestmark = pytest.mark.browser

START = {"en": "Start my list", "zh-hans": "开始我的清单"}
ADULT = {"en": "I am 18 or older.", "zh-hans": "我已年满 18 岁。"}
CONSENT = {
    "en": "I want to do this, and I understand what is and is not shown.",
    "zh-hans": "我愿意参加，并且清楚哪些内容会显示、哪些不会。",
}
AGREE = {"en": "Agree and start", "zh-hans": "同意并开始"}
INVITE = {"en": "Make an invitation link", "zh-hans": "生成邀请链接"}
BEGIN = {"en": "Start answering", "zh-hans": "开始作答"}
NEXT = {"en": "Save and continue", "zh-hans": "保存并继续"}
LAST = {"en": "Save and see my list", "zh-hans": "保存并查看我的清单"}
FINISHED = {"en": "I have finished", "zh-hans": "我已完成"}
MATCHES = {"en": "Your matches", "zh-hans": "你们的交集"}
BOTH_YES = {"en": "You both said yes", "zh-hans": "你们都选了“愿意”"}
ENDED = {"en": "This list has ended", "zh-hans": "这份清单已结束"}
PRESSURED = {"en": "I feel pressured to do this", "zh-hans": "我觉得自己是被逼着做这件事的"}
END_AND_SUPPORT = {"en": "End the list and show me support", "zh-hans": "结束清单，并告诉我去哪里求助"}
LEVELS = {
    "en": ["Affection and closeness", "Sensual", "Sexual", "More adventurous"],
    "zh-hans": ["亲昵与陪伴", "感官与抚触", "性", "更多探索"],
}
SCREENSHOTS = os.environ.get("TOGETHER_SCREENSHOTS", "")
STORED_NOTES = "() => Object.keys(localStorage).filter(k => k.startsWith('rcw-together-notes:')).length"


def watch(page: Page, site: str) -> list[Request]:
    """Every request the page makes, to check what is sent and where."""
    seen: list[Request] = []

    def record(request: Request) -> None:
        seen.append(request)

    page.on("request", record)
    return seen


def start_list(page: Page, site: str, language: str, level: int) -> str:
    page.goto(f"{site}/{language}/together/")
    expect(page.locator("label.level-choice").nth(level - 1)).to_contain_text(LEVELS[language][level - 1])
    page.locator("label.level-choice").nth(level - 1).click()
    page.get_by_label(ADULT[language]).check()
    page.get_by_role("button", name=START[language]).click()
    page.wait_for_url(re.compile(rf"/{language}/together/[A-Za-z0-9_-]{{32}}/\?new=1$"))
    return page.url.split("?")[0]


def make_invitation(page: Page, language: str) -> str:
    page.get_by_role("button", name=INVITE[language]).click()
    link = page.locator("#invite-url").inner_text().strip()
    assert re.search(r"/together/join/[A-Za-z0-9_-]{32}/$", link)
    return link


def accept(page: Page, link: str, language: str, level: int) -> str:
    page.goto(re.sub(r"/(en|zh-hans)/together/", f"/{language}/together/", link))
    expect(page.get_by_role("heading", level=1)).to_be_visible()
    assert page.locator('input[name^="item-"]').count() == 0  # nothing to fill in before agreeing
    page.locator("label.level-choice").nth(level - 1).click()
    page.get_by_label(ADULT[language]).check()
    page.get_by_label(CONSENT[language]).check()
    page.get_by_role("button", name=AGREE[language]).click()
    page.wait_for_url(re.compile(rf"/{language}/together/[A-Za-z0-9_-]{{32}}/\?new=1$"))
    return page.url.split("?")[0]


def answer_everything(page: Page, language: str, choice: int = 0, note: str = "", at_once: bool = False) -> None:
    """Answer each part through its form; `choice` 0 is yes; a note goes on the first item.

    `at_once` chooses every item of a part in one step (for tests about the matches, not about
    answering): the same choices, clicked by the page's own script rather than one by one.
    """
    # Each part is answered only once it has loaded, never the page being left.
    with page.expect_navigation():
        page.get_by_role("link", name=BEGIN[language]).click()
    while True:
        questions = page.locator("fieldset.together-item")
        if at_once and not note:
            page.evaluate(
                """(choice) => document.querySelectorAll('fieldset.together-item').forEach((question) => {
                    const choices = question.querySelectorAll('label.choice');
                    choices[Math.min(choice, choices.length - 1)].click();
                })""",
                choice,
            )
        for index in range(0 if at_once and not note else questions.count()):
            question = questions.nth(index)
            choices = question.locator("label.choice")
            choices.nth(min(choice, choices.count() - 1)).click()
            if note and index == 0:
                question.locator("details.together-note summary").click()
                question.locator("textarea").fill(note)
                note = ""
        next_button = page.get_by_role("button", name=NEXT[language])
        if next_button.count():
            with page.expect_navigation():
                next_button.click()
        else:
            page.get_by_role("button", name=LAST[language]).click()
            break
    page.get_by_role("button", name=FINISHED[language]).click()


def shoot(page: Page, name: str) -> None:
    if SCREENSHOTS:
        Path(SCREENSHOTS).mkdir(parents=True, exist_ok=True)
        page.screenshot(path=str(Path(SCREENSHOTS) / f"{name}.png"), full_page=True)


@pytest.mark.parametrize(("language_a", "language_b"), [("en", "zh-hans"), ("zh-hans", "en")])
def test_two_partners_with_javascript_find_their_matches(
    site: str, browser: Browser, language_a: str, language_b: str
) -> None:
    starter = browser.new_context(viewport={"width": 1280, "height": 900})
    partner = browser.new_context(**PHONE, reduced_motion="reduce")
    a, b = starter.new_page(), partner.new_page()
    requests_a, requests_b = watch(a, site), watch(b, site)
    list_a = start_list(a, site, language_a, level=2)
    link = make_invitation(a, language_a)
    list_b = accept(b, link, language_b, level=1)  # the gentler choice wins
    assert TogetherList.objects.get().level == 1
    secret = "only-in-this-browser-4417"
    answer_everything(a, language_a, choice=0, note=secret)
    answer_everything(b, language_b, choice=1)
    # Both finished: each sees the same matches (all "at least maybe"), in their own language.
    for page, language, url in ((a, language_a, list_a), (b, language_b, list_b)):
        page.goto(url)
        expect(page.get_by_role("heading", name=MATCHES[language])).to_be_visible()
        expect(page.locator(".match")).to_have_count(len(item_set().up_to(1)))
    # The private note shows on the matches page of the one who wrote it, and nowhere was it sent.
    expect(a.locator(".together-note-view:visible")).to_contain_text(secret)
    expect(b.locator(".together-note-view:visible")).to_have_count(0)
    for request in [*requests_a, *requests_b]:
        assert secret not in (request.post_data or ""), request.url
        assert secret not in request.url
        assert request.url.startswith(site), f"a request left the site: {request.url}"
    shoot(a, f"matches-{language_a}-desktop")
    shoot(b, f"matches-{language_b}-phone")
    starter.close()
    partner.close()


@pytest.mark.parametrize("language", ["en", "zh-hans"])
def test_without_javascript_the_whole_list_works_as_plain_forms(site: str, browser: Browser, language: str) -> None:
    other = "zh-hans" if language == "en" else "en"
    # Reduced motion: Playwright cannot click while Chromium smooth-scrolls to a #fragment with scripts off.
    starter = browser.new_context(
        java_script_enabled=False, viewport={"width": 390, "height": 844}, reduced_motion="reduce"
    )
    partner = browser.new_context(
        java_script_enabled=False, viewport={"width": 390, "height": 844}, reduced_motion="reduce"
    )
    a, b = starter.new_page(), partner.new_page()
    list_a = start_list(a, site, language, level=1)
    # The invitation link shows without the copy button's script.
    list_b = accept(b, make_invitation(a, language), other, level=1)
    answer_everything(a, language, choice=0)
    answer_everything(b, other, choice=2)  # at this level no item offers "let's talk first": this is "no"
    a.goto(list_a)
    expect(a.get_by_role("heading", name=MATCHES[language])).to_be_visible()
    expect(a.locator(".match")).to_have_count(0)
    expect(a.locator(".together-note-view:visible")).to_have_count(0)
    b.goto(list_b)
    expect(b.locator(".match")).to_have_count(0)
    # End it from the partner's side, without JavaScript: both sides go at once.
    b.locator("details#end summary").click()
    b.locator("details#end input[name=confirm]").check()
    b.locator("details#end button[type=submit]").click()
    b.wait_for_url(re.compile(rf"/{other}/together/ended/$"))
    assert not TogetherList.objects.exists() and not Side.objects.exists()
    a.goto(list_a)
    expect(a.get_by_role("heading", name=ENDED[language])).to_be_visible()
    starter.close()
    partner.close()


def test_without_javascript_a_missing_answer_is_named_and_nothing_is_saved(site: str, browser: Browser) -> None:
    context = browser.new_context(
        java_script_enabled=False, viewport={"width": 390, "height": 844}, reduced_motion="reduce"
    )
    page = context.new_page()
    list_url = start_list(page, site, "en", level=1)
    page.goto(list_url + "affection/")
    # Browsers check required radios themselves; a request without them is what an old browser sends.
    page.evaluate("() => document.querySelectorAll('input[required]').forEach(i => i.removeAttribute('required'))")
    page.locator("fieldset.together-item").first.locator("label.choice").first.click()
    page.get_by_role("button", name=NEXT["en"]).click()
    expect(page.get_by_role("alert")).to_contain_text("Nothing was saved.")
    expect(page.locator("fieldset.together-item").first.locator("input").first).to_be_checked()
    expect(page.locator(".field-error").first).to_be_visible()
    assert Side.objects.get().answers == {}
    context.close()


def test_the_pressured_exit_ends_the_list_and_leads_to_support(
    site: str, browser: Browser, context: BrowserContext
) -> None:
    a = context.new_page()
    list_a = start_list(a, site, "zh-hans", level=1)
    partner = browser.new_context()
    b = partner.new_page()
    list_b = accept(b, make_invitation(a, "zh-hans"), "en", level=1)
    a.goto(list_a + "affection/")
    a.locator("fieldset.together-item").first.locator("details.together-note summary").click()
    a.locator("fieldset.together-item").first.locator("textarea").fill("a note")
    assert a.evaluate(STORED_NOTES) == 1
    b.get_by_text(PRESSURED["en"]).click()
    b.get_by_role("button", name=END_AND_SUPPORT["en"]).click()
    b.wait_for_url(re.compile(r"/en/together/support/$"))
    expect(b.get_by_role("link", name="Find support near you")).to_be_visible()
    assert not TogetherList.objects.exists()
    # The starter sees an ordinary ending, and their notes for the list are gone from their browser.
    a.goto(list_a)
    expect(a.get_by_role("heading", name=ENDED["zh-hans"])).to_be_visible()
    assert a.evaluate(STORED_NOTES) == 0
    assert b.goto(list_b).status == 404
    partner.close()


def test_private_notes_stay_in_this_browser_and_can_be_deleted(site: str, page: Page) -> None:
    list_url = start_list(page, site, "en", level=2)
    page.goto(list_url + "touch/")
    page.locator("fieldset.together-item").first.locator("details.together-note summary").click()
    note = page.locator("fieldset.together-item").first.locator("textarea")
    note.fill("ask about mornings")
    page.reload()
    expect(page.locator("fieldset.together-item").first.locator("textarea")).to_have_value("ask about mornings")
    page.goto(list_url)
    page.get_by_role("button", name="Delete my notes from this browser").click()
    page.goto(list_url + "touch/")
    expect(page.locator("fieldset.together-item").first.locator("textarea")).to_have_value("")


def test_every_page_of_the_list_passes_axe(site: str, browser: Browser) -> None:
    starter = browser.new_context(viewport={"width": 390, "height": 844})
    partner = browser.new_context(viewport={"width": 1280, "height": 900})
    a, b = starter.new_page(), partner.new_page()

    def check(url: str, context: BrowserContext) -> None:
        assert axe_violations(browser, url, context=context) == [], url

    check(f"{site}/en/together/", starter)
    check(f"{site}/zh-hans/together/", starter)
    list_a = start_list(a, site, "en", level=2)
    check(list_a, starter)
    check(list_a + "touch/", starter)
    link = make_invitation(a, "en")
    check(a.url, starter)
    check(link.replace("/en/", "/zh-hans/"), partner)
    list_b = accept(b, link, "zh-hans", level=2)
    check(list_b + "sensual/", partner)
    answer_everything(a, "en", choice=0, at_once=True)
    answer_everything(b, "zh-hans", choice=0, at_once=True)
    check(list_a, starter)
    check(list_b, partner)
    check(f"{site}/en/together/support/", starter)
    check(f"{site}/zh-hans/together/ended/", partner)
    check(f"{site}/en/together/{'A' * 32}/", starter)
    starter.close()
    partner.close()


@pytest.mark.parametrize("language", ["en", "zh-hans"])
def test_the_matches_fit_a_phone(site: str, browser: Browser, language: str) -> None:
    """At 390 px nothing is wider than the screen, and the first match and the exits are in reach."""
    starter = browser.new_context(**PHONE, reduced_motion="reduce")
    partner = browser.new_context(**PHONE, reduced_motion="reduce")
    a, b = starter.new_page(), partner.new_page()
    list_a = start_list(a, site, language, level=3)
    accept(b, make_invitation(a, language), language, level=3)
    answer_everything(a, language, choice=0, at_once=True)
    answer_everything(b, language, choice=1, at_once=True)
    a.goto(list_a)
    assert a.evaluate("() => document.documentElement.scrollWidth") <= 390
    expect(a.get_by_text(PRESSURED[language])).to_be_visible()
    expect(a.locator(".match").first).to_be_visible()
    shoot(a, f"phone-matches-{language}")
    starter.close()
    partner.close()
