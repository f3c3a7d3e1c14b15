"""Taking the test through the web, in both languages, and every way it can go wrong."""

from __future__ import annotations

import re
from http import HTTPStatus

import pytest
from django.test import Client

from assessment import registry, scoring
from assessment.instrument import Instrument
from assessment.models import Draft, Result

pytestmark = pytest.mark.django_db


@pytest.fixture
def instrument() -> Instrument:
    return registry.current_instrument()


def pages_of(instrument: Instrument) -> list[list[str]]:
    ids = [item.id for item in instrument.items]
    return [ids[i : i + 6] for i in range(0, len(ids), 6)]


def take_test(client: Client, language: str, answers: dict[str, int], safety: dict[str, int]) -> str:
    """Answer every page as a reader would; returns the report's path."""
    assert client.post(f"/{language}/test/begin/", {"action": "start"}).status_code == HTTPStatus.FOUND
    instrument = registry.current_instrument()
    for number, ids in enumerate(pages_of(instrument), start=1):
        response = client.post(f"/{language}/test/{number}/", {**{i: answers[i] for i in ids}, "nav": "next"})
        assert response.status_code == HTTPStatus.FOUND, response.content[:400]
    response = client.post(f"/{language}/test/safety/", {**safety, "nav": "finish"})
    assert response.status_code == HTTPStatus.FOUND
    return response["Location"]


def neutral(instrument: Instrument, value: int = 3) -> dict[str, int]:
    return {item.id: value for item in instrument.items}


def no_danger(instrument: Instrument) -> dict[str, int]:
    return {item.id: 1 for item in instrument.safety_items}


def test_start_page_says_what_is_kept_and_how_long(client: Client, instrument: Instrument) -> None:
    html = client.get("/en/test/").content.decode()
    assert "About 8 minutes" in html and "No name, account or e-mail" in html
    assert "大约 8 分钟" in client.get("/zh-hans/test/").content.decode()


def test_whole_flow_stores_raw_answers_and_version(
    client: Client, site_content: object, instrument: Instrument
) -> None:
    answers = scoring.answers_for_scores(instrument, instrument.patterns["quiet-protector"].prototype)
    location = take_test(client, "en", answers, no_danger(instrument))
    assert re.fullmatch(r"/en/report/[A-Za-z0-9_-]{32}/\?new=1", location)
    result = Result.objects.get()
    assert result.answers == answers and result.version == instrument.version
    # Only a finished marker stays (for a retried submission), holding no answers.
    assert not Draft.objects.filter(finished_result__isnull=True).exists()
    assert all(d.answers == {} and d.safety_answers == {} for d in Draft.objects.all())
    response = client.get(location)
    html = response.content.decode()
    assert response.status_code == HTTPStatus.OK
    assert instrument.patterns["quiet-protector"].name["en"] in html
    assert "Keep this address" in html and "A 14-day practice plan" in html
    assert response["Referrer-Policy"] == "no-referrer"
    assert "no-store" in response["Cache-Control"] and "noindex" in response["X-Robots-Tag"]


def test_same_positions_give_the_same_result_in_every_language(site_content: object, instrument: Instrument) -> None:
    answers = {item.id: (index % 5) + 1 for index, item in enumerate(instrument.items)}
    take_test(Client(), "en", answers, no_danger(instrument))
    take_test(Client(), "zh-hans", answers, no_danger(instrument))
    english, chinese = Result.objects.order_by("id")
    assert english.answers == chinese.answers
    assert scoring.score(instrument, english.answers) == scoring.score(instrument, chinese.answers)


def test_answers_survive_a_reload_and_a_return_visit(client: Client, instrument: Instrument) -> None:
    client.post("/en/test/begin/", {"action": "start"})
    first = pages_of(instrument)[0]
    client.post("/en/test/1/", {first[0]: 4, "nav": "next"})
    html = client.get("/en/test/1/").content.decode()
    assert re.search(rf'name="{first[0]}" value="4" checked', html)
    returning = Client()
    returning.cookies = client.cookies
    assert "You have answered 1 question on this device." in returning.get("/en/test/").content.decode()
    response = returning.post("/en/test/begin/", {"action": "continue"})
    assert response["Location"] == "/en/test/1/"


def test_next_with_unanswered_questions_says_so_and_keeps_the_rest(client: Client, instrument: Instrument) -> None:
    client.post("/en/test/begin/", {"action": "start"})
    first = pages_of(instrument)[0]
    response = client.post("/en/test/1/", {first[0]: 2, first[1]: 5, "nav": "next"})
    assert response.status_code == HTTPStatus.BAD_REQUEST
    assert "Some questions on this page have no answer yet" in response.content.decode()
    assert Draft.objects.get().answers == {first[0]: 2, first[1]: 5}


