"""Every write the test makes: one function each, one transaction each."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import TYPE_CHECKING

from django.conf import settings
from django.db import transaction
from django.utils import timezone

from . import scoring, tokens
from .instrument import Instrument
from .models import Draft, Result
from .selectors import forget_report_pdfs
from .signals import result_created

if TYPE_CHECKING:  # couples sits above this app; only its type is named here
    from couples.models import Invitation


class DraftGone(Exception):
    """The draft was already submitted, deleted, or never existed."""


@dataclass(frozen=True)
class Created:
    result: Result
    report_token: str


def draft_start(
    *,
    instrument: Instrument,
    language: str,
    previous: Result | None = None,
    previous_report_token: str = "",
    invitation: Invitation | None = None,
    replaces: Draft | None = None,
) -> Draft:
    """A new draft for this browser; `replaces`, the one it had, goes in the same transaction."""
    token = tokens.new_draft_token()
    sealed = tokens.seal(previous_report_token, token, settings.SECRET_KEY) if previous_report_token else ""
    with transaction.atomic():
        if replaces is not None:
            Draft.objects.filter(pk=replaces.pk).delete()
        return Draft.objects.create(
            token=token,
            instrument=instrument.id,
            version=instrument.version,
            language=language,
            previous=previous,
            previous_report_sealed=sealed,
            invitation=invitation,
        )


def draft_record(
    *, token: str, instrument: Instrument, answers: Mapping[str, int], safety: Mapping[str, int] | None = None
) -> Draft:
    """Merge some answers into a draft. Two tabs saving at once both keep their answers."""
    safety = safety or {}
    scoring.check_partial(instrument, answers, safety)
    with transaction.atomic():
        draft = Draft.objects.select_for_update().filter(token=token, finished_result__isnull=True).first()
        if draft is None:
            raise DraftGone(token)
        draft.answers = {**draft.answers, **answers}
        draft.safety_answers = {**draft.safety_answers, **safety}
        draft.save(update_fields=["answers", "safety_answers", "updated"])
    return draft


def result_create(
    *,
    token: str,
    instrument: Instrument,
    answers: Mapping[str, int] | None = None,
    safety: Mapping[str, int] | None = None,
) -> Created:
    """Finish a draft: score it, store the result, delete the draft. Submitting twice fails the second time."""
    with transaction.atomic():
        draft = Draft.objects.select_for_update().filter(token=token, finished_result__isnull=True).first()
        if draft is None:
            raise DraftGone(token)
        all_answers = scoring.validate_answers(instrument, {**draft.answers, **(answers or {})})
        scoring.score(instrument, all_answers)  # proves the set scores before it is stored
        all_safety = scoring.validate_safety(instrument, {**draft.safety_answers, **(safety or {})})
        report_token = tokens.new_report_token()
        previous_sealed = ""
        if draft.previous_id and draft.previous_report_sealed:
            earlier = tokens.unseal(draft.previous_report_sealed, draft.token, settings.SECRET_KEY)
            previous_sealed = tokens.seal(earlier, report_token, settings.SECRET_KEY)
        result = Result.objects.create(
            share_id=tokens.new_share_id(),
            report_hash=tokens.token_hash(report_token),
            instrument=instrument.id,
            version=instrument.version,
            language=draft.language,
            answers=all_answers,
            safety_answers=all_safety,
            previous=draft.previous,
            previous_report_sealed=previous_sealed,
        )
        result_created.send(sender=Result, result=result, draft=draft)
        finished = Draft.objects.filter(pk=draft.pk, finished_result__isnull=True).update(
            finished_result=result, sealed_report_token=tokens.seal(report_token, draft.token, settings.SECRET_KEY),
            answers={}, safety_answers={}, updated=timezone.now(),
        )  # fmt: skip
        if finished != 1:  # another request finished this draft first
            raise DraftGone(token)
    return Created(result, report_token)


def draft_finished_report(draft: Draft) -> str | None:
    """The report token of a draft that was already turned into a result (for a retried submission)."""
    if draft.finished_result_id is None or not draft.sealed_report_token:
        return None
    return tokens.unseal(draft.sealed_report_token, draft.token, settings.SECRET_KEY)


class SharingRefused(Exception):
    """A result whose safety check signalled danger is never shared."""


def result_set_sharing(*, result: Result, enabled: bool, instrument: Instrument) -> Result:
    if enabled and scoring.safety_signal(instrument, result.safety_answers):
        raise SharingRefused()
    Result.objects.filter(pk=result.pk).update(sharing_enabled=enabled)
    result.sharing_enabled = enabled
    return result


def earlier_results(result: Result) -> list[Result]:
    """The results this one was a retake of, newest first (following the chain back)."""
    found: list[Result] = []
    seen = {result.pk}
    current = result.previous
    while current is not None and current.pk not in seen and len(found) < 50:
        found.append(current)
        seen.add(current.pk)
        current = current.previous
    return found


def result_delete(*, result: Result, with_earlier: bool = False) -> int:
    """Gone at once and for good: the report, the share page and the share image all answer 404.

    Joint reports and invitations go with it (they cascade). With `with_earlier`, the results it
    was a retake of go too; returns how many of those. A later retake of this result is never
    touched (nor revealed): only its own report can delete it.
    """
    doomed = [result, *(earlier_results(result) if with_earlier else [])]
    ids = [r.pk for r in doomed]
    with transaction.atomic():
        Draft.objects.filter(previous_id__in=ids).update(previous=None, previous_report_sealed="")
        Result.objects.filter(pk__in=ids).delete()
    for gone in doomed:
        forget_report_pdfs(gone)  # no cached copy of its PDF outlives it
    return len(doomed) - 1
