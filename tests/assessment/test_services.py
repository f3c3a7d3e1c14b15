"""Writes under pressure: two requests at once never lose answers or make two results."""

from __future__ import annotations

import threading

import pytest
from django.db import close_old_connections

from assessment import registry, scoring, services
from assessment.models import Draft, Result


def run_together(*jobs: object) -> list[object]:
    barrier = threading.Barrier(len(jobs))
    outcomes: list[object] = [None] * len(jobs)

    def run(index: int, job: object) -> None:
        try:
            barrier.wait()
            outcomes[index] = job()  # type: ignore[operator]
        except Exception as error:
            outcomes[index] = error
        finally:
            close_old_connections()

    threads = [threading.Thread(target=run, args=(i, job)) for i, job in enumerate(jobs)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=30)
    return outcomes


@pytest.mark.django_db(transaction=True)
def test_finishing_one_draft_twice_at_once_makes_exactly_one_result() -> None:
    instrument = registry.current_instrument()
    draft = services.draft_start(instrument=instrument, language="en")
    services.draft_record(token=draft.token, instrument=instrument, answers={i.id: 3 for i in instrument.items})
    safety = {i.id: 1 for i in instrument.safety_items}
    finish = lambda: services.result_create(token=draft.token, instrument=instrument, safety=safety)  # noqa: E731
    outcomes = run_together(finish, finish)
    assert Result.objects.count() == 1
    assert sum(isinstance(o, services.Created) for o in outcomes) == 1, outcomes
    assert sum(isinstance(o, services.DraftGone) for o in outcomes) == 1


@pytest.mark.django_db(transaction=True)
def test_two_tabs_saving_at_once_both_keep_their_answers() -> None:
    instrument = registry.current_instrument()
    draft = services.draft_start(instrument=instrument, language="en")
    first, second = instrument.items[0].id, instrument.items[7].id
    outcomes = run_together(
        lambda: services.draft_record(token=draft.token, instrument=instrument, answers={first: 2}),
        lambda: services.draft_record(token=draft.token, instrument=instrument, answers={second: 5}),
    )
    assert not any(isinstance(o, Exception) for o in outcomes), outcomes
    assert Draft.objects.get().answers == {first: 2, second: 5}


@pytest.mark.django_db
def test_a_rejected_answer_set_stores_nothing() -> None:
    instrument = registry.current_instrument()
    draft = services.draft_start(instrument=instrument, language="en")
    with pytest.raises(scoring.AnswerError):
        services.result_create(token=draft.token, instrument=instrument, safety={})
    assert not Result.objects.exists()
    assert Draft.objects.filter(pk=draft.pk).exists()


@pytest.mark.django_db
def test_report_token_is_stored_only_as_a_hash() -> None:
    instrument = registry.current_instrument()
    draft = services.draft_start(instrument=instrument, language="en")
    created = services.result_create(
        token=draft.token,
        instrument=instrument,
        answers={i.id: 3 for i in instrument.items},
        safety={i.id: 1 for i in instrument.safety_items},
    )
    row = Result.objects.values().get()
    assert created.report_token not in str(row)
    assert len(created.report_token) == 32 and len(created.result.share_id) == 16
