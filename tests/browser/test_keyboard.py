"""The whole test taken with a keyboard only, as a person does: one key at a time, with pauses.

Narrow screens (phones, or a desktop zoomed to 200%) show one question at a time; wide screens
a page of six. In both, arrow keys move between a question's choices without moving on, Space
or Enter chooses, focus stays visible, and what was chosen is what is stored.
"""

from __future__ import annotations

import re
from typing import Any

import pytest
from playwright.sync_api import Browser, BrowserContext, Page, expect

from assessment import registry
from assessment.models import Result

# The pages run on Playwright's clock (page.clock.install()): after each key their timers fire as
# if this much time had passed, at once, so every key is checked after a person's pause.
PAUSE = 400  # ms between keys inside a question: longer than any timer the page could hide behind
QUICK = 60  # ms between Tab presses through the header
ONE_AT_A_TIME = {"en": "Question {n} of {total}", "zh-hans": "第 {n} 题，共 {total} 题"}
REPORT = re.compile(r"/report/[A-Za-z0-9_-]{32}/")


def choice_for(number: int) -> int:
    """The answer (0-based) given to question `number`: every position, third and fourth included."""
    return (number * 3 + 2) % 5


def keyboard_page(browser: Browser, **options: Any) -> tuple[BrowserContext, Page]:
    context = browser.new_context(**options)  # on Playwright's clock (conftest.ClockedBrowser)
    return context, context.new_page()


def press(page: Page, key: str, pause: int = PAUSE) -> None:
    page.keyboard.press(key)
    page.clock.run_for(pause)


def focused(page: Page, script: str) -> object:
    return page.evaluate(f"() => {{ const a = document.activeElement; return {script}; }}")


def tab_until(page: Page, script: str, limit: int = 60, key: str = "Tab") -> None:
    for _ in range(limit):
        if focused(page, script):
            return
        press(page, key, QUICK)
    raise AssertionError(f"focus never reached: {script}")


def outline_visible(page: Page) -> bool:
    style = "getComputedStyle(a)"
    return bool(focused(page, f"{style}.outlineStyle !== 'none' && parseFloat({style}.outlineWidth) >= 2"))


def start_by_keyboard(page: Page, site: str, language: str) -> None:
    page.goto(f"{site}/{language}/test/")
    tab_until(page, "a.name === 'action' && a.value === 'start'")
    press(page, "Enter")
    page.wait_for_url(re.compile(rf"/{language}/test/1/$"))


def choose_in_group(page: Page, number: int) -> None:
    """Focus is on the question's first choice: arrows to the wanted one; Space chooses it."""
    question = focused(page, "a.closest('fieldset').id")
    assert focused(page, "a.type === 'radio' && !a.checked"), "Tab lands on the first choice, nothing chosen yet"
    for _ in range(choice_for(number)):
        press(page, "ArrowDown")
        # An arrow key moves within the question; it never moves on.
        assert focused(page, "a.closest('fieldset').id") == question
    assert outline_visible(page), "the focused choice shows where focus is"
    press(page, "Space")


