"""Couple mode through the web: invite, consent, both tests, joint reports, ending; and what must never leak."""

from __future__ import annotations

import datetime as dt
import re
from http import HTTPStatus

import pytest
from django.test import Client
from django.utils import timezone

from assessment import registry, scoring
from assessment import services as assessment_services
from assessment.instrument import Instrument
from couples import services
from couples.cycles import detect, role
from couples.models import Invitation, Pairing
from tests.assessment.test_flow import no_danger, pages_of, take_test
from tests.assessment.test_services import run_together

pytestmark = pytest.mark.django_db


@pytest.fixture
def instrument() -> Instrument:
    return registry.current_instrument()


def answers_for(instrument: Instrument, pattern: str) -> dict[str, int]:
    return scoring.answers_for_scores(instrument, instrument.patterns[pattern].prototype)


def invite(client: Client, report: str) -> str:
    response = client.post(report + "invite/")
    assert response.status_code == HTTPStatus.FOUND
    html = client.get(response["Location"]).content.decode()
    match = re.search(r'id="invite-url">http://testserver(/[a-z-]+/couple/join/[A-Za-z0-9_-]{32}/)<', html)
    assert match, "the report shows the new invitation link"
    return match.group(1)


def partner_takes_test(
    partner: Client, join: str, language: str, answers: dict[str, int], safety: dict[str, int]
) -> str:
    join = re.sub(r"^/[a-z-]+/", f"/{language}/", join)
    assert partner.get(join).status_code == HTTPStatus.OK
    assert partner.post(join, {"consent": "yes"})["Location"] == f"/{language}/test/1/"
    for number, ids in enumerate(pages_of(registry.current_instrument()), start=1):
        partner.post(f"/{language}/test/{number}/", {**{i: answers[i] for i in ids}, "nav": "next"})
    return partner.post(f"/{language}/test/safety/", {**safety, "nav": "finish"})["Location"].split("?")[0]


def joint_path(client: Client, report: str) -> str:
    html = client.get(report).content.decode()
    match = re.search(r'href="(/[a-z-]+/report/[A-Za-z0-9_-]{32}/couple/\d+/)"', html)
    assert match, "the report links the joint report"
    return match.group(1)


def share_form_of(client: Client, report: str) -> str:
    html = client.get(report).content.decode()
    match = re.search(r'action="(/[a-z-]+/report/[A-Za-z0-9_-]{32}/couple/\d+/share/)"', html)
    assert match, "the partner's report offers the choice to share"
    return match.group(1)


def pair(
    instrument: Instrument, partner_safety: dict[str, int] | None = None, *, share: bool = True
) -> tuple[Client, str, Client, str]:
    inviter, partner = Client(), Client()
    report_a = take_test(inviter, "en", answers_for(instrument, "urgent-reacher"), no_danger(instrument)).split("?")[0]
    join = invite(inviter, report_a)
    report_b = partner_takes_test(
        partner, join, "zh-hans", answers_for(instrument, "quiet-protector"), partner_safety or no_danger(instrument)
    )
    if share:
        response = partner.post(share_form_of(partner, report_b), {"choice": "share"})
        assert response.status_code == HTTPStatus.FOUND
    return inviter, report_a, partner, report_b


def test_roles_and_cycles() -> None:
    assert role({"pursuing": 70, "withdrawing": 30}) == "pursuer"
    assert role({"pursuing": 30, "withdrawing": 70}) == "withdrawer"
    assert role({"pursuing": 55, "withdrawing": 50}) == "neither"
    steady = {"pursuing": 30, "withdrawing": 30, "repair": 70}
    assert (
        detect(
            {"pursuing": 70, "withdrawing": 20, "repair": 50}, {"pursuing": 20, "withdrawing": 70, "repair": 50}
        ).cycle
        == "pursue-withdraw"
    )
    assert detect(
        {"pursuing": 20, "withdrawing": 70, "repair": 50}, {"pursuing": 70, "withdrawing": 20, "repair": 50}
    ).roles == ("withdrawer", "pursuer")
    assert (
        detect(
            {"pursuing": 20, "withdrawing": 70, "repair": 50}, {"pursuing": 10, "withdrawing": 60, "repair": 50}
        ).cycle
        == "both-withdraw"
    )
    assert (
        detect(
            {"pursuing": 80, "withdrawing": 20, "repair": 50}, {"pursuing": 70, "withdrawing": 30, "repair": 50}
        ).cycle
        == "both-escalate"
    )
    assert detect(steady, steady).cycle == "steady"
    assert detect(steady, {**steady, "repair": 20}).cycle == "shifting"


