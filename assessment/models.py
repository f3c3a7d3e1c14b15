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
    # Once finished, the draft stays a short while so that a retry whose first response was lost
    # still finds its report: the report token, sealed with a key only this browser's draft
    # cookie and the server's secret together can open (the database alone never opens a report).
    finished_result = models.ForeignKey("Result", null=True, blank=True, on_delete=models.CASCADE, related_name="+")
    sealed_report_token = models.CharField(max_length=64, blank=True)
    # A retake remembers the earlier report's address, sealed with this draft's token, so that the
    # new report can link back to it (and only the new report: see Result.previous_report_sealed).
    previous_report_sealed = models.CharField(max_length=64, blank=True)

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
    # Off until the reader turns it on: the start page promises a result "you can choose to share".
    sharing_enabled = models.BooleanField(default=False)
    previous = models.ForeignKey("self", null=True, blank=True, on_delete=models.SET_NULL, related_name="+")
    # The earlier report's address, sealed with this report's own token: a newer report links to the
    # one before it, never the other way, and the database alone opens neither.
    previous_report_sealed = models.CharField(max_length=64, blank=True)
    created = models.DateField(auto_now_add=True, help_text="The day only: finer times are not kept.")
    is_synthetic = models.BooleanField(default=False, help_text="Generated for editors' statistics, not a reader's.")

    class Meta:
        indexes = [models.Index(fields=["instrument", "version"])]

    def __str__(self) -> str:
        return f"result of {self.instrument} v{self.version} on {self.created}"
