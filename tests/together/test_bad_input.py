"""Bad input on every form and every address: a clear 4xx, nothing stored or changed, no address logged."""

from __future__ import annotations

import io
from collections.abc import Iterator
from http import HTTPStatus

import pytest
from django.test import Client, override_settings
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from together.matching import NO, YES
from together.models import Side, TogetherList

from .helpers import answer_all, counts, everything, groups_at, invite, pair, start

pytestmark = pytest.mark.django_db
UNKNOWN = "A" * 32


def snapshot() -> tuple[object, ...]:
    return (
        list(TogetherList.objects.order_by("pk").values()),
        list(Side.objects.order_by("pk").values()),
    )


@pytest.fixture
def started(client: Client) -> Iterator[tuple[Client, str]]:
    yield client, start(client, "en", 2)


def refused(response: object, status: int, words: str = "") -> str:
    assert response.status_code == status, response.content[:600]  # type: ignore[attr-defined]
    html = response.content.decode()  # type: ignore[attr-defined]
    if words:
        assert words in html, html[:2000]
    return html


# --- starting --------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "form",
    [
        {},
        {"adult": "yes"},
        {"adult": "yes", "level": "0"},
        {"adult": "yes", "level": "5"},
        {"adult": "yes", "level": "two"},
        {"adult": "yes", "level": "-1"},
        {"adult": "yes", "level": "1.0"},
        {"level": "1"},
        {"level": "1", "adult": "no"},
    ],
)
def test_starting_without_a_level_or_as_a_minor_stores_nothing(client: Client, form: dict[str, str]) -> None:
    html = refused(client.post("/en/together/start/", form), HTTPStatus.BAD_REQUEST, "Nothing was saved.")
    assert 'role="alert"' in html
    assert counts() == (0, 0)


def test_starting_is_rate_limited(client: Client) -> None:
    with override_settings(RATE_LIMITS={"together": "2/3600"}):
        start(client, "en", 1)
        start(client, "en", 1)
        refused(client.post("/en/together/start/", {"level": "1", "adult": "yes"}), HTTPStatus.TOO_MANY_REQUESTS)
    assert counts() == (2, 2)


def test_making_invitations_is_rate_limited(started: tuple[Client, str]) -> None:
    client, token = started
    with override_settings(RATE_LIMITS={"together": "2/3600"}):
        invite(client, "en", token)  # the start itself counted once
        refused(client.post("/en/together/invite/", {"token": token}), HTTPStatus.TOO_MANY_REQUESTS)


def test_every_form_refuses_a_missing_csrf_token(started: tuple[Client, str]) -> None:
    _, token = started
    strict = Client(enforce_csrf_checks=True)
    before = snapshot()
    for path, form in [
        ("/en/together/start/", {"level": "1", "adult": "yes"}),
        ("/en/together/invite/", {"token": token}),
        ("/en/together/answer/", {"token": token, "group": "affection"}),
        ("/en/together/finish/", {"token": token}),
        ("/en/together/end/", {"token": token, "confirm": "yes"}),
        ("/en/together/pressured/", {"token": token}),
        ("/en/together/keep/", {"token": token, "choice": "keep"}),
        ("/en/together/new-round/", {"token": token, "choice": "start"}),
        ("/en/together/join/", {"invitation": UNKNOWN}),
        ("/en/together/decline/", {"invitation": UNKNOWN}),
    ]:
        assert strict.post(path, form).status_code == HTTPStatus.FORBIDDEN, path
    assert snapshot() == before


# --- addresses ----------------------------------------------------------------------------------------------


@pytest.mark.parametrize("bad", [UNKNOWN, "short", "A" * 31 + "!", "A" * 33, "%00" * 11])
def test_an_unknown_or_malformed_address_is_a_clear_404(client: Client, bad: str) -> None:
    refused(client.get(f"/en/together/{bad}/"), HTTPStatus.NOT_FOUND, "This list has ended")
    refused(client.get(f"/en/together/{bad}/affection/"), HTTPStatus.NOT_FOUND, "This list has ended")
    refused(client.get(f"/en/together/join/{bad}/"), HTTPStatus.NOT_FOUND, "This invitation cannot be used")


def test_an_unknown_group_is_a_clear_404(started: tuple[Client, str]) -> None:
    client, token = started
    refused(client.get(f"/en/together/{token}/no-such-group/"), HTTPStatus.NOT_FOUND, "does not exist")
    # A group above the list's level is not part of it.
    refused(client.get(f"/en/together/{token}/sex/"), HTTPStatus.NOT_FOUND, "does not exist")


