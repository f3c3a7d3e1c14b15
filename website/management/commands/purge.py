"""`manage.py purge`: remove what the site no longer needs to keep.

- unfinished answers not touched for DRAFT_RETENTION_DAYS (default 30), and finished drafts
  (kept a day so that a retried final answer still finds its report);
- invitations that were cancelled, or whose time to share has passed without a joint report
  (with the unshared pairing, if the partner had finished);
- finished results older than RESULT_RETENTION_DAYS, if that is set (0 keeps them until deleted).
- "together" lists not finished by both within 30 days of starting, and finished ones 90 days
  after finishing unless both partners chose to keep them (both sides, every answer).

Each is one DELETE with a condition, so two servers running it from cron at once do no harm.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.conf import settings
from django.core.management.base import BaseCommand
from django.db.models import Q
from django.utils import timezone

from assessment.models import Draft, Result
from couples.models import SHARE_DAYS_AFTER_EXPIRY, Invitation
from together.services import lists_purge


class Command(BaseCommand):
    help = "Remove stale drafts, unused invitations and, if a retention period is set, old results."

    def handle(self, *args: Any, **options: Any) -> None:
        now = timezone.now()
        today = timezone.localdate()
        # Counted per model: a cascade (a result's drafts or invitations) is not counted as results.
        _, stale = Draft.objects.filter(
            Q(updated__lt=now - dt.timedelta(days=settings.DRAFT_RETENTION_DAYS))
            | Q(finished_result__isnull=False, updated__lt=now - dt.timedelta(days=1))
        ).delete()
        last_share_day = today - dt.timedelta(days=SHARE_DAYS_AFTER_EXPIRY)
        _, ended = (
            Invitation.objects.exclude(pairing__shared=True)
            .filter(Q(expires__lt=last_share_day) | Q(cancelled__isnull=False))
            .delete()
        )
        removed_results: dict[str, int] = {}
        if settings.RESULT_RETENTION_DAYS > 0:
            cutoff = today - dt.timedelta(days=settings.RESULT_RETENTION_DAYS)
            _, removed_results = Result.objects.filter(created__lt=cutoff).delete()
        drafts = stale.get("assessment.Draft", 0)
        invitations = ended.get("couples.Invitation", 0)
        results = removed_results.get("assessment.Result", 0)
        # "Yes, maybe, no, together": unfinished lists after 30 days, finished ones after 90 unless both kept them.
        lists = lists_purge(today=today)
        self.stdout.write(
            f"purged: {drafts} drafts, {invitations} invitations, {results} results, {lists} together lists"
        )
