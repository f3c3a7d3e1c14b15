"""Every write of couple mode: one function each, one transaction each."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from django.db import IntegrityError, transaction
from django.utils import timezone

from assessment import services as assessment_services
from assessment import tokens
from assessment.instrument import Instrument
from assessment.models import Draft, Result

from .models import Invitation, Pairing

VALID_DAYS = 14
INVITATION_BYTES = 24  # 192 bits


class InvitationUnusable(Exception):
    def __init__(self, reason: str) -> None:
        super().__init__(reason)
        self.reason = reason  # "unknown", "expired", "used", "cancelled", "own"


@dataclass(frozen=True)
class CreatedInvitation:
    invitation: Invitation
    token: str


def invitation_create(*, inviter: Result) -> CreatedInvitation:
    token = tokens.secrets_token(INVITATION_BYTES)
    invitation = Invitation.objects.create(
        token_hash=tokens.token_hash(token),
        inviter=inviter,
        instrument=inviter.instrument,
        version=inviter.version,
        expires=timezone.localdate() + dt.timedelta(days=VALID_DAYS),
    )
    return CreatedInvitation(invitation, token)


def invitation_find(token: str) -> Invitation:
    if not tokens.looks_like(token, INVITATION_BYTES):
        raise InvitationUnusable("unknown")
    invitation = Invitation.objects.select_related("inviter").filter(token_hash=tokens.token_hash(token)).first()
    if invitation is None:
        raise InvitationUnusable("unknown")
    if invitation.status != "open":
        raise InvitationUnusable({"accepted": "used"}.get(invitation.status, invitation.status))
    return invitation


def invitation_accept(*, token: str, instrument: Instrument, language: str, replaces: Draft | None = None) -> Draft:
    """The partner agrees: the invitation is used up and their test starts, on the pinned version."""
    with transaction.atomic():
        invitation = invitation_find(token)
        updated = Invitation.objects.filter(pk=invitation.pk, accepted__isnull=True, cancelled__isnull=True).update(
            accepted=timezone.localdate()
        )
        if updated != 1:  # someone else accepted it a moment ago
            raise InvitationUnusable("used")
        return assessment_services.draft_start(
            instrument=instrument, language=language, invitation=invitation, replaces=replaces
        )


def invitation_cancel(*, invitation: Invitation) -> None:
    """The inviter withdraws: possible until the partner has shared, whatever else has happened.

    The inviter cannot tell whether the partner had joined or finished, so withdrawing works the
    same in every case; an unshared pairing goes with it.
    """
    with transaction.atomic():
        if Pairing.objects.filter(invitation=invitation, shared=True).exists():
            return
        Pairing.objects.filter(invitation=invitation, shared=False).delete()
        Invitation.objects.filter(pk=invitation.pk, cancelled__isnull=True).update(cancelled=timezone.localdate())


class ShareClosed(Exception):
    """The invitation was withdrawn or its time to share has passed."""


def pairing_share(*, pairing: Pairing) -> Pairing:
    """The partner chooses to share their result: from now on both see the joint report."""
    with transaction.atomic():
        invitation = Invitation.objects.select_for_update().get(pk=pairing.invitation_id)
        if invitation.cancelled or invitation.share_until < timezone.localdate():
            raise ShareClosed()
        Pairing.objects.filter(pk=pairing.pk).update(shared=True)
    pairing.shared = True
    return pairing


def pair_on_result(sender: Any, *, result: Result, draft: Draft, **kwargs: Any) -> None:
    """When an invited partner finishes, pair the two results (exactly once, whatever the timing).

    The pairing stays unshared, and invisible to the inviter, until the partner chooses to share.
    """
    if draft.invitation_id is None:
        return
    invitation = Invitation.objects.filter(pk=draft.invitation_id).select_related("inviter").first()
    if invitation is None or invitation.cancelled:
        return
    try:
        with transaction.atomic():
            Pairing.objects.create(invitation=invitation, inviter=invitation.inviter, partner=result)
    except IntegrityError:
        pass  # the invitation already has its pairing


def pairing_end(*, pairing: Pairing) -> None:
    """Either partner ends it: the joint report is gone for both at once."""
    Pairing.objects.filter(pk=pairing.pk).delete()