def test_back_saves_and_goes_to_the_previous_page(client: Client, instrument: Instrument) -> None:
    client.post("/en/test/begin/", {"action": "start"})
    second = pages_of(instrument)[1]
    response = client.post("/en/test/2/", {second[0]: 1, "nav": "back"})
    assert response["Location"] == "/en/test/1/"
    assert Draft.objects.get().answers == {second[0]: 1}


@pytest.mark.parametrize("bad", ["0", "6", "-1", "3.5", "x", "<script>", "1; DROP TABLE", "９"])
def test_an_answer_off_the_scale_is_refused_and_nothing_saved(client: Client, instrument: Instrument, bad: str) -> None:
    client.post("/en/test/begin/", {"action": "start"})
    first = pages_of(instrument)[0]
    response = client.post("/en/test/1/", {first[0]: 3, first[1]: bad, "nav": "next"})
    assert response.status_code == HTTPStatus.BAD_REQUEST
    assert "That answer could not be read" in response.content.decode()
    assert Draft.objects.get().answers == {}


def test_answers_for_unknown_questions_are_ignored(client: Client, instrument: Instrument) -> None:
    client.post("/en/test/begin/", {"action": "start"})
    client.post("/en/test/1/", {"zz99": 3, "nav": "back"})
    assert Draft.objects.get().answers == {}


def test_an_oversized_post_is_refused(client: Client, instrument: Instrument) -> None:
    client.post("/en/test/begin/", {"action": "start"})
    response = client.post("/en/test/1/", {f"f{i}": "1" for i in range(500)})
    assert response.status_code == HTTPStatus.BAD_REQUEST
    assert Draft.objects.get().answers == {}


def test_a_replayed_final_submission_stores_nothing_more(
    client: Client, site_content: object, instrument: Instrument
) -> None:
    take_test(client, "en", neutral(instrument), no_danger(instrument))
    client.cookies["rcw_draft"] = "x" * 32
    response = client.post("/en/test/safety/", {**no_danger(instrument), "nav": "finish"})
    assert response.status_code in (HTTPStatus.FOUND, HTTPStatus.CONFLICT)
    assert Result.objects.count() == 1


def test_finishing_the_same_draft_twice_is_a_clear_409(site_content: object, instrument: Instrument) -> None:
    from assessment import services

    draft = services.draft_start(instrument=instrument, language="en")
    services.draft_record(token=draft.token, instrument=instrument, answers=neutral(instrument))
    client = Client()
    client.cookies["rcw_draft"] = draft.token
    first = client.post("/en/test/safety/", {**no_danger(instrument), "nav": "finish"})
    assert first.status_code == HTTPStatus.FOUND
    with pytest.raises(services.DraftGone):
        services.result_create(token=draft.token, instrument=instrument, safety=no_danger(instrument))
    assert Result.objects.count() == 1


def test_safety_signal_opens_the_report_with_support_and_no_homework(
    client: Client, site_content: object, instrument: Instrument
) -> None:
    safety = no_danger(instrument) | {instrument.safety_items[0].id: 3}
    html = client.get(take_test(client, "zh-hans", neutral(instrument), safety)).content.decode()
    assert "12338" in html and "110" in html
    assert html.index('id="support"') < html.index('id="pattern"')
    assert 'id="plan"' not in html and 'id="phrases"' not in html


def test_skipping_safety_questions_is_allowed_and_does_not_signal(
    client: Client, site_content: object, instrument: Instrument
) -> None:
    skipped = {item.id: 0 for item in instrument.safety_items}
    html = client.get(take_test(client, "en", neutral(instrument), skipped)).content.decode()
    assert 'id="support"' not in html and 'id="plan"' in html


def share_path_of(html: str) -> str:
    match = re.search(r'id="share-url" href="http://127\.0\.0\.1:8000(/r/[A-Za-z0-9_-]{16}/)"', html)
    assert match, "the report shows its share link"
    return match.group(1)


def test_share_page_shows_the_pattern_but_never_scores_answers_or_safety(
    client: Client, site_content: object, instrument: Instrument
) -> None:
    # A clear pattern: flat answers such as neutral() get "no single pattern" from version 2 on.
    answers = scoring.answers_for_scores(instrument, instrument.patterns["torn-between"].prototype)
    report_path = take_test(client, "zh-hans", answers, no_danger(instrument)).split("?")[0]
    client.post(report_path + "sharing/", {"enabled": "1"})
    short = share_path_of(client.get(report_path).content.decode())
    viewer = Client()
    # The short address opens the result's own language, whatever the visitor's browser says.
    redirect = viewer.get(short, HTTP_ACCEPT_LANGUAGE="en-GB")
    assert redirect.status_code == HTTPStatus.FOUND and redirect["Location"].startswith("/zh-hans/r/")
    page = viewer.get(redirect["Location"]).content.decode()
    html = page.split('<article class="share-page">', 1)[1].split('<aside class="test-cta"', 1)[0]
    result = Result.objects.get()
    pattern = instrument.patterns[scoring.score(instrument, result.answers).pattern]
    assert pattern.name["zh-hans"] in html
    for scale in instrument.scales.values():
        assert scale.name["zh-hans"] not in html
    for item in [*instrument.items, *instrument.safety_items]:
        assert item.text["zh-hans"] not in html
    assert "12338" not in page and "<svg" in html and "<meter" not in page
    image = viewer.get(redirect["Location"] + "card.png")
    assert image.status_code == HTTPStatus.OK and image["Content-Type"] == "image/png"
    assert image["Cache-Control"] == "no-cache"


