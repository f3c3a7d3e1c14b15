"""Doing "Yes, maybe, no, together" through the web as two people would, and reading what they see."""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping
from http import HTTPStatus

from django.test import Client

from together import matching, services
from together.items import Item
from together.models import Side, TogetherList
from together.selectors import item_set

TOKEN = r"[A-Za-z0-9_-]{32}"
CSRF = re.compile(r'name="csrfmiddlewaretoken" value="[^"]+"')


def items_at(level: int) -> list[Item]:
    return item_set().up_to(level)


def groups_at(level: int) -> list[tuple[str, list[Item]]]:
    return [(group.id, items) for group, items in item_set().groups_up_to(level)]


def start(client: Client, language: str, level: int) -> str:
    """Start a list; returns the starter's private address token."""
    response = client.post(f"/{language}/together/start/", {"level": level, "adult": "yes"})
    assert response.status_code == HTTPStatus.FOUND, response.content[:500]
    match = re.fullmatch(rf"/{language}/together/({TOKEN})/\?new=1", response["Location"])
    assert match, response["Location"]
    return match.group(1)


def invite(client: Client, language: str, token: str) -> str:
    """Make the one-time link; returns the invitation token shown on the starter's page."""
    response = client.post(f"/{language}/together/invite/", {"token": token})
    assert response.status_code == HTTPStatus.FOUND, response.content[:500]
    html = client.get(response["Location"]).content.decode()
    match = re.search(rf'id="invite-url">http://testserver/{language}/together/join/({TOKEN})/<', html)
    assert match, "the starter's page shows the new link once"
    return match.group(1)


def join(client: Client, language: str, invitation: str, level: int) -> str:
    assert client.get(f"/{language}/together/join/{invitation}/").status_code == HTTPStatus.OK
    response = client.post(
        f"/{language}/together/join/", {"invitation": invitation, "level": level, "adult": "yes", "consent": "yes"}
    )
    assert response.status_code == HTTPStatus.FOUND, response.content[:500]
    match = re.fullmatch(rf"/{language}/together/({TOKEN})/\?new=1", response["Location"])
    assert match, response["Location"]
    return match.group(1)


Answers = Mapping[str, str] | Callable[[Item], str]


def answer_all(client: Client, language: str, token: str, level: int, answers: Answers) -> None:
    """Answer every group page through the form, as a reader would."""
    pick = answers if callable(answers) else (lambda item: answers[item.id])
    for group_id, items in groups_at(level):
        assert client.get(f"/{language}/together/{token}/{group_id}/").status_code == HTTPStatus.OK
        form = {f"item-{item.id}": pick(item) for item in items}
        response = client.post(
            f"/{language}/together/answer/", {"token": token, "group": group_id, "nav": "next", **form}
        )
        assert response.status_code == HTTPStatus.FOUND, response.content[:800]


def finish(client: Client, language: str, token: str) -> None:
    response = client.post(f"/{language}/together/finish/", {"token": token})
    assert response.status_code == HTTPStatus.FOUND, response.content[:500]


def everything(answer: str) -> Callable[[Item], str]:
    """The same answer to every item, or the nearest one the item offers ("talk" -> "no")."""
    return lambda item: answer if answer in matching.choices(item.talk_first) else matching.NO


def pair(
    language_a: str = "en",
    language_b: str = "zh-hans",
    level: int = 4,
    answers_a: Answers | None = None,
    answers_b: Answers | None = None,
) -> tuple[Client, str, Client, str]:
    """Two people, two browsers: both answer and finish. Returns (client_a, token_a, client_b, token_b)."""
    a, b = Client(), Client()
    token_a = start(a, language_a, level)
    token_b = join(b, language_b, invite(a, language_a, token_a), level)
    answer_all(a, language_a, token_a, level, answers_a or everything(matching.YES))
    answer_all(b, language_b, token_b, level, answers_b or everything(matching.YES))
    finish(a, language_a, token_a)
    finish(b, language_b, token_b)
    return a, token_a, b, token_b


def masked(html: str, *tokens: str) -> str:
    """A page with its per-request CSRF token, and any private addresses given, masked."""
    html = CSRF.sub('name="csrfmiddlewaretoken" value="…"', html)
    for token in tokens:
        html = html.replace(token, "<token>")
    return html


def finished_list(level: int, answers_a: Mapping[str, str], answers_b: Mapping[str, str]) -> tuple[str, str]:
    """A finished list made directly through the services (fast, for property tests)."""
    entered_a = services.list_start(level=level)
    invitation = services.invitation_create(side=entered_a.side)
    entered_b = services.list_join(invitation=invitation, level=level)
    ids = [item.id for item in items_at(level)]
    services.answers_save(side=entered_a.side, answers=answers_a)
    services.answers_save(side=entered_b.side, answers=answers_b)
    services.side_finish(side=entered_a.side, item_ids=ids)
    assert services.side_finish(side=entered_b.side, item_ids=ids)
    return entered_a.token, entered_b.token


def set_answers(token: str, answers: Mapping[str, str]) -> None:
    """Replace a side's stored answers behind the site's back (what an attacker cannot do)."""
    from assessment import tokens

    Side.objects.filter(token_hash=tokens.token_hash(token)).update(answers=dict(answers))


def counts() -> tuple[int, int]:
    return TogetherList.objects.count(), Side.objects.count()
