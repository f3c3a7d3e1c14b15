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
from couples.models import SHARE_DAYS_AFTER_EXPIRY, Invitation, Pairing
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
    assert out.getvalue().startswith("purged: 1 drafts, 1 invitations, 0 results")
    call_command("purge", stdout=StringIO())  # running again, or on another server at once, is harmless


def test_purge_removes_an_accepted_invitation_never_shared_once_its_time_to_share_has_passed() -> None:
    inviter, shared_partner, unshared_partner = finished_result(), finished_result(), finished_result()
    past = timezone.localdate() - dt.timedelta(days=SHARE_DAYS_AFTER_EXPIRY + 1)
    shared = invitation_create(inviter=inviter).invitation
    unshared = invitation_create(inviter=inviter).invitation
    Invitation.objects.filter(pk__in=[shared.pk, unshared.pk]).update(expires=past, accepted=past)
    Pairing.objects.create(invitation=shared, inviter=inviter, partner=shared_partner, shared=True)
    Pairing.objects.create(invitation=unshared, inviter=inviter, partner=unshared_partner, shared=False)
    out = StringIO()
    call_command("purge", stdout=out)
    assert list(Invitation.objects.values_list("pk", flat=True)) == [shared.pk]
    assert list(Pairing.objects.values_list("invitation_id", flat=True)) == [shared.pk]
    # The partner's own result is theirs: only the link between the two goes.
    assert Result.objects.filter(pk=unshared_partner.pk).exists()
    assert "1 invitations, 0 results" in out.getvalue()


@override_settings(RESULT_RETENTION_DAYS=90)
def test_purge_applies_a_retention_period_when_one_is_set() -> None:
    old, recent = finished_result(days_ago=91), finished_result(days_ago=10)
    invitation_create(inviter=old)  # removed with its result, and not counted as a result
    out = StringIO()
    call_command("purge", stdout=out)
    assert list(Result.objects.values_list("pk", flat=True)) == [recent.pk]
    assert not Result.objects.filter(pk=old.pk).exists()
    assert not Invitation.objects.exists()
    assert out.getvalue().startswith("purged: 0 drafts, 0 invitations, 1 results")


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


class _GunicornLog:
    def __init__(self) -> None:
        self.lines: list[str] = []

    def warning(self, message: str, *args: object) -> None:
        self.lines.append(message % args)


class _GunicornServer:
    def __init__(self, workers: int) -> None:
        self.cfg = type("Config", (), {"workers": workers})()
        self.log = _GunicornLog()


@pytest.mark.parametrize(("workers", "redis_url", "warned"), [(3, "", True), (1, "", False), (3, "redis://x", False)])
def test_gunicorn_warns_at_start_when_several_workers_share_no_cache(
    monkeypatch: pytest.MonkeyPatch, workers: int, redis_url: str, warned: bool
) -> None:
    from config import gunicorn

    monkeypatch.setenv("REDIS_URL", redis_url)
    server = _GunicornServer(workers)
    gunicorn.on_starting(server)
    assert bool(server.log.lines) == warned
    if warned:
        assert "3 workers share no cache" in server.log.lines[0] and "3 times the limit" in server.log.lines[0]
