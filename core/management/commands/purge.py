"""`manage.py purge`: remove what the site no longer needs to keep.

- unfinished answers not touched for DRAFT_RETENTION_DAYS (default 30);
- invitations that expired or were cancelled without being accepted;
- finished results older than RESULT_RETENTION_DAYS, if that is set (0 keeps them until deleted).

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
from couples.models import Invitation


class Command(BaseCommand):
    help = "Remove stale drafts, unused invitations and, if a retention period is set, old results."

    def handle(self, *args: Any, **options: Any) -> None:
        now = timezone.now()
        drafts, _ = Draft.objects.filter(updated__lt=now - dt.timedelta(days=settings.DRAFT_RETENTION_DAYS)).delete()
        invitations, _ = (
            Invitation.objects.filter(accepted__isnull=True)
            .filter(Q(expires__lt=now) | Q(cancelled__isnull=False))
            .delete()
        )
        results = 0
        if settings.RESULT_RETENTION_DAYS > 0:
            cutoff = (now - dt.timedelta(days=settings.RESULT_RETENTION_DAYS)).date()
            results, _ = Result.objects.filter(created__lt=cutoff).delete()
        self.stdout.write(f"purged: {drafts} drafts, {invitations} invitation rows, {results} result rows")
