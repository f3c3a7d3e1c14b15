"""A report whose safety check signalled danger: support first, nothing that could put the reader at risk."""

from __future__ import annotations

import io
from http import HTTPStatus

import pytest
from django.test import Client

from assessment import registry
from assessment.instrument import Instrument
from tests.assessment.test_flow import neutral, no_danger, take_test

pytestmark = pytest.mark.django_db


@pytest.fixture
def instrument() -> Instrument:
    return registry.current_instrument()


def danger(instrument: Instrument) -> dict[str, int]:
    return no_danger(instrument) | {instrument.safety_items[0].id: 3}


@pytest.mark.parametrize("language", ["en", "zh-hans"])
def test_a_safety_signal_report_puts_support_first_and_leaves_out_what_could_hurt(
    client: Client, site_content: object, instrument: Instrument, language: str
) -> None:
    location = take_test(client, language, neutral(instrument), danger(instrument))
    html = client.get(location).content.decode()
    main = html.split('<main id="main"', 1)[1]
    assert main.index('id="support"') < main.index('class="report-header"')
    # No bookmark prompt, no "email it to myself", no "remember on this device".
    assert 'id="keep-title"' not in main and "mailto:" not in main and "data-remember" not in main
    # No sharing, no invitation.
    assert 'action="' + location.split("?")[0] + 'sharing/"' not in main
    assert "couples/" not in main and "/invite/" not in main
    # No practice or intimacy advice.
    for marker in ('id="plan"', 'id="phrases"', "pattern.in_intimacy"):
        assert marker not in main
    pattern_section = main.split('id="pattern"', 1)[1].split("</section>", 1)[0]
    assert pattern_section.count("<h3>") == 2  # what you do well, in conflict
    # A quick exit, and deleting at once offered next to the support.
    assert "data-quick-exit" in html and "quick-exit-sticky" in html
    assert main.index("delete-now") < main.index('class="report-header"')


def test_the_pdf_of_a_safety_signal_report_has_support_and_no_practice(
    client: Client, site_content: object, instrument: Instrument
) -> None:
    from pypdf import PdfReader

    report = take_test(client, "en", neutral(instrument), danger(instrument)).split("?")[0]
    response = client.get(report + "report.pdf")
    assert response.status_code == HTTPStatus.OK
    text = " ".join(page.extract_text() for page in PdfReader(io.BytesIO(response.content)).pages)
    flat = " ".join(text.replace("\x00", "").split())
    assert "Your safety comes first" in flat and "emergency" in flat
    assert "14-day practice plan" not in flat and "What to practise next" not in flat and "In intimacy" not in flat


def test_a_report_without_a_signal_still_offers_everything(
    client: Client, site_content: object, instrument: Instrument
) -> None:
    location = take_test(client, "en", neutral(instrument), no_danger(instrument))
    main = client.get(location).content.decode().split('<main id="main"', 1)[1]
    assert 'id="support"' not in main and "data-quick-exit" not in main
    assert 'id="keep-title"' in main and "mailto:" in main and 'id="plan"' in main
    assert "Create an invitation link" in main and "Turn sharing on" in main
    # The result comes before the keep-the-address notice.
    assert main.index('class="report-header"') < main.index('id="keep-title"')