def test_both_partners_get_a_joint_report_in_their_own_language(site_content: object, instrument: Instrument) -> None:
    inviter, report_a, partner, report_b = pair(instrument)
    english = inviter.get(joint_path(inviter, report_a)).content.decode()
    chinese = partner.get(joint_path(partner, report_b)).content.decode()
    assert "Pursue and withdraw" in english and "一追一退" in chinese
    assert instrument.patterns["quiet-protector"].name["en"] in english
    assert instrument.patterns["urgent-reacher"].name["zh-hans"] in chinese
    assert Pairing.objects.count() == 1


def test_joint_report_never_shows_answers_or_safety(site_content: object, instrument: Instrument) -> None:
    inviter, report_a, _, _ = pair(instrument)
    html = inviter.get(joint_path(inviter, report_a)).content.decode()
    for item in [*instrument.items, *instrument.safety_items]:
        assert item.text["en"] not in html
    assert "12338" not in html and "1-800-799-7233" not in html


def test_partner_danger_changes_nothing_on_the_other_partners_page(
    site_content: object, instrument: Instrument
) -> None:
    danger = no_danger(instrument) | {instrument.safety_items[0].id: 3}
    pages = {}
    for label, safety in (("safe", no_danger(instrument)), ("danger", danger)):
        inviter, report_a, partner, report_b = pair(instrument, partner_safety=safety)
        html = inviter.get(joint_path(inviter, report_a)).content.decode()
        # Apart from tokens (report addresses, pairing number, CSRF), the pages are byte for byte equal.
        html = re.sub(r"/report/[A-Za-z0-9_-]{32}/(couple/\d+/)?", "/report/TOKEN/", html)
        pages[label] = re.sub(r'name="csrfmiddlewaretoken" value="[^"]+"', "CSRF", html)
        partner_view = partner.get(joint_path(partner, report_b)).content.decode()
        if label == "danger":
            assert "12338" in partner_view and "what-each" not in partner_view
            assert partner_view.index('id="support"') < partner_view.index('id="both-title"')
    assert pages["safe"] == pages["danger"]


def test_either_partner_ends_it_for_both(site_content: object, instrument: Instrument) -> None:
    inviter, report_a, partner, report_b = pair(instrument)
    path_a, path_b = joint_path(inviter, report_a), joint_path(partner, report_b)
    assert partner.post(path_b + "end/").status_code == HTTPStatus.FOUND
    assert inviter.get(path_a).status_code == HTTPStatus.NOT_FOUND
    assert partner.get(path_b).status_code == HTTPStatus.NOT_FOUND


def test_deleting_ones_result_ends_the_pairing(site_content: object, instrument: Instrument) -> None:
    inviter, report_a, partner, report_b = pair(instrument)
    path_b = joint_path(partner, report_b)
    inviter.post(report_a + "delete/", {"confirm": "yes"})
    assert not Pairing.objects.exists()
    assert partner.get(path_b).status_code == HTTPStatus.NOT_FOUND


def test_invitation_pins_the_instrument_version(site_content: object, instrument: Instrument) -> None:
    inviter = Client()
    report = take_test(inviter, "en", answers_for(instrument, "steady-connector"), no_danger(instrument)).split("?")[0]
    invite(inviter, report)
    invitation = Invitation.objects.get()
    assert (invitation.instrument, invitation.version) == (instrument.id, instrument.version)


@pytest.mark.parametrize("state", ["expired", "used", "cancelled"])
def test_unusable_invitations_get_a_clear_page_and_change_nothing(
    site_content: object, instrument: Instrument, state: str
) -> None:
    inviter = Client()
    report = take_test(inviter, "en", answers_for(instrument, "steady-connector"), no_danger(instrument)).split("?")[0]
    join = invite(inviter, report)
    invitation = Invitation.objects.get()
    if state == "expired":
        Invitation.objects.filter(pk=invitation.pk).update(expires=timezone.localdate() - dt.timedelta(days=1))
    elif state == "used":
        Client().post(join, {"consent": "yes"})
    else:
        inviter.post(report + f"invite/{invitation.pk}/cancel/")
    before = list(Invitation.objects.values())
    response = Client().post(join, {"consent": "yes"})
    assert response.status_code == HTTPStatus.GONE
    assert "This invitation cannot be used" in response.content.decode()
    assert list(Invitation.objects.values()) == before


@pytest.mark.parametrize("token", ["short", "A" * 32, "A" * 31 + "!", "../../etc/passwd"])
def test_forged_invitations_are_a_404(client: Client, token: str) -> None:
    assert client.get(f"/en/couple/join/{token}/").status_code == HTTPStatus.NOT_FOUND


def test_the_inviter_opening_their_own_invitation_is_told_so(site_content: object, instrument: Instrument) -> None:
    inviter = Client()
    report = take_test(inviter, "en", answers_for(instrument, "steady-connector"), no_danger(instrument)).split("?")[0]
    join = invite(inviter, report)
    response = inviter.post(join, {"consent": "yes"})
    assert response.status_code == HTTPStatus.BAD_REQUEST
    assert "This is your own invitation" in response.content.decode()
    assert Invitation.objects.get().accepted is None


