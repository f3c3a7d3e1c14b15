"""The editors' area: statistics and export for staff, no identity anywhere."""

from __future__ import annotations

import csv
import io
from http import HTTPStatus

import pytest
from django.contrib.auth.models import Permission, User
from django.core.management import call_command
from django.test import Client

from assessment.models import Result

pytestmark = pytest.mark.django_db


@pytest.fixture
def editor(client: Client) -> Client:
    user = User.objects.create_user("editor", password="a long editor passphrase", is_staff=True)
    user.user_permissions.add(Permission.objects.get(codename="view_result"))
    client.force_login(user)
    return client


@pytest.fixture
def synthetic() -> None:
    call_command("seed_responses", 120, seed=3, verbosity=0)


def test_statistics_need_a_staff_login(client: Client) -> None:
    response = client.get("/editors/assessment/result/statistics/")
    assert response.status_code == HTTPStatus.FOUND and "/login/" in response["Location"]


def test_statistics_show_alpha_item_totals_and_patterns(editor: Client, synthetic: None) -> None:
    html = editor.get("/editors/assessment/result/statistics/", {"synthetic": "1"}).content.decode()
    assert "120 started, 120 finished" in html
    assert "alpha" in html and "Item-total" in html and "<svg" in html
    assert "Steady Connector" in html


def test_synthetic_answers_never_count_as_real(editor: Client, synthetic: None) -> None:
    html = editor.get("/editors/assessment/result/statistics/").content.decode()
    assert "0 started, 0 finished" in html


def test_export_has_answers_but_no_tokens_or_times(editor: Client, synthetic: None) -> None:
    response = editor.get("/editors/assessment/result/export.csv", {"synthetic": "1"})
    rows = list(csv.reader(io.StringIO(response.content.decode())))
    assert rows[0][:5] == ["row", "instrument", "version", "language", "day"]
    assert len(rows) == 121 and not any(h.startswith("sc") for h in rows[0])
    body = response.content.decode()
    for result in Result.objects.all()[:20]:
        assert result.share_id not in body and result.report_hash not in body
    assert all(len(row[4]) == 10 for row in rows[1:])


def test_only_a_superuser_may_export_safety_answers(editor: Client, synthetic: None) -> None:
    assert editor.get("/editors/assessment/result/export.csv", {"safety": "1"}).status_code == HTTPStatus.FORBIDDEN
    admin = User.objects.create_superuser("root", password="another long passphrase")
    boss = Client()
    boss.force_login(admin)
    header = (
        boss.get("/editors/assessment/result/export.csv", {"safety": "1", "synthetic": "1"})
        .content.decode()
        .splitlines()[0]
    )
    assert header.endswith("sc1,sc2,sc3,sc4")


def test_result_admin_never_shows_share_ids(editor: Client, synthetic: None) -> None:
    result = Result.objects.first()
    html = editor.get(f"/editors/assessment/result/{result.pk}/change/").content.decode()
    assert result.share_id not in html and result.report_hash not in html


def test_seed_responses_can_be_removed(synthetic: None) -> None:
    call_command("seed_responses", delete=True, verbosity=0)
    assert not Result.objects.exists()


# --- filters, languages, keying and the synthetic label (issue 15) ---------------------------------


def test_the_export_keeps_the_language_and_synthetic_filters(editor: Client, synthetic: None) -> None:
    response = editor.get("/editors/assessment/result/export.csv", {"synthetic": "1", "language": "zh-hans"})
    rows = list(csv.reader(io.StringIO(response.content.decode())))
    assert len(rows) == 61 and {row[3] for row in rows[1:]} == {"zh-hans"}
    assert "zh-hans-synthetic" in response["Content-Disposition"]
    real = editor.get("/editors/assessment/result/export.csv", {"language": "zh-hans"}).content.decode()
    assert len(real.splitlines()) == 1  # synthetic rows never leave as real ones


def test_the_statistics_page_links_its_export_with_the_same_filters(editor: Client, synthetic: None) -> None:
    html = editor.get("/editors/assessment/result/statistics/", {"synthetic": "1", "language": "zh-hans"}).content
    assert b"export.csv?version=communication-patterns%2Fv2&amp;language=zh-hans&amp;synthetic=1" in html


def test_synthetic_figures_are_labelled_as_the_generators(editor: Client, synthetic: None) -> None:
    html = editor.get("/editors/assessment/result/statistics/", {"synthetic": "1"}).content.decode()
    assert "product of the generator's settings" in html and "Acquiescence" in html
    assert "product of the generator" not in editor.get("/editors/assessment/result/statistics/").content.decode()


def test_item_texts_follow_the_language_being_looked_at(editor: Client, synthetic: None) -> None:
    from assessment import registry

    item = registry.current_instrument().items[0]
    chinese = editor.get("/editors/assessment/result/statistics/", {"synthetic": "1", "language": "zh-hans"})
    assert item.text["zh-hans"] in chinese.content.decode() and item.text["en"] not in chinese.content.decode()
    admin_in_chinese = editor.get(
        "/editors/assessment/result/statistics/", {"synthetic": "1"}, HTTP_ACCEPT_LANGUAGE="zh-CN"
    )
    assert item.text["zh-hans"] in admin_in_chinese.content.decode()
    english = editor.get(
        "/editors/assessment/result/statistics/", {"synthetic": "1", "language": "en"}
    ).content.decode()
    assert item.text["en"] in english


def test_keying_is_shown_beside_the_means_and_omega_beside_alpha(editor: Client, synthetic: None) -> None:
    from assessment import registry

    html = editor.get("/editors/assessment/result/statistics/", {"synthetic": "1"}).content.decode()
    assert "<th>Key</th><th>Mean</th>" in html and "omega" in html
    reverse = next(item for item in registry.current_instrument().items if item.reverse)
    row = html.split(f"<td>{reverse.id}</td>", 1)[1].split("</tr>", 1)[0]
    assert "<td>minus</td>" in row


def test_the_generator_has_correlated_traits_and_an_acquiescence_style() -> None:
    import random

    from assessment import registry
    from base import statistics as stats
    from editors import synthetic as generator

    rng = random.Random(5)
    readers = [generator.draw_reader(rng) for _ in range(3000)]
    pursuing = [r.traits["pursuing"] for r in readers]
    rejection = [r.traits["rejection"] for r in readers]
    assert stats.correlation(pursuing, rejection) == pytest.approx(
        generator.TRAIT_CORRELATIONS[("pursuing", "rejection")], abs=0.06
    )
    instrument = registry.current_instrument()
    tilted = generator.Reader({s: 0.0 for s in generator.SCALES}, 0.9, False, None)
    answers = [generator.take(instrument, tilted, rng) for _ in range(30)]
    raw_mean = sum(sum(a.values()) for a in answers) / sum(len(a) for a in answers)
    assert raw_mean > 3.5  # agreeing with statements and their opposites alike
