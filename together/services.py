"""Every write of "Yes, maybe, no, together": one function each, one transaction each.

Addresses (a side's private address, the one-time invitation) are random 192-bit tokens; only
their SHA-256 is stored, and they are never logged. Dates are days, never times of day.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass

from django.db import transaction
from django.db.models import F, Q
from django.db.models.functions import Coalesce
from django.utils import timezone

from assessment import tokens

from . import matching
from .models import FINISHED_DAYS, INVITATION_DAYS, TOKEN_BYTES, UNFINISHED_DAYS, Side, TogetherList
from .selectors import item_set


class InvitationUnusable(Exception):
    def __init__(self, reason: str) -> None:
        super().__init__(reason)
        self.reason = reason  # "unknown" (never made, used, or the list ended) or "expired"


class Locked(Exception):
    """Both have finished: answers cannot change until both start a new round."""


class NotLocked(Exception):
    """Keeping the list or a new round only make sense once both have finished."""


class Incomplete(Exception):
    def __init__(self, missing: list[str]) -> None:
        super().__init__(f"{len(missing)} items unanswered")
        self.missing = missing


class NotAllowed(Exception):
    """Only the one who started the list invites, and only until the partner has joined."""


@dataclass(frozen=True)
class Entered:
    """A side and its private address, shown once to its owner and never stored."""

    side: Side
    token: str


def _new_side(*, together: TogetherList, role: str) -> Entered:
    token = tokens.secrets_token(TOKEN_BYTES)
    side = Side.objects.create(together=together, role=role, token_hash=tokens.token_hash(token))
    return Entered(side, token)


def _locked_list(side: Side) -> TogetherList:
    """The side's list, locked for the rest of the transaction so two writes queue, not interleave."""
    return TogetherList.objects.select_for_update().get(pk=side.together_id)


def list_start(*, level: int) -> Entered:
    """The reader starts a list at the level they chose; their partner can only lower it."""
    with transaction.atomic():
        together = TogetherList.objects.create(level=level, started=timezone.localdate())
        return _new_side(together=together, role=Side.STARTER)


def invitation_create(*, side: Side) -> str:
    """A one-time link for the partner; a new one replaces any earlier link, which stops working."""
    token = tokens.secrets_token(TOKEN_BYTES)
    with transaction.atomic():
        together = _locked_list(side)
        if side.role != Side.STARTER or together.sides.filter(role=Side.PARTNER).exists():
            raise NotAllowed()
        together.invitation_hash = tokens.token_hash(token)
        together.invitation_expires = timezone.localdate() + dt.timedelta(days=INVITATION_DAYS)
        together.save(update_fields=["invitation_hash", "invitation_expires"])
    return token


def invitation_find(token: str) -> TogetherList:
    if not tokens.looks_like(token, TOKEN_BYTES):
        raise InvitationUnusable("unknown")
    together = TogetherList.objects.filter(invitation_hash=tokens.token_hash(token)).first()
    if together is None:
        raise InvitationUnusable("unknown")
    if together.invitation_expires is None or together.invitation_expires < timezone.localdate():
        raise InvitationUnusable("expired")
    return together


def list_join(*, invitation: str, level: int) -> Entered:
    """The partner agrees: the invitation is used up, and the list takes the lower of the two levels.

    Any answers the starter gave above the new level are deleted with it: they are no longer part
    of the list.
    """
    with transaction.atomic():
        found = invitation_find(invitation)
        together = TogetherList.objects.select_for_update().get(pk=found.pk)
        if together.invitation_hash != found.invitation_hash:  # someone else joined a moment ago
            raise InvitationUnusable("unknown")
        together.level = min(together.level, level)
        together.invitation_hash = None
        together.invitation_expires = None
        together.save(update_fields=["level", "invitation_hash", "invitation_expires"])
        _drop_answers_above(together)
        return _new_side(together=together, role=Side.PARTNER)


def _drop_answers_above(together: TogetherList) -> None:
    allowed = {item.id for item in item_set().up_to(together.level)}
    for side in together.sides.all():
        kept = {item_id: answer for item_id, answer in side.answers.items() if item_id in allowed}
        if kept != side.answers:
            Side.objects.filter(pk=side.pk).update(answers=kept)


