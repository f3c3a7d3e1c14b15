"""Answers in progress and finished results. No name, e-mail, account or IP address is stored."""

from __future__ import annotations

from django.db import models


class Draft(models.Model):
    """A test being taken, found again through a cookie on the reader's device."""

    token = models.CharField(max_length=64, unique=True)
    instrument = models.CharField(max_length=64)
    version = models.PositiveIntegerField()
    language = models.CharField(max_length=16)
    answers = models.JSONField(default=dict)
    safety_answers = models.JSONField(default=dict)
    previous = models.ForeignKey("Result", null=True, blank=True, on_delete=models.SET_NULL, related_name="+")
    # Set when a partner accepted a couple-mode invitation: finishing pairs the two results.
    invitation = models.ForeignKey(
        "couples.Invitation", null=True, blank=True, on_delete=models.SET_NULL, related_name="drafts"
    )
    created = models.DateTimeField(auto_now_add=True)
    updated = models.DateTimeField(auto_now=True, db_index=True)

    def __str__(self) -> str:
        return f"draft of {self.instrument} v{self.version} ({len(self.answers)} answers)"


class Result(models.Model):
    """A finished test: raw answers and the instrument version; everything else is computed when shown."""

    share_id = models.CharField(max_length=32, unique=True)
    # Only a hash of the private report token is kept, so the database alone never opens a report.
    report_hash = models.CharField(max_length=64, unique=True)
    instrument = models.CharField(max_length=64)
    version = models.PositiveIntegerField()
    language = models.CharField(max_length=16)
    answers = models.JSONField()
    safety_answers = models.JSONField()
    sharing_enabled = models.BooleanField(default=True)
    previous = models.ForeignKey("self", null=True, blank=True, on_delete=models.SET_NULL, related_name="+")
    created = models.DateField(auto_now_add=True, help_text="The day only: finer times are not kept.")
    is_synthetic = models.BooleanField(default=False, help_text="Generated for editors' statistics, not a reader's.")

    class Meta:
        indexes = [models.Index(fields=["instrument", "version"])]

    def __str__(self) -> str:
        return f"result of {self.instrument} v{self.version} on {self.created}"
