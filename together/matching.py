"""What two partners share, from their two answer sets. Plain Python, no Django.

Answers are ordered no < talk (let's talk first) < maybe < yes. For each item both answered, the
list keeps only the lower of the two answers (`lowest`); everything either partner is ever shown
is built from that, and from their own answers, never from the partner's answers directly. So:

- an item one of them said no to looks exactly like an item neither of them wanted (both are
  "no" in `lowest`), and nothing the partner said about an item the viewer said no to can change
  anything the viewer sees;
- what cannot be hidden: someone who says yes to everything gets back exactly the partner's
  answers wherever they are above no. The consent page says so before anyone agrees.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass

NO, TALK, MAYBE, YES = "no", "talk", "maybe", "yes"
ANSWERS: tuple[str, ...] = (NO, TALK, MAYBE, YES)  # lowest first
RANK = {answer: rank for rank, answer in enumerate(ANSWERS)}


def choices(talk_first: bool) -> tuple[str, ...]:
    """The answers an item offers, in the order they are shown (most open first)."""
    return (YES, MAYBE, TALK, NO) if talk_first else (YES, MAYBE, NO)


def lower(first: str, second: str) -> str:
    return first if RANK[first] <= RANK[second] else second


def lowest(mine: Mapping[str, str], theirs: Mapping[str, str], item_ids: Iterable[str]) -> dict[str, str]:
    """Per item both answered (among `item_ids`), the lower of the two answers.

    Items either partner left unanswered, and any stored value that is not an answer, are left
    out: they match nothing.
    """
    result: dict[str, str] = {}
    for item_id in item_ids:
        a, b = mine.get(item_id), theirs.get(item_id)
        if a in RANK and b in RANK:
            result[item_id] = lower(a, b)
    return result


@dataclass(frozen=True)
class Matches:
    """Item ids in the order given: both yes; both at least maybe; both at least "let's talk first"."""

    yes: tuple[str, ...]
    maybe: tuple[str, ...]
    talk: tuple[str, ...]

    @property
    def count(self) -> int:
        return len(self.yes) + len(self.maybe) + len(self.talk)


def matches(shared: Mapping[str, str], item_ids: Iterable[str]) -> Matches:
    """The three groups a partner sees, from the per-item lower answers alone, in `item_ids` order."""
    ordered = [item_id for item_id in item_ids if item_id in shared]
    return Matches(
        yes=tuple(i for i in ordered if shared[i] == YES),
        maybe=tuple(i for i in ordered if shared[i] == MAYBE),
        talk=tuple(i for i in ordered if shared[i] == TALK),
    )


def unanswered(answers: Mapping[str, str], item_ids: Iterable[str]) -> list[str]:
    return [item_id for item_id in item_ids if answers.get(item_id) not in RANK]