def list_decline(*, invitation: str) -> None:
    """The invited partner says no (or feels pressured): the list ends, as any ending does."""
    with transaction.atomic():
        together = invitation_find(invitation)
        TogetherList.objects.filter(pk=together.pk).delete()


def answers_save(*, side: Side, answers: Mapping[str, str]) -> None:
    """Store some of the side's own answers (already checked against the items they answer).

    Changing anything after finishing un-finishes the side: they finish again when ready. Once
    both have finished, answers are locked.
    """
    with transaction.atomic():
        together = _locked_list(side)
        if together.locked:
            raise Locked()
        current = Side.objects.get(pk=side.pk)
        merged = {**current.answers, **answers}
        changed = merged != current.answers
        Side.objects.filter(pk=side.pk).update(answers=merged, finished=None if changed else current.finished)
    side.answers = merged
    side.finished = None if changed else current.finished


def side_finish(*, side: Side, item_ids: list[str]) -> bool:
    """The side has answered every item and is done; returns True when this locks the list.

    The list locks, and each sees the matches, on the day the second of the two finishes.
    """
    with transaction.atomic():
        together = _locked_list(side)
        if together.locked:
            raise Locked()
        current = Side.objects.get(pk=side.pk)
        missing = matching.unanswered(current.answers, item_ids)
        if missing:
            raise Incomplete(missing)
        today = timezone.localdate()
        Side.objects.filter(pk=side.pk).update(finished=today)
        other_finished = together.sides.exclude(pk=side.pk).filter(finished__isnull=False).exists()
        if other_finished:
            TogetherList.objects.filter(pk=together.pk).update(finished=today, kept=None)
    side.finished = today
    return other_finished


def round_request(*, side: Side, wanted: bool) -> bool:
    """Ask for (or withdraw the wish for) a new round; returns True when both want it and it starts.

    A new round clears both answer sets, so neither can change their own answers to probe the
    other's: both must choose to start again, and both answer afresh.
    """
    with transaction.atomic():
        together = _locked_list(side)
        if not together.locked:
            raise NotLocked()
        Side.objects.filter(pk=side.pk).update(wants_new_round=wanted)
        if not wanted or together.sides.filter(wants_new_round=False).exists():
            return False
        together.sides.update(answers={}, finished=None, wants_new_round=False, wants_to_keep=False)
        TogetherList.objects.filter(pk=together.pk).update(finished=None, kept=None, started=timezone.localdate())
        return True


def keep_request(*, side: Side, wanted: bool) -> bool:
    """Ask (or stop asking) to keep the finished list longer; returns True when both asked.

    Keeping counts FINISHED_DAYS again from today.
    """
    with transaction.atomic():
        together = _locked_list(side)
        if not together.locked:
            raise NotLocked()
        Side.objects.filter(pk=side.pk).update(wants_to_keep=wanted)
        if not wanted or together.sides.filter(wants_to_keep=False).exists():
            return False
        together.sides.update(wants_to_keep=False)
        TogetherList.objects.filter(pk=together.pk).update(kept=timezone.localdate())
        return True


def list_end(*, side: Side) -> None:
    """Either partner ends the list: both sides and every answer are deleted at once.

    Whether it was ended plainly or through "I feel pressured", nothing records why, and the
    partner sees exactly the same thing afterwards.
    """
    with transaction.atomic():
        TogetherList.objects.filter(pk=side.together_id).delete()


def lists_purge(*, today: dt.date) -> int:
    """Delete unfinished lists UNFINISHED_DAYS after their round began, and finished ones
    FINISHED_DAYS after they finished or both last chose to keep them. Returns the lists deleted.

    One DELETE with a condition: two servers running it at once do no harm.
    """
    unfinished = Q(finished__isnull=True, started__lt=today - dt.timedelta(days=UNFINISHED_DAYS))
    stale = TogetherList.objects.annotate(last_kept=Coalesce(F("kept"), F("finished"))).filter(
        Q(finished__isnull=False, last_kept__lt=today - dt.timedelta(days=FINISHED_DAYS)) | unfinished
    )
    with transaction.atomic():
        _, by_model = TogetherList.objects.filter(pk__in=stale.values("pk")).delete()
    return by_model.get(TogetherList._meta.label, 0)