def answer_narrow(page: Page, language: str, total: int) -> None:
    """One question at a time: Space chooses and focus goes to the next question's legend."""
    number = 0
    pages = -(-total // 6)
    for page_number in range(1, pages + 1):
        page.wait_for_url(re.compile(rf"/test/{page_number}/$"))
        expect(page.locator("fieldset.question:visible")).to_have_count(1)
        count = page.locator("fieldset.question").count()
        for index in range(count):
            number += 1
            heading = ONE_AT_A_TIME[language].format(n=number, total=total)
            expect(page.locator("h1")).to_have_text(heading)
            assert focused(page, "a.tagName") == "LEGEND", f"question {number}: focus on its legend"
            assert outline_visible(page), "the focused legend shows where focus is"
            assert focused(page, "a.textContent.trim()").startswith(f"{number}.")
            press(page, "Tab")
            choose_in_group(page, number)
            if index < count - 1:
                expect(page.locator("fieldset.question:visible")).to_have_count(1)
        # After the page's last question focus is on the one Next button: Enter sends the page.
        assert focused(page, "a.name === 'nav' && a.value === 'next'")
        assert outline_visible(page)
        press(page, "Enter")


def answer_wide(page: Page, total: int) -> None:
    """A page of questions: Tab into each question, arrows to the answer, Tab on to Next."""
    number = 0
    pages = -(-total // 6)
    for page_number in range(1, pages + 1):
        page.wait_for_url(re.compile(rf"/test/{page_number}/$"))
        tab_until(page, "a.type === 'radio'")
        count = page.locator("fieldset.question").count()
        for index in range(count):
            number += 1
            if index:
                press(page, "Tab")
            assert focused(page, "a.closest('fieldset').querySelector('.q-number').textContent") == f"{number}."
            if choice_for(number):
                first = focused(page, "a.value")
                for _ in range(choice_for(number)):
                    press(page, "ArrowDown")
                assert focused(page, "a.checked") and focused(page, "a.value") != first
            else:
                press(page, "Space")
        press(page, "Tab")
        assert focused(page, "a.name === 'nav' && a.value === 'next'"), "Tab from the last question reaches Next"
        press(page, "Enter")


def finish_safety_by_keyboard(page: Page) -> None:
    page.wait_for_url(re.compile(r"/test/safety/$"))
    tab_until(page, "a.type === 'radio'")
    for index in range(page.locator("fieldset.question").count()):
        if index:
            press(page, "Tab")
        press(page, "Space")  # "never"
    press(page, "Tab")
    assert focused(page, "a.name === 'nav' && a.value === 'finish'")
    press(page, "Enter")
    page.wait_for_url(REPORT)


def assert_stored_answers_match(language: str) -> None:
    instrument = registry.current_instrument()
    result = Result.objects.get()
    expected = {item.id: choice_for(number) + 1 for number, item in enumerate(instrument.items, start=1)}
    assert result.answers == expected
    assert result.language == language
    assert {choice_for(n) for n in range(1, len(instrument.items) + 1)} >= {2, 3}, "third and fourth answers used"


@pytest.mark.parametrize("language", ["en", "zh-hans"])
def test_phone_reader_takes_the_whole_test_by_keyboard(site: str, browser: Browser, language: str) -> None:
    context, page = keyboard_page(browser, viewport={"width": 390, "height": 844}, reduced_motion="reduce")
    total = len(registry.current_instrument().items)
    start_by_keyboard(page, site, language)
    answer_narrow(page, language, total)
    finish_safety_by_keyboard(page)
    assert_stored_answers_match(language)
    context.close()


@pytest.mark.parametrize("language", ["en", "zh-hans"])
def test_desktop_reader_takes_the_whole_test_by_keyboard(site: str, browser: Browser, language: str) -> None:
    context, page = keyboard_page(browser, viewport={"width": 1280, "height": 900})
    start_by_keyboard(page, site, language)
    expect(page.locator("fieldset.question:visible")).to_have_count(6)
    answer_wide(page, len(registry.current_instrument().items))
    finish_safety_by_keyboard(page)
    assert_stored_answers_match(language)
    context.close()


def test_one_back_control_steps_back_through_the_questions_then_the_pages(site: str, browser: Browser) -> None:
    context, page = keyboard_page(browser, viewport={"width": 390, "height": 844})
    start_by_keyboard(page, site, "en")
    for _question in (1, 2):
        press(page, "Tab")
        press(page, "Space")
    expect(page.locator("h1")).to_have_text("Question 3 of 42")
    expect(page.get_by_role("button", name="Back")).to_have_count(1)
    expect(page.get_by_role("button", name=re.compile("Previous"))).to_have_count(0)
    page.get_by_role("button", name="Back").focus()
    press(page, "Enter")
    expect(page.locator("h1")).to_have_text("Question 2 of 42")
    assert focused(page, "a.tagName") == "LEGEND"
    context.close()


def test_a_desktop_zoomed_to_200_percent_gets_the_same_keyboard_behaviour(site: str, browser: Browser) -> None:
    # 1280 px at 200% zoom is a 640 px wide layout: one question at a time.
    context, page = keyboard_page(browser, viewport={"width": 640, "height": 450}, device_scale_factor=2)
    start_by_keyboard(page, site, "en")
    expect(page.locator("h1")).to_have_text("Question 1 of 42")
    press(page, "Tab")
    for _ in range(3):
        press(page, "ArrowDown")
    expect(page.locator("h1")).to_have_text("Question 1 of 42")
    assert focused(page, "a.value") == "4"
    press(page, "Enter")
    expect(page.locator("h1")).to_have_text("Question 2 of 42")
    context.close()


def test_progress_is_announced_to_screen_readers(site: str, browser: Browser) -> None:
    context, page = keyboard_page(browser, viewport={"width": 390, "height": 844}, locale="zh-CN")
    start_by_keyboard(page, site, "zh-hans")
    press(page, "Tab")
    press(page, "Space")
    status = page.get_by_role("status").filter(has_text="第 2 题")
    expect(status).to_have_text("第 2 题，共 42 题。已回答 1 / 42。")
    context.close()


def test_choosing_an_answer_moves_nothing_and_leaves_no_character_alone(site: str, browser: Browser) -> None:
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    page = context.new_page()
    page.goto(f"{site}/zh-hans/test/")
    page.locator("form.start-form button").first.click()
    first = page.locator("fieldset.question").first
    boxes = """(f) => [...f.querySelectorAll('label.choice, label.choice span')]
        .map(e => JSON.stringify(e.getBoundingClientRect()))"""
    before = first.evaluate(boxes)
    first.locator("label.choice").nth(0).click()
    assert first.evaluate(boxes) == before, "choosing an answer shifts no answer"
    # "从不或几乎从不" may wrap, but never leaves one character alone on a line.
    lines = first.locator("label.choice span").first.evaluate(
        """(span) => { const range = document.createRange(); range.selectNodeContents(span);
            const size = parseFloat(getComputedStyle(span).fontSize);
            return [...range.getClientRects()].map(r => r.width / size); }"""
    )
    assert lines and min(lines) >= 1.9, lines
    context.close()
