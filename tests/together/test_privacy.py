"""The privacy property, on the pages themselves: byte for byte, a partner's view cannot change with
anything the other said about an item the viewer refused, nor with any change that leaves each
item's lower answer as it was. And what is stored: two answer sets, the level, days; nothing else."""

from __future__ import annotations

import re
from http import HTTPStatus

import pytest
from django.test import Client
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from assessment import tokens
from together import matching
from together.items import Item
from together.matching import ANSWERS, NO, YES, lower
from together.models import Side, TogetherList

from .helpers import everything, finished_list, items_at, masked, pair, set_answers, start

pytestmark = pytest.mark.django_db
LEVEL = 4
SETTINGS = settings(max_examples=30, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])


def answer_sets(items: list[Item]) -> st.SearchStrategy[dict[str, str]]:
    return st.fixed_dictionaries({item.id: st.sampled_from(matching.choices(item.talk_first)) for item in items})


def view(client: Client, language: str, token: str) -> str:
    response = client.get(f"/{language}/together/{token}/")
    assert response.status_code == HTTPStatus.OK
    return masked(response.content.decode(), token)


@pytest.mark.usefixtures("site_content")
@SETTINGS
@given(data=st.data(), language=st.sampled_from(["en", "zh-hans"]))
def test_what_the_partner_said_about_items_i_refused_never_changes_my_page(
    client: Client, data: st.DataObject, language: str
) -> None:
    items = items_at(LEVEL)
    mine, theirs = data.draw(answer_sets(items)), data.draw(answer_sets(items))
    token_a, token_b = finished_list(LEVEL, mine, theirs)
    before = view(client, language, token_a)
    changed = {
        item.id: data.draw(st.sampled_from(matching.choices(item.talk_first)))
        if mine[item.id] == NO
        else theirs[item.id]
        for item in items
    }
    set_answers(token_b, changed)
    assert view(client, language, token_a) == before


@pytest.mark.usefixtures("site_content")
@SETTINGS
@given(data=st.data(), language=st.sampled_from(["en", "zh-hans"]))
def test_any_change_that_keeps_each_lower_answer_never_changes_my_page(
    client: Client, data: st.DataObject, language: str
) -> None:
    items = items_at(LEVEL)
    mine, theirs = data.draw(answer_sets(items)), data.draw(answer_sets(items))
    token_a, token_b = finished_list(LEVEL, mine, theirs)
    before = view(client, language, token_a)
    changed = {}
    for item in items:
        keep = lower(mine[item.id], theirs[item.id])
        same = [a for a in matching.choices(item.talk_first) if lower(mine[item.id], a) == keep]
        changed[item.id] = data.draw(st.sampled_from(same))
    set_answers(token_b, changed)
    assert view(client, language, token_a) == before


@pytest.mark.usefixtures("site_content")
@SETTINGS
@given(data=st.data())
def test_before_both_finish_the_partners_answers_show_nowhere(client: Client, data: st.DataObject) -> None:
    """Until both have finished, each sees only their own side: the partner's answers are not read at all."""
    from together import services

    items = items_at(LEVEL)
    entered_a = services.list_start(level=LEVEL)
    entered_b = services.list_join(invitation=services.invitation_create(side=entered_a.side), level=LEVEL)
    services.answers_save(side=entered_a.side, answers=data.draw(answer_sets(items)))
    pages = [f"/en/together/{entered_a.token}/", *(f"/en/together/{entered_a.token}/{g}/" for g in ("touch", "sex"))]
    before = [masked(client.get(page).content.decode(), entered_a.token) for page in pages]
    set_answers(entered_b.token, data.draw(answer_sets(items)))
    Side.objects.filter(pk=entered_b.side.pk).update(finished=data.draw(st.sampled_from([None, "2026-01-01"])))
    assert [masked(client.get(page).content.decode(), entered_a.token) for page in pages] == before


def test_a_change_of_the_lower_answer_does_show(client: Client, site_content: object) -> None:
    """The property is not vacuous: the page does follow the lower answers."""
    items = items_at(LEVEL)
    mine = {item.id: YES for item in items}
    token_a, token_b = finished_list(LEVEL, mine, {item.id: NO for item in items})
    before = view(client, "en", token_a)
    set_answers(token_b, {item.id: (YES if item.id == "pause-word" else NO) for item in items})
    after = view(client, "en", token_a)
    assert before != after
    assert "A pause word that means stop" in after and "A pause word that means stop" not in before


def test_my_own_no_hides_the_item_whatever_the_partner_said(client: Client, site_content: object) -> None:
    items = items_at(LEVEL)
    mine = {item.id: (NO if item.id == "hug-coming-home" else YES) for item in items}
    token_a, _ = finished_list(LEVEL, mine, {item.id: YES for item in items})
    assert "A long hug when one of us comes home" not in view(client, "en", token_a)


def test_only_answers_level_and_days_are_stored() -> None:
    _, token_a, _, token_b = pair(level=3, answers_b=everything(matching.MAYBE))
    together = TogetherList.objects.get()
    fields = {field.name for field in TogetherList._meta.get_fields()}
    assert fields == {"id", "level", "started", "finished", "kept", "invitation_hash", "invitation_expires", "sides"}
    side_fields = {field.name for field in Side._meta.get_fields()}
    assert side_fields == {
        "id", "together", "role", "token_hash", "answers", "finished", "wants_new_round", "wants_to_keep"
    }  # fmt: skip
    assert together.level == 3 and together.invitation_hash is None
    sides = {side.token_hash: side for side in Side.objects.all()}
    assert set(sides) == {tokens.token_hash(token_a), tokens.token_hash(token_b)}
    # The addresses themselves are nowhere in the database, and answers are plain item ids and answers.
    dump = repr(list(TogetherList.objects.values())) + repr(list(Side.objects.values()))
    assert token_a not in dump and token_b not in dump
    assert "127.0.0.1" not in dump and not re.search(r"\d\d:\d\d", dump)
    for side in sides.values():
        assert set(side.answers) == {item.id for item in items_at(3)}
        assert set(side.answers.values()) <= set(ANSWERS)


def test_the_address_has_at_least_128_random_bits() -> None:
    token = start(Client(), "en", 1)
    assert len(token) == 32  # 24 random bytes, URL-safe base64: 192 bits