def test_a_preview_robot_without_accept_language_gets_the_results_language(
    client: Client, site_content: object, instrument: Instrument
) -> None:
    report_path = take_test(client, "zh-hans", neutral(instrument), no_danger(instrument)).split("?")[0]
    client.post(report_path + "sharing/", {"enabled": "1"})
    share_id = Result.objects.get().share_id
    robot = Client()
    redirect = robot.get(f"/r/{share_id}/")
    assert redirect["Location"] == f"/zh-hans/r/{share_id}/"
    page = robot.get(redirect["Location"]).content.decode()
    assert '<html lang="zh-Hans">' in page or 'lang="zh-hans"' in page.lower()


def test_sharing_is_off_until_the_reader_turns_it_on(
    client: Client, site_content: object, instrument: Instrument
) -> None:
    report_path = take_test(client, "en", neutral(instrument), no_danger(instrument)).split("?")[0]
    share_id = Result.objects.get().share_id
    assert not Result.objects.get().sharing_enabled
    assert Client().get(f"/en/r/{share_id}/").status_code == HTTPStatus.NOT_FOUND
    assert 'id="share-url"' not in client.get(report_path).content.decode()
    client.post(report_path + "sharing/", {"enabled": "1"})
    assert Client().get(f"/en/r/{share_id}/").status_code == HTTPStatus.OK


def test_a_result_with_a_safety_signal_is_never_shared(
    client: Client, site_content: object, instrument: Instrument
) -> None:
    safety = no_danger(instrument) | {instrument.safety_items[1].id: 4}
    report_path = take_test(client, "en", neutral(instrument), safety).split("?")[0]
    refused = client.post(report_path + "sharing/", {"enabled": "1"})
    assert refused.status_code == HTTPStatus.FORBIDDEN and not Result.objects.get().sharing_enabled
    html = client.get(report_path).content.decode()
    assert "Turn sharing on" not in html and "Create an invitation link" not in html
    # Results shared before this rule: the switch may be on, but the share page stays closed.
    Result.objects.update(sharing_enabled=True)
    share_id = Result.objects.get().share_id
    assert Client().get(f"/en/r/{share_id}/").status_code == HTTPStatus.NOT_FOUND
    assert Client().get(f"/en/r/{share_id}/card.png").status_code == HTTPStatus.NOT_FOUND
    assert Client().get(f"/r/{share_id}/", follow=True).status_code == HTTPStatus.NOT_FOUND


def test_turning_sharing_off_hides_page_and_image_at_once(
    client: Client, site_content: object, instrument: Instrument
) -> None:
    report_path = take_test(client, "en", neutral(instrument), no_danger(instrument)).split("?")[0]
    share_id = Result.objects.get().share_id
    client.post(report_path + "sharing/", {"enabled": "0"})
    assert Client().get(f"/en/r/{share_id}/").status_code == HTTPStatus.NOT_FOUND
    assert Client().get(f"/en/r/{share_id}/card.png").status_code == HTTPStatus.NOT_FOUND
    client.post(report_path + "sharing/", {"enabled": "1"})
    assert Client().get(f"/en/r/{share_id}/").status_code == HTTPStatus.OK


def test_delete_needs_confirmation_then_removes_everything(
    client: Client, site_content: object, instrument: Instrument
) -> None:
    report_path = take_test(client, "en", neutral(instrument), no_danger(instrument)).split("?")[0]
    share_id = Result.objects.get().share_id
    refused = client.post(report_path + "delete/", {})
    assert refused.status_code == HTTPStatus.BAD_REQUEST and Result.objects.count() == 1
    assert client.post(report_path + "delete/", {"confirm": "yes"})["Location"] == "/en/report-deleted/"
    assert not Result.objects.exists()
    for path in (report_path, f"/en/r/{share_id}/", f"/en/r/{share_id}/card.png", f"/r/{share_id}/"):
        status = Client().get(path, follow=True).status_code
        assert status == HTTPStatus.NOT_FOUND, path