def test_private_addresses_answer_only_get(started: tuple[Client, str]) -> None:
    client, token = started
    before = snapshot()
    for path in (f"/en/together/{token}/", f"/en/together/{token}/affection/", f"/en/together/join/{UNKNOWN}/"):
        response = client.post(path, {"token": token})
        assert response.status_code == HTTPStatus.METHOD_NOT_ALLOWED, path
        assert response["Cache-Control"].startswith("private")
    assert snapshot() == before


def test_no_private_address_reaches_the_log(started: tuple[Client, str], log_output: io.StringIO) -> None:
    client, token = started
    client.get(f"/en/together/{token}x/")
    client.get(f"/en/together/{token}/no-such-group/")
    client.post(f"/en/together/{token}/")
    client.get(f"/en/together/join/{token}/")
    client.post("/en/together/answer/", {"token": token, "group": "nope"})
    Client(enforce_csrf_checks=True).post("/en/together/end/", {"token": token, "confirm": "yes"})
    written = log_output.getvalue()
    assert "Forbidden" in written  # the log is being read: the refused end is there, without a token
    assert token not in written


# --- answering ----------------------------------------------------------------------------------------------


def test_answers_must_all_be_given_and_each_one_of_the_items_choices(started: tuple[Client, str]) -> None:
    client, token = started
    group_id, items = groups_at(2)[0]  # affection: no "let's talk first"
    full = {f"item-{item.id}": YES for item in items}
    before = snapshot()
    cases = [
        {k: v for k, v in full.items() if k != f"item-{items[0].id}"},  # one missing
        {**full, f"item-{items[0].id}": "talk"},  # not offered for this item
        {**full, f"item-{items[0].id}": "YES"},
        {**full, f"item-{items[0].id}": ""},
        {**full, "item-penetrative-sex": YES},  # an item of another group
        {**full, "item-no-such-item": YES},
    ]
    for form in cases:
        html = refused(
            client.post("/en/together/answer/", {"token": token, "group": group_id, **form}),
            HTTPStatus.BAD_REQUEST,
            "Nothing was saved.",
        )
        assert "Please choose an answer" in html or "item-no-such-item" in str(form) or "penetrative" in str(form)
    assert snapshot() == before


def test_a_refused_form_keeps_what_was_chosen(started: tuple[Client, str]) -> None:
    client, token = started
    group_id, items = groups_at(2)[0]
    form = {f"item-{item.id}": NO for item in items[1:]}
    html = client.post("/en/together/answer/", {"token": token, "group": group_id, **form}).content.decode()
    assert f'name="item-{items[1].id}" value="no" checked' in html
    assert f'id="err-{items[0].id}"' in html


@pytest.mark.parametrize("group", ["", "nope", "sex", "affection/../sex"])
def test_answering_an_unknown_group_stores_nothing(started: tuple[Client, str], group: str) -> None:
    client, token = started
    before = snapshot()
    form = {"token": token, "group": group, "item-penetrative-sex": YES}
    refused(client.post("/en/together/answer/", form), HTTPStatus.BAD_REQUEST, "does not exist")
    assert snapshot() == before


@pytest.mark.parametrize(
    "path", ["/en/together/answer/", "/en/together/finish/", "/en/together/invite/", "/en/together/end/"]
)
def test_forms_with_an_unknown_address_store_nothing(client: Client, path: str) -> None:
    start(client, "en", 1)
    before = snapshot()
    for token in ("", UNKNOWN, "x" * 200):
        refused(client.post(path, {"token": token, "group": "affection", "confirm": "yes"}), HTTPStatus.NOT_FOUND)
    assert snapshot() == before


def test_finishing_with_unanswered_items_is_refused(started: tuple[Client, str]) -> None:
    client, token = started
    before = snapshot()
    refused(client.post("/en/together/finish/", {"token": token}), HTTPStatus.BAD_REQUEST, "still need an answer")
    assert snapshot() == before


# --- after finishing -------------------------------------------------------------------------------------------


@pytest.mark.parametrize("path", ["/en/together/keep/", "/en/together/new-round/"])
def test_wishes_need_a_known_choice_and_a_finished_list(client: Client, path: str) -> None:
    a, token_a, _, _ = pair(level=1)
    before = snapshot()
    for choice in ("", "yes please", "KEEP"):
        refused(a.post(path, {"token": token_a, "choice": choice}), HTTPStatus.BAD_REQUEST, "could not be read")
    assert snapshot() == before
    token = start(client, "en", 1)
    answer_all(client, "en", token, 1, everything(YES))
    before = snapshot()
    choice = "keep" if "keep" in path else "start"
    refused(client.post(path, {"token": token, "choice": choice}), HTTPStatus.CONFLICT, "once you have both finished")
    assert snapshot() == before


