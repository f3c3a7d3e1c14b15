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
