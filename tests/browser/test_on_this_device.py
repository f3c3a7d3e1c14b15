"""What is kept on the reader's own device: remembered results and plan ticks, never sent to us."""

from __future__ import annotations

import io

import pytest
from playwright.sync_api import BrowserContext, Page, Request, expect
from pypdf import PdfReader

from assessment import registry
from assessment import services as assessment_services


def new_report(language: str = "en", safety_signal: bool = False) -> str:
    instrument = registry.current_instrument()
    draft = assessment_services.draft_start(instrument=instrument, language=language)
    safety = {item.id: 1 for item in instrument.safety_items}
    if safety_signal:
        safety[instrument.safety_items[0].id] = 4
    created = assessment_services.result_create(
        token=draft.token, instrument=instrument, answers={i.id: 3 for i in instrument.items}, safety=safety
    )
    return f"/{language}/report/{created.report_token}/"


def watch_requests(page: Page) -> list[Request]:
    seen: list[Request] = []
    page.on("request", lambda request: seen.append(request))
    return seen


@pytest.mark.parametrize("language", ["en", "zh-hans"])
def test_remembering_and_forgetting_results_stays_in_the_browser(
    site: str, page: Page, context: BrowserContext, language: str
) -> None:
    first, second = new_report(language), new_report(language)
    for report in (first, second):
        page.goto(f"{site}{report}?new=1")
        requests = watch_requests(page)
        page.locator("[data-remember] button").click()
        expect(page.locator("[data-remember] button")).to_be_disabled()
        assert not [r for r in requests if r.method != "GET" or "rcw" in (r.post_data or "")], "nothing is sent"
    page.goto(f"{site}/{language}/test/my-results/")
    links = page.locator("ul.remembered a")
    expect(links).to_have_count(2)
    assert {links.nth(i).get_attribute("href") for i in range(2)} == {first, second}
    page.locator("ul.remembered li").first.get_by_role("button").click()
    expect(links).to_have_count(1)
    page.reload()
    expect(links).to_have_count(1)
    page.locator("[data-forget-all]").click()
    expect(links).to_have_count(0)
    stored = page.evaluate("() => window.localStorage.getItem('rcw-remembered')")
    assert stored is None


def test_a_safety_signal_report_offers_no_remembering(site: str, page: Page) -> None:
    page.goto(f"{site}{new_report(safety_signal=True)}?new=1")
    expect(page.locator("[data-remember]")).to_have_count(0)
    expect(page.locator("a[href^='mailto:']")).to_have_count(0)


def test_plan_ticks_survive_a_reload_and_are_never_sent(site: str, page: Page) -> None:
    report = new_report()
    page.goto(f"{site}{report}")
    requests = watch_requests(page)
    expect(page.locator("#plan-day-1")).to_have_class("plan-today")
    page.locator("#plan-day-1 input[type=checkbox]").check()
    page.locator("#plan-day-3 input[type=checkbox]").check()
    page.reload()
    expect(page.locator("#plan-day-1 input[type=checkbox]")).to_be_checked()
    expect(page.locator("#plan-day-2 input[type=checkbox]")).not_to_be_checked()
    expect(page.locator("#plan-day-3 input[type=checkbox]")).to_be_checked()
    assert not [r for r in requests if r.method != "GET"]


def test_the_printable_plan_is_one_page_of_fourteen_days(site: str, page: Page) -> None:
    report = new_report("zh-hans")
    page.goto(f"{site}{report}plan/")
    expect(page.locator("ol.plan-print li")).to_have_count(14)
    printed = PdfReader(io.BytesIO(page.pdf(format="A4")))
    assert len(printed.pages) == 1