def test_ending_needs_the_confirmation(started: tuple[Client, str]) -> None:
    client, token = started
    before = snapshot()
    for confirm in ("", "no", "YES"):
        refused(client.post("/en/together/end/", {"token": token, "confirm": confirm}), HTTPStatus.BAD_REQUEST)
    assert snapshot() == before


def test_pressured_with_an_unknown_address_still_shows_support_and_changes_nothing(client: Client) -> None:
    start(client, "en", 1)
    before = snapshot()
    html = refused(client.post("/en/together/pressured/", {"token": UNKNOWN}), HTTPStatus.NOT_FOUND)
    assert 'href="/en/support/"' in html
    html = refused(client.post("/en/together/pressured/", {"invitation": UNKNOWN}), HTTPStatus.NOT_FOUND)
    assert 'href="/en/support/"' in html
    assert snapshot() == before


# --- joining -------------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "form",
    [
        {"level": "1", "adult": "yes"},  # no consent
        {"level": "1", "consent": "yes"},  # not confirmed adult
        {"adult": "yes", "consent": "yes"},  # no level
        {"level": "3", "adult": "yes", "consent": "yes"},  # above the starter's choice
        {"level": "x", "adult": "yes", "consent": "yes"},
    ],
)
def test_joining_needs_consent_age_and_a_level_no_higher_than_the_starters(
    started: tuple[Client, str], form: dict[str, str]
) -> None:
    client, token = started
    invitation = invite(client, "en", token)
    before = snapshot()
    html = refused(
        Client().post("/en/together/join/", {"invitation": invitation, **form}),
        HTTPStatus.BAD_REQUEST,
        "Nothing was saved.",
    )
    assert f'value="{invitation}"' in html  # the same consent page, to try again
    assert snapshot() == before
    assert Client().get(f"/en/together/join/{invitation}/").status_code == HTTPStatus.OK  # still usable


@pytest.mark.parametrize("path", ["/en/together/join/", "/en/together/decline/"])
def test_unknown_invitations_are_refused(client: Client, path: str) -> None:
    start(client, "en", 1)
    before = snapshot()
    for invitation in ("", UNKNOWN, "<script>"):
        form = {"invitation": invitation, "level": "1", "adult": "yes", "consent": "yes"}
        refused(client.post(path, form), HTTPStatus.NOT_FOUND, "This invitation cannot be used")
    assert snapshot() == before


SETTINGS = settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])


@SETTINGS
@given(value=st.text(alphabet=st.characters(exclude_categories=["Cs"]), max_size=120))
def test_hostile_values_in_any_field_never_cause_an_error_or_a_write(client: Client, value: str) -> None:
    a, token_a, _, _ = _finished_pair()
    before = snapshot()
    for path, form in [
        ("/en/together/start/", {"level": value, "adult": value}),
        ("/en/together/answer/", {"token": value, "group": value, f"item-{value}": value}),
        ("/en/together/answer/", {"token": token_a, "group": value, "item-pause-word": value}),
        ("/en/together/keep/", {"token": token_a, "choice": value}),
        ("/en/together/new-round/", {"token": token_a, "choice": value}),
        ("/en/together/end/", {"token": token_a, "confirm": value}),
        ("/en/together/join/", {"invitation": value, "level": value, "adult": "yes", "consent": "yes"}),
        ("/en/together/decline/", {"invitation": value}),
    ]:
        if value in ("keep", "start", "withdraw", "yes", "1", "2", "3", "4"):
            continue
        response = a.post(path, form)
        assert HTTPStatus.BAD_REQUEST <= response.status_code < HTTPStatus.INTERNAL_SERVER_ERROR, (path, value)
        if "<" in value and len(value) > 3:
            assert value not in response.content.decode(), "nothing is reflected unescaped"
    assert snapshot() == before


_PAIR: dict[str, tuple[Client, str, Client, str]] = {}


def _finished_pair() -> tuple[Client, str, Client, str]:
    """One finished list per test (hypothesis reruns the body; the database keeps it meanwhile)."""
    if not TogetherList.objects.filter(finished__isnull=False).exists():
        _PAIR["pair"] = pair(level=1)
    return _PAIR["pair"]