def test_consent_is_required(site_content: object, instrument: Instrument) -> None:
    inviter = Client()
    report = take_test(inviter, "en", answers_for(instrument, "steady-connector"), no_danger(instrument)).split("?")[0]
    join = invite(inviter, report)
    response = Client().post(join, {})
    assert response.status_code == HTTPStatus.BAD_REQUEST
    assert Invitation.objects.get().accepted is None


def test_no_invitation_is_offered_when_the_readers_safety_check_signals(
    site_content: object, instrument: Instrument
) -> None:
    client = Client()
    danger = no_danger(instrument) | {instrument.safety_items[2].id: 2}
    html = client.get(take_test(client, "en", answers_for(instrument, "steady-connector"), danger)).content.decode()
    assert 'id="couple"' not in html


def invitation_for_a_finished_test(instrument: Instrument) -> services.CreatedInvitation:
    draft = assessment_services.draft_start(instrument=instrument, language="en")
    answers = {i.id: 3 for i in instrument.items}
    result = assessment_services.result_create(
        token=draft.token, instrument=instrument, answers=answers, safety=no_danger(instrument)
    )
    return services.invitation_create(inviter=result.result)


@pytest.mark.django_db(transaction=True)
def test_two_people_accepting_at_once_use_the_invitation_once(instrument: Instrument) -> None:
    created = invitation_for_a_finished_test(instrument)
    accept = lambda: services.invitation_accept(token=created.token, instrument=instrument, language="en")  # noqa: E731
    outcomes = run_together(accept, accept)
    assert sum(not isinstance(o, Exception) for o in outcomes) == 1
    assert sum(isinstance(o, services.InvitationUnusable) for o in outcomes) == 1


@pytest.mark.django_db(transaction=True)
def test_finishing_twice_at_once_makes_exactly_one_pairing(instrument: Instrument) -> None:
    created = invitation_for_a_finished_test(instrument)
    partner_draft = services.invitation_accept(token=created.token, instrument=instrument, language="zh-hans")
    assessment_services.draft_record(
        token=partner_draft.token, instrument=instrument, answers={i.id: 4 for i in instrument.items}
    )

    def finish() -> object:
        return assessment_services.result_create(
            token=partner_draft.token, instrument=instrument, safety=no_danger(instrument)
        )

    run_together(finish, finish)
    assert Pairing.objects.count() == 1


def masked(html: str) -> str:
    html = re.sub(r"/report/[A-Za-z0-9_-]{32}/", "/report/TOKEN/", html)
    html = re.sub(r'data-plan-key="[0-9a-f]+"', "PLAN-KEY", html)
    html = re.sub(r"/(invite|couple)/\d+/", r"/\1/N/", html)
    return re.sub(r'name="csrfmiddlewaretoken" value="[^"]+"', "CSRF", html)


def test_the_inviter_learns_nothing_until_the_partner_shares(site_content: object, instrument: Instrument) -> None:
    """Never opened, accepted, finished, finished with a safety signal: the inviter sees the same page."""
    danger = no_danger(instrument) | {instrument.safety_items[0].id: 3}
    pages = {}
    for state in ("never-opened", "accepted", "finished", "finished-in-danger"):
        inviter, partner = Client(), Client()
        report_a = take_test(inviter, "en", answers_for(instrument, "urgent-reacher"), no_danger(instrument)).split(
            "?"
        )[0]
        join = invite(inviter, report_a)
        if state == "accepted":
            partner.post(re.sub(r"^/[a-z-]+/", "/zh-hans/", join), {"consent": "yes"})
        elif state.startswith("finished"):
            safety = danger if state == "finished-in-danger" else no_danger(instrument)
            partner_takes_test(partner, join, "zh-hans", answers_for(instrument, "quiet-protector"), safety)
        html = inviter.get(report_a).content.decode()
        assert "Waiting for your partner" in html and "Open your joint report" not in html
        pages[state] = masked(html.split("<main", 1)[1])
    assert len(set(pages.values())) == 1, "the inviter's report must not change with what the partner did"


def test_a_partner_in_danger_is_not_paired_unless_they_choose_and_not_now_is_the_default(
    site_content: object, instrument: Instrument
) -> None:
    danger = no_danger(instrument) | {instrument.safety_items[0].id: 3}
    inviter, report_a, partner, report_b = pair(instrument, partner_safety=danger, share=False)
    html = partner.get(report_b).content.decode()
    assert html.index('id="support"') < html.index('id="partner-status"')
    assert re.search(r'<input type="radio" name="choice" value="later" checked>', html)
    assert not re.search(r'value="share" checked', html)
    partner.post(share_form_of(partner, report_b), {"choice": "later"})
    assert not Pairing.objects.filter(shared=True).exists()
    assert "Open your joint report" not in inviter.get(report_a).content.decode()


