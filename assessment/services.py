"""Every write the test makes: one function each, one transaction each."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

from django.db import transaction

from . import scoring, tokens
from .instrument import Instrument
from .models import Draft, Result
from .signals import result_created

MAX_ANSWER_FIELDS = 200


class DraftGone(Exception):
    """The draft was already submitted, deleted, or never existed."""


@dataclass(frozen=True)
class Created:
    result: Result
    report_token: str


def draft_start(
    *, instrument: Instrument, language: str, previous: Result | None = None, invitation: object | None = None
) -> Draft:
    return Draft.objects.create(
        token=tokens.new_draft_token(),
        instrument=instrument.id,
        version=instrument.version,
        language=language,
        previous=previous,
        invitation=invitation,
    )


def _check_partial(instrument: Instrument, answers: Mapping[str, int], safety: Mapping[str, int]) -> None:
    items = {item.id for item in instrument.items}
    safety_items = {item.id for item in instrument.safety_items}
    for item_id, value in answers.items():
        if item_id not in items:
            raise scoring.AnswerError(f"unknown item {item_id}")
        if isinstance(value, bool) or not isinstance(value, int) or not 1 <= value <= instrument.points:
            raise scoring.AnswerError(f"answer to {item_id} must be 1 to {instrument.points}")
    for item_id, value in safety.items():
        if item_id not in safety_items:
            raise scoring.AnswerError(f"unknown safety item {item_id}")
        if isinstance(value, bool) or not isinstance(value, int) or not 0 <= value <= instrument.points:
            raise scoring.AnswerError(f"safety answer to {item_id} must be 0 to {instrument.points}")


def draft_record(
    *, token: str, instrument: Instrument, answers: Mapping[str, int], safety: Mapping[str, int] | None = None
) -> Draft:
    """Merge some answers into a draft. Two tabs saving at once both keep their answers."""
    safety = safety or {}
    _check_partial(instrument, answers, safety)
    with transaction.atomic():
        draft = Draft.objects.select_for_update().filter(token=token).first()
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
        draft = Draft.objects.select_for_update().filter(token=token).first()
        if draft is None:
            raise DraftGone(token)
        all_answers = scoring.validate_answers(instrument, {**draft.answers, **(answers or {})})
        scoring.score(instrument, all_answers)  # proves the set scores before it is stored
        all_safety = scoring.validate_safety(instrument, {**draft.safety_answers, **(safety or {})})
        report_token = tokens.new_report_token()
        result = Result.objects.create(
            share_id=tokens.new_share_id(),
            report_hash=tokens.token_hash(report_token),
            instrument=instrument.id,
            version=instrument.version,
            language=draft.language,
            answers=all_answers,
            safety_answers=all_safety,
            previous=draft.previous,
        )
        result_created.send(sender=Result, result=result, draft=draft)
        deleted, _ = Draft.objects.filter(pk=draft.pk).delete()
        if deleted != 1:  # another request finished this draft first
            raise DraftGone(token)
    return Created(result, report_token)


def result_set_sharing(*, result: Result, enabled: bool) -> Result:
    Result.objects.filter(pk=result.pk).update(sharing_enabled=enabled)
    result.sharing_enabled = enabled
    return result


def result_delete(*, result: Result) -> None:
    """Gone at once and for good: the report, the share page and the share image all answer 404."""
    with transaction.atomic():
        Draft.objects.filter(previous=result).update(previous=None)
        Result.objects.filter(pk=result.pk).delete()
