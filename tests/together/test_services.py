"""The writes, one transaction each: what each refuses, and what happens when two people act at once."""

from __future__ import annotations

import pytest

from tests.assessment.test_services import run_together
from together import services
from together.matching import MAYBE, NO, YES
from together.models import Side, TogetherList

from .helpers import items_at

pytestmark = pytest.mark.django_db


def ids(level: int) -> list[str]:
    return [item.id for item in items_at(level)]


def joined(level_a: int = 1, level_b: int = 1) -> tuple[services.Entered, services.Entered]:
    a = services.list_start(level=level_a)
    b = services.list_join(invitation=services.invitation_create(side=a.side), level=level_b)
    return a, b


def test_a_list_starts_with_one_side_and_a_hashed_address() -> None:
    entered = services.list_start(level=3)
    assert TogetherList.objects.get().level == 3
    assert entered.side.role == Side.STARTER and entered.token not in entered.side.token_hash


def test_only_the_starter_invites_and_only_until_the_partner_joins() -> None:
    a, b = joined()
    with pytest.raises(services.NotAllowed):
        services.invitation_create(side=a.side)
    with pytest.raises(services.NotAllowed):
        services.invitation_create(side=b.side)


def test_joining_takes_the_lower_level() -> None:
    a, _ = joined(level_a=2, level_b=4)
    assert TogetherList.objects.get(pk=a.side.together_id).level == 2
    _, _ = joined(level_a=4, level_b=1)
    assert sorted(TogetherList.objects.values_list("level", flat=True)) == [1, 2]


def test_finishing_needs_every_item_answered() -> None:
    a, _ = joined()
    services.answers_save(side=a.side, answers={ids(1)[0]: YES})
    with pytest.raises(services.Incomplete) as refused:
        services.side_finish(side=a.side, item_ids=ids(1))
    assert len(refused.value.missing) == len(ids(1)) - 1
    assert Side.objects.get(pk=a.side.pk).finished is None


def test_the_second_to_finish_locks_the_list_and_then_answers_cannot_change() -> None:
    a, b = joined()
    services.answers_save(side=a.side, answers=dict.fromkeys(ids(1), YES))
    services.answers_save(side=b.side, answers=dict.fromkeys(ids(1), MAYBE))
    assert services.side_finish(side=a.side, item_ids=ids(1)) is False
    assert services.side_finish(side=b.side, item_ids=ids(1)) is True
    with pytest.raises(services.Locked):
        services.answers_save(side=a.side, answers={ids(1)[0]: NO})
    assert Side.objects.get(pk=a.side.pk).answers[ids(1)[0]] == YES


def test_keeping_and_new_rounds_need_a_finished_list() -> None:
    a, _ = joined()
    with pytest.raises(services.NotLocked):
        services.keep_request(side=a.side, wanted=True)
    with pytest.raises(services.NotLocked):
        services.round_request(side=a.side, wanted=True)


def test_ending_deletes_everything_of_the_list_and_nothing_else() -> None:
    a, _ = joined()
    other, _ = joined()
    services.list_end(side=a.side)
    assert list(TogetherList.objects.values_list("pk", flat=True)) == [other.side.together_id]
    assert set(Side.objects.values_list("together_id", flat=True)) == {other.side.together_id}


@pytest.mark.django_db(transaction=True)
def test_two_people_opening_one_invitation_at_once_make_one_partner() -> None:
    a = services.list_start(level=1)
    invitation = services.invitation_create(side=a.side)
    outcomes = run_together(
        lambda: services.list_join(invitation=invitation, level=1),
        lambda: services.list_join(invitation=invitation, level=1),
    )
    assert Side.objects.filter(role=Side.PARTNER).count() == 1
    assert sum(isinstance(o, services.Entered) for o in outcomes) == 1, outcomes
    assert sum(isinstance(o, services.InvitationUnusable) for o in outcomes) == 1, outcomes


@pytest.mark.django_db(transaction=True)
def test_both_finishing_at_once_locks_the_list_exactly_once() -> None:
    a, b = joined()
    services.answers_save(side=a.side, answers=dict.fromkeys(ids(1), YES))
    services.answers_save(side=b.side, answers=dict.fromkeys(ids(1), YES))
    outcomes = run_together(
        lambda: services.side_finish(side=a.side, item_ids=ids(1)),
        lambda: services.side_finish(side=b.side, item_ids=ids(1)),
    )
    assert sorted(outcomes) == [False, True], outcomes  # type: ignore[type-var]
    assert TogetherList.objects.get().finished is not None


@pytest.mark.django_db(transaction=True)
def test_both_asking_for_a_new_round_at_once_starts_it_exactly_once() -> None:
    a, b = joined()
    for side in (a.side, b.side):
        services.answers_save(side=side, answers=dict.fromkeys(ids(1), YES))
        services.side_finish(side=side, item_ids=ids(1))
    outcomes = run_together(
        lambda: services.round_request(side=a.side, wanted=True),
        lambda: services.round_request(side=b.side, wanted=True),
    )
    assert sorted(outcomes) == [False, True], outcomes  # type: ignore[type-var]
    assert TogetherList.objects.get().finished is None
    assert [s.answers for s in Side.objects.all()] == [{}, {}]


@pytest.mark.django_db(transaction=True)
def test_an_answer_saved_while_the_partner_finishes_is_kept_or_refused_never_lost() -> None:
    a, b = joined()
    services.answers_save(side=a.side, answers=dict.fromkeys(ids(1), YES))
    services.side_finish(side=a.side, item_ids=ids(1))
    services.answers_save(side=b.side, answers=dict.fromkeys(ids(1), YES))
    outcomes = run_together(
        lambda: services.answers_save(side=a.side, answers={ids(1)[0]: NO}),
        lambda: services.side_finish(side=b.side, item_ids=ids(1)),
    )
    stored = Side.objects.get(pk=a.side.pk)
    if isinstance(outcomes[0], services.Locked):  # the partner finished first: locked, nothing changed
        assert stored.answers[ids(1)[0]] == YES and TogetherList.objects.get().finished is not None
    else:  # the change came first: the starter must finish again, so nothing locked
        assert stored.answers[ids(1)[0]] == NO and stored.finished is None
        assert TogetherList.objects.get().finished is None