def test_the_partners_scores_are_levels_never_numbers(site_content: object, instrument: Instrument) -> None:
    inviter, report_a, _, _ = pair(instrument)
    html = inviter.get(joint_path(inviter, report_a)).content.decode()
    table = html.split('class="compare"', 1)[1].split("</table>", 1)[0]
    rows = re.findall(r"<tr><th scope=\"row\">[^<]+</th><td>([^<]+)</td><td>([^<]+)</td></tr>", table)
    scale_rows = rows[1:]
    assert scale_rows, table
    for mine, theirs in scale_rows:
        assert mine.strip().isdigit()
        assert theirs.strip() in {"low", "middle", "high"}


def test_withdrawing_an_invitation_after_the_partner_finished_removes_the_unshared_pairing(
    site_content: object, instrument: Instrument
) -> None:
    inviter, report_a, partner, report_b = pair(instrument, share=False)
    invitation = Invitation.objects.get()
    assert inviter.post(report_a + f"invite/{invitation.pk}/cancel/").status_code == HTTPStatus.FOUND
    assert not Pairing.objects.exists()
    assert "couple/" not in partner.get(report_b).content.decode().split('id="sharing"')[0].split("share/")[0][-0:]
    assert "Share your result with the person who invited you?" not in partner.get(report_b).content.decode()


def test_invitation_dates_are_days_only(site_content: object, instrument: Instrument) -> None:
    _, _, _, _ = pair(instrument)
    invitation = Invitation.objects.get()
    for value in (invitation.created, invitation.expires, invitation.accepted):
        assert isinstance(value, dt.date) and not isinstance(value, dt.datetime)


def test_a_page_on_another_site_cannot_pair_a_visitor_without_consent(
    site_content: object, instrument: Instrument
) -> None:
    """The inviter knows the link; a form on their own site must not accept it for a visitor."""
    inviter = Client()
    report = take_test(inviter, "en", answers_for(instrument, "steady-connector"), no_danger(instrument)).split("?")[0]
    join = invite(inviter, report)
    victim = Client(enforce_csrf_checks=True)
    victim.get("/en/test/")  # any earlier visit: the victim has a CSRF cookie, the attacker cannot read it
    forged = victim.post(
        join, {"consent": "yes"}, HTTP_ORIGIN="https://attacker.example", HTTP_SEC_FETCH_SITE="cross-site"
    )
    assert forged.status_code == HTTPStatus.FORBIDDEN
    no_referrer = victim.post(join, {"consent": "yes"}, HTTP_ORIGIN="null", HTTP_SEC_FETCH_SITE="cross-site")
    assert no_referrer.status_code == HTTPStatus.FORBIDDEN
    without_token = victim.post(join, {"consent": "yes"}, HTTP_ORIGIN="null")
    assert without_token.status_code == HTTPStatus.FORBIDDEN
    assert Invitation.objects.get().accepted is None
    assert "rcw_draft" not in victim.cookies or not victim.cookies["rcw_draft"].value


def test_consent_from_the_invitation_page_itself_works_with_csrf_checks(
    site_content: object, instrument: Instrument
) -> None:
    inviter = Client()
    report = take_test(inviter, "en", answers_for(instrument, "steady-connector"), no_danger(instrument)).split("?")[0]
    join = invite(inviter, report)
    partner = Client(enforce_csrf_checks=True)
    html = partner.get(join).content.decode()
    token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', html).group(1)  # type: ignore[union-attr]
    # A no-referrer page posts with Origin: null; the browser marks it same-origin.
    response = partner.post(
        join, {"consent": "yes", "csrfmiddlewaretoken": token}, HTTP_ORIGIN="null", HTTP_SEC_FETCH_SITE="same-origin"
    )
    assert response.status_code == HTTPStatus.FOUND and response["Location"].endswith("/test/1/")
    assert Invitation.objects.get().accepted is not None


def test_retake_cannot_be_forged_from_another_site(site_content: object, instrument: Instrument) -> None:
    owner = Client()
    report = take_test(owner, "en", answers_for(instrument, "steady-connector"), no_danger(instrument)).split("?")[0]
    victim = Client(enforce_csrf_checks=True)
    victim.get("/en/test/")
    forged = victim.post(report + "retake/", {}, HTTP_ORIGIN="null", HTTP_SEC_FETCH_SITE="cross-site")
    assert forged.status_code == HTTPStatus.FORBIDDEN
    assert "rcw_draft" not in victim.cookies or not victim.cookies["rcw_draft"].value
