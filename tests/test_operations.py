"""Operating the site: rate limits, purging, and a cache that may be down."""

from __future__ import annotations

import datetime as dt
from http import HTTPStatus
from io import StringIO

import pytest
from django.core.management import call_command
from django.test import Client, override_settings
from django.utils import timezone

from assessment import registry, services
from assessment.models import Draft, Result
from couples.models import Invitation
from couples.services import invitation_create

pytestmark = pytest.mark.django_db


@override_settings(RATE_LIMITS={"submit": "2/600", "invite": "2/3600", "search": "3/60", "delete": "2/3600"})
def test_searching_too_fast_gets_a_readable_429(client: Client) -> None:
    for _ in range(3):
        assert client.get("/en/search/", {"q": "pause"}).status_code == HTTPStatus.OK
    response = client.get("/en/search/", {"q": "pause"})
    assert response.status_code == HTTPStatus.TOO_MANY_REQUESTS
    assert "Too many requests" in response.content.decode() and int(response["Retry-After"]) > 0


@override_settings(RATE_LIMITS={"submit": "2/600", "invite": "2/3600", "search": "3/60", "delete": "2/3600"})
def test_starting_tests_too_fast_is_limited_and_stores_nothing_more(client: Client) -> None:
    for _ in range(2):
        client.post("/zh-hans/test/begin/", {"action": "start"})
    response = client.post("/zh-hans/test/begin/", {"action": "start"})
    assert response.status_code == HTTPStatus.TOO_MANY_REQUESTS
    assert "请求太频繁" in response.content.decode()
    assert Draft.objects.count() == 1  # the second start replaced the first; the third did nothing


def finished_result(days_ago: int = 0) -> Result:
    instrument = registry.current_instrument()
    draft = services.draft_start(instrument=instrument, language="en")
    result = services.result_create(
        token=draft.token,
        instrument=instrument,
        answers={i.id: 3 for i in instrument.items},
        safety={i.id: 1 for i in instrument.safety_items},
    ).result
    Result.objects.filter(pk=result.pk).update(created=timezone.now().date() - dt.timedelta(days=days_ago))
    return result


def test_purge_removes_stale_drafts_and_unused_invitations_only() -> None:
    instrument = registry.current_instrument()
    old = services.draft_start(instrument=instrument, language="en")
    fresh = services.draft_start(instrument=instrument, language="en")
    Draft.objects.filter(pk=old.pk).update(updated=timezone.now() - dt.timedelta(days=31))
    result = finished_result()
    expired = invitation_create(inviter=result).invitation
    # Past its last day to join and past the partner's time to choose to share.
    Invitation.objects.filter(pk=expired.pk).update(expires=timezone.localdate() - dt.timedelta(days=15))
    waiting = invitation_create(inviter=result).invitation
    out = StringIO()
    call_command("purge", stdout=out)
    assert list(Draft.objects.filter(finished_result__isnull=True).values_list("pk", flat=True)) == [fresh.pk]
    assert list(Invitation.objects.values_list("pk", flat=True)) == [waiting.pk]
    assert Result.objects.filter(pk=result.pk).exists()
    call_command("purge", stdout=StringIO())  # running again, or on another server at once, is harmless


@override_settings(RESULT_RETENTION_DAYS=90)
def test_purge_applies_a_retention_period_when_one_is_set() -> None:
    old, recent = finished_result(days_ago=91), finished_result(days_ago=10)
    call_command("purge", stdout=StringIO())
    assert list(Result.objects.values_list("pk", flat=True)) == [recent.pk]
    assert not Result.objects.filter(pk=old.pk).exists()


def test_pages_still_render_when_the_cache_fails(
    client: Client, site_content: object, monkeypatch: pytest.MonkeyPatch, caplog: pytest.LogCaptureFixture
) -> None:
    from django.core.cache import cache

    def broken(*args: object, **kwargs: object) -> None:
        raise ConnectionError("cache down")

    monkeypatch.setattr(cache, "get", broken)
    monkeypatch.setattr(cache, "set", broken)
    response = client.get("/en/articles/sexual-safety-after-no/")
    assert response.status_code == HTTPStatus.OK
    assert "cache unavailable" in caplog.text
