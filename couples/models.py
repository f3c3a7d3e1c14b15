"""Invitations between two people, and the pairing of their results. No names, ever.

Only days are kept, never times of day. The inviter learns nothing from an invitation until the
partner chooses to share: accepted, finished, declined or never opened all look the same to them.
"""

from __future__ import annotations

import datetime as dt

from django.db import models
from django.utils import timezone

# After the invitation's last day to join, the partner still has this long to choose to share.
SHARE_DAYS_AFTER_EXPIRY = 14


class Invitation(models.Model):
    token_hash = models.CharField(max_length=64, unique=True)
    inviter = models.ForeignKey("assessment.Result", on_delete=models.CASCADE, related_name="invitations")
    instrument = models.CharField(max_length=64)
    version = models.PositiveIntegerField()
    created = models.DateField(auto_now_add=True)
    expires = models.DateField(help_text="The last day the link can be used to join.")
    accepted = models.DateField(null=True, blank=True)
    cancelled = models.DateField(null=True, blank=True)

    def __str__(self) -> str:
        return f"invitation {self.pk} ({self.status})"

    @property
    def status(self) -> str:
        if self.cancelled:
            return "cancelled"
        if self.accepted:
            return "accepted"
        if self.expires < timezone.localdate():
            return "expired"
        return "open"

    @property
    def share_until(self) -> dt.date:
        """Until this day the inviter sees "waiting for your partner", whatever happened."""
        return self.expires + dt.timedelta(days=SHARE_DAYS_AFTER_EXPIRY)


class Pairing(models.Model):
    """Made when an invited partner finishes; seen by either of them only once the partner shares.

    Deleting it ends it for both.
    """

    invitation = models.OneToOneField(Invitation, on_delete=models.CASCADE, related_name="pairing")
    inviter = models.ForeignKey("assessment.Result", on_delete=models.CASCADE, related_name="+")
    partner = models.ForeignKey("assessment.Result", on_delete=models.CASCADE, related_name="+")
    shared = models.BooleanField(default=False, help_text="The partner chose to share their result with the inviter.")
    created = models.DateField(auto_now_add=True)

    def __str__(self) -> str:
        return f"pairing {self.pk}"
