"""Invitations between two people, and the pairing of their results. No names, ever."""

from __future__ import annotations

from django.db import models
from django.utils import timezone


class Invitation(models.Model):
    token_hash = models.CharField(max_length=64, unique=True)
    inviter = models.ForeignKey("assessment.Result", on_delete=models.CASCADE, related_name="invitations")
    instrument = models.CharField(max_length=64)
    version = models.PositiveIntegerField()
    created = models.DateTimeField(auto_now_add=True)
    expires = models.DateTimeField()
    accepted = models.DateTimeField(null=True, blank=True)
    cancelled = models.DateTimeField(null=True, blank=True)

    def __str__(self) -> str:
        return f"invitation {self.pk} ({self.status})"

    @property
    def status(self) -> str:
        if self.cancelled:
            return "cancelled"
        if self.accepted:
            return "accepted"
        if self.expires <= timezone.now():
            return "expired"
        return "open"


class Pairing(models.Model):
    """Exists while both have finished and neither has ended it; deleting it ends it for both."""

    invitation = models.OneToOneField(Invitation, on_delete=models.CASCADE, related_name="pairing")
    inviter = models.ForeignKey("assessment.Result", on_delete=models.CASCADE, related_name="+")
    partner = models.ForeignKey("assessment.Result", on_delete=models.CASCADE, related_name="+")
    created = models.DateField(auto_now_add=True)

    def __str__(self) -> str:
        return f"pairing {self.pk}"
