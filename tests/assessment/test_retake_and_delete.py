"""Retakes link back to the report before them, never forward; deleting says what went and what stayed."""

from __future__ import annotations

import re
from http import HTTPStatus

import pytest
from django.test import Client

from assessment import registry
from assessment.instrument import Instrument
from assessment.models import Result
from tests.assessment.test_flow import neutral, no_danger, pages_of

pytestmark = pytest.mark.django_db


@pytest.fixture
def instrument() -> Instrument:
    return registry.current_instrument()


def finish(client: Client, instrument: Instrument, language: str = "en") -> str:
    for number, ids in enumerate(pages_of(instrument), start=1):
        client.post(f"/{language}/test/{number}/", {**{i: neutral(instrument)[i] for i in ids}, "nav": "next"})
    return client.post(f"/{language}/test/safety/", {**no_danger(instrument), "nav": "finish"})["Location"].split("?")[
        0
    ]


def first_result(client: Client, instrument: Instrument) -> str:
    client.post("/en/test/begin/", {"action": "start"})
    return finish(client, instrument)


def test_a_retake_links_to_the_report_before_it_and_never_the_other_way(
    client: Client, site_content: object, instrument: Instrument
) -> None:
    older = first_result(client, instrument)
    client.post(older + "retake/")
    newer = finish(client, instrument)
    assert newer != older
    newer_html = client.get(newer).content.decode()
    assert f'href="{older}"' in newer_html
    older_html = client.get(older).content.decode()
    assert newer not in older_html and "previous-report" not in older_html


def test_deleting_offers_the_earlier_results_and_says_what_remains(
    client: Client, site_content: object, instrument: Instrument
) -> None:
    older = first_result(client, instrument)
    client.post(older + "retake/")
    newer = finish(client, instrument)
    page = client.get(newer + "delete/").content.decode()
    assert 'name="earlier" value="yes"' in page
    gone = client.post(newer + "delete/", {"confirm": "yes"})
    deleted_page = client.get(gone["Location"]).content.decode()
    assert "One earlier result remains" in deleted_page
    assert client.get(newer).status_code == HTTPStatus.NOT_FOUND
    assert client.get(older).status_code == HTTPStatus.OK


def test_deleting_with_the_earlier_results_removes_the_whole_chain(
    client: Client, site_content: object, instrument: Instrument
) -> None:
    older = first_result(client, instrument)
    client.post(older + "retake/")
    newer = finish(client, instrument)
    gone = client.post(newer + "delete/", {"confirm": "yes", "earlier": "yes"})
    deleted_page = client.get(gone["Location"]).content.decode()
    assert "The earlier result it was a retake of was deleted too." in deleted_page
    assert not Result.objects.exists()
    assert client.get(older).status_code == HTTPStatus.NOT_FOUND


def test_deleting_an_older_report_never_touches_or_reveals_a_newer_one(
    client: Client, site_content: object, instrument: Instrument
) -> None:
    older = first_result(client, instrument)
    client.post(older + "retake/")
    newer = finish(client, instrument)
    page = client.get(older + "delete/").content.decode()
    assert 'name="earlier"' not in page and newer not in page
    client.post(older + "delete/", {"confirm": "yes", "earlier": "yes"})
    assert client.get(newer).status_code == HTTPStatus.OK
    assert "previous-report" not in client.get(newer).content.decode()


def test_the_deleted_page_ignores_junk_counts(client: Client) -> None:
    html = client.get("/en/report-deleted/?earlier=<b>&kept=99999").content.decode()
    assert "<b>" not in html and "99999" not in html
    assert re.search(r"Removed for good", html)