@pytest.mark.parametrize(
    "path",
    [
        "/en/report/short/",
        "/en/report/" + "A" * 32 + "/",
        "/en/report/" + "A" * 31 + "%00/",
        "/en/r/" + "B" * 16 + "/",
        "/en/r/../etc/passwd/",
        "/zh-hans/report/" + "é" * 32 + "/",
    ],
)
def test_forged_or_truncated_tokens_are_a_plain_404(client: Client, path: str) -> None:
    assert client.get(path).status_code == HTTPStatus.NOT_FOUND


def test_a_truncated_real_token_is_a_404(client: Client, site_content: object, instrument: Instrument) -> None:
    report_path = take_test(client, "en", neutral(instrument), no_danger(instrument)).split("?")[0]
    assert client.get(report_path[:-2] + "/").status_code == HTTPStatus.NOT_FOUND


def test_retake_compares_with_the_earlier_result(client: Client, site_content: object, instrument: Instrument) -> None:
    first = take_test(client, "en", neutral(instrument, 2), no_danger(instrument)).split("?")[0]
    client.post(first + "retake/")
    for number, ids in enumerate(pages_of(instrument), start=1):
        client.post(f"/en/test/{number}/", {**{i: 4 for i in ids}, "nav": "next"})
    second = client.post("/en/test/safety/", {**no_danger(instrument), "nav": "finish"})["Location"]
    html = client.get(second).content.decode()
    assert "Since last time" in html
    assert Result.objects.order_by("id").last().previous_id == Result.objects.order_by("id").first().pk


def test_how_scoring_works_publishes_the_rule_in_both_languages(client: Client, instrument: Instrument) -> None:
    for language in ("en", "zh-hans"):
        html = client.get(f"/{language}/test/how-scoring-works/").content.decode()
        for pattern in instrument.patterns.values():
            assert pattern.name[language] in html


def test_support_page_lists_services_by_region(client: Client) -> None:
    assert "12338" in client.get("/zh-hans/support/").content.decode()
    html = client.get("/en/support/?region=uk").content.decode()
    assert "0808 2000 247" in html
    assert client.get("/en/support/?region=<b>").status_code == HTTPStatus.OK


@pytest.mark.parametrize("language", ["en", "zh-hans"])
def test_report_downloads_as_a_private_pdf(
    client: Client, site_content: object, instrument: Instrument, language: str
) -> None:
    report_path = take_test(client, language, neutral(instrument), no_danger(instrument)).split("?")[0]
    response = client.get(report_path + "report.pdf")
    assert response.status_code == HTTPStatus.OK
    assert response["Content-Type"] == "application/pdf"
    assert response.content.startswith(b"%PDF-")
    assert "attachment" in response["Content-Disposition"]
    assert response["Referrer-Policy"] == "no-referrer" and "no-store" in response["Cache-Control"]
    assert client.get(report_path[:-3] + "AAA/report.pdf").status_code == HTTPStatus.NOT_FOUND


def test_a_retried_final_answer_whose_response_was_lost_opens_the_same_report(
    client: Client, site_content: object, instrument: Instrument
) -> None:
    client.post("/en/test/begin/", {"action": "start"})
    for number, ids in enumerate(pages_of(instrument), start=1):
        client.post(f"/en/test/{number}/", {**{i: neutral(instrument)[i] for i in ids}, "nav": "next"})
    draft_cookie = client.cookies["rcw_draft"].value
    first = client.post("/en/test/safety/", {**no_danger(instrument), "nav": "finish"})
    # The browser never saw that response: it still holds the draft cookie and posts again.
    client.cookies["rcw_draft"] = draft_cookie
    retry = client.post("/en/test/safety/", {**no_danger(instrument), "nav": "finish"})
    assert retry.status_code == HTTPStatus.FOUND
    assert retry["Location"] == first["Location"]
    assert Result.objects.count() == 1
    # A different browser with a guessed cookie learns nothing.
    stranger = Client()
    stranger.cookies["rcw_draft"] = draft_cookie[:-1] + ("A" if draft_cookie[-1] != "A" else "B")
    assert stranger.post("/en/test/safety/", {**no_danger(instrument), "nav": "finish"})["Location"] == "/en/test/"


def test_the_database_alone_cannot_open_a_finished_drafts_report(site_content: object, instrument: Instrument) -> None:
    from assessment import services, tokens

    draft = services.draft_start(instrument=instrument, language="en")
    created = services.result_create(
        token=draft.token, instrument=instrument, answers=neutral(instrument), safety=no_danger(instrument)
    )
    stored = Draft.objects.get(pk=draft.pk)
    assert created.report_token not in stored.sealed_report_token
    assert tokens.unseal(stored.sealed_report_token, draft.token, "another secret") != created.report_token
