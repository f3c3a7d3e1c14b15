"""A private list for two: the level, two answer sets and a few days. Nothing else.

No name, account, IP address or time of day is stored: only dates (days), the level, and each
side's answers under an address that is stored hashed. Deleting the list deletes both sides.
"""

from __future__ import annotations

import datetime as dt

from django.db import models

UNFINISHED_DAYS = 30  # a list the two have not both finished is deleted this long after its round began
FINISHED_DAYS = 90  # a finished list is deleted this long after it finished (or was last kept by both)
INVITATION_DAYS = 14


TOKEN_BYTES = 24  # 192 bits


class TogetherList(models.Model):
    level = models.PositiveSmallIntegerField(help_text="How explicit the items may be: the lower of the two choices.")
    started = models.DateField(help_text="The day the current round began.")
    finished = models.DateField(null=True, blank=True, help_text="The day both had finished: answers are locked.")
    kept = models.DateField(null=True, blank=True, help_text="The last day both chose to keep the finished list.")
    invitation_hash = models.CharField(max_length=64, unique=True, null=True, blank=True)
    invitation_expires = models.DateField(null=True, blank=True, help_text="The last day the invitation works.")

    class Meta:
        indexes = [models.Index(fields=["finished", "started"], name="together_purge")]

    def __str__(self) -> str:
        return f"together list {self.pk}"

    @property
    def locked(self) -> bool:
        return self.finished is not None

    @property
    def deleted_after(self) -> dt.date:
        """The last day the list is kept; `manage.py purge` deletes it the day after."""
        if self.finished is None:
            return self.started + dt.timedelta(days=UNFINISHED_DAYS)
        return max(self.finished, self.kept or self.finished) + dt.timedelta(days=FINISHED_DAYS)


class Side(models.Model):
    """One partner's side: their private address (hashed) and their own answers."""

    STARTER, PARTNER = "starter", "partner"

    together = models.ForeignKey(TogetherList, on_delete=models.CASCADE, related_name="sides")
    role = models.CharField(max_length=8, choices=[(STARTER, "started the list"), (PARTNER, "was invited")])
    token_hash = models.CharField(max_length=64, unique=True)
    answers = models.JSONField(default=dict, blank=True, help_text="item id -> no, talk, maybe or yes")
    finished = models.DateField(null=True, blank=True)
    wants_new_round = models.BooleanField(default=False)
    wants_to_keep = models.BooleanField(default=False)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["together", "role"], name="together_one_side_per_role")]

    def __str__(self) -> str:
        return f"{self.role} of {self.together_id}"
