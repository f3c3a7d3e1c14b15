"""The public reliability page: "not yet" until a language has 200 real results of the version,
then each scale's alpha and omega from real answers only, never from synthetic ones."""

from __future__ import annotations

import random
from http import HTTPStatus

import pytest
from django.core.management import call_command
from django.test import Client

from assessment import registry, reliability, tokens
from assessment.models import Result
from editors import synthetic

pytestmark = pytest.mark.django_db


def real_results(count: int, language: str, seed: int = 1) -> None:
    instrument = registry.current_instrument()
    rng = random.Random(seed)
    Result.objects.bulk_create(
        [
            Result(
                share_id=tokens.new_share_id(),
                report_hash=tokens.token_hash(tokens.new_report_token()),
                instrument=instrument.id,
                version=instrument.version,
                language=language,
                answers=synthetic.take(instrument, synthetic.draw_reader(rng), rng),
                safety_answers={item.id: 1 for item in instrument.safety_items},
                sharing_enabled=False,
            )
            for _ in range(count)
        ]
    )


@pytest.mark.parametrize(("language", "not_yet"), [("en", "Not yet."), ("zh-hans", "暂时还没有。")])
def test_the_page_says_not_yet_without_enough_real_answers(client: Client, language: str, not_yet: str) -> None:
    real_results(reliability.MIN_RESULTS - 1, "en")
    call_command("seed_responses", 600, seed=4, verbosity=0)  # synthetic answers never count
    response = client.get(f"/{language}/test/reliability/")
    html = response.content.decode()
    assert response.status_code == HTTPStatus.OK
    assert html.count(not_yet) == 2 and "<table" not in html.split('id="reliability-en"', 1)[1]


def test_a_language_with_200_real_results_gets_its_figures(client: Client) -> None:
    real_results(reliability.MIN_RESULTS, "zh-hans")
    html = client.get("/en/test/reliability/").content.decode()
    chinese = html.split('id="reliability-zh-hans"', 1)[1].split("</section>", 1)[0]
    english = html.split('id="reliability-en"', 1)[1].split("</section>", 1)[0]
    assert "Not yet." in english and "Not yet." not in chinese
    assert "From 200 real results of version 2" in chinese and chinese.count("<tr>") == 1 + 7
    figures = reliability.language_reliability(registry.current_instrument(), "zh-hans", "en")
    alphas = [scale.alpha for scale in figures.scales]
    assert figures.published and all(a is not None and 0.5 < a < 0.95 for a in alphas)
    intimacy = next(scale for scale in figures.scales if scale.id == "intimacy")
    assert intimacy.respondents < 200  # results where its questions did not apply are left out


def test_how_scoring_works_no_longer_claims_what_does_not_exist(client: Client) -> None:
    html = client.get("/en/test/how-scoring-works/").content.decode()
    assert "/en/test/reliability/" in html
    assert "We publish how reliable each scale is on real answers as they come in" not in html
