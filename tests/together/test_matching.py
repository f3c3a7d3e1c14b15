"""The matching, pure: what each partner sees depends only on their own answers and the per-item lower answer."""

from __future__ import annotations

import ast
import inspect
from pathlib import Path

from hypothesis import given
from hypothesis import strategies as st

from together import matching
from together.matching import ANSWERS, MAYBE, NO, TALK, YES, lower, lowest, matches

IDS = [f"item-{n}" for n in range(12)]
ANSWER = st.sampled_from(ANSWERS)
ANSWER_SETS = st.fixed_dictionaries({item_id: ANSWER for item_id in IDS})


def test_answers_are_ordered_no_talk_maybe_yes() -> None:
    assert ANSWERS == (NO, TALK, MAYBE, YES)
    assert lower(YES, MAYBE) == MAYBE and lower(TALK, MAYBE) == TALK and lower(NO, YES) == NO


def test_the_three_groups() -> None:
    mine = {"a": YES, "b": YES, "c": MAYBE, "d": TALK, "e": NO, "f": YES}
    theirs = {"a": YES, "b": MAYBE, "c": YES, "d": YES, "e": YES, "f": NO}
    found = matches(lowest(mine, theirs, "abcdef"), "abcdef")
    assert found == matching.Matches(yes=("a",), maybe=("b", "c"), talk=("d",))
    assert found.count == 4


def test_an_item_someone_refused_looks_like_one_nobody_wanted() -> None:
    ids = ["x"]
    refused = matches(lowest({"x": YES}, {"x": NO}, ids), ids)
    unwanted = matches(lowest({"x": NO}, {"x": NO}, ids), ids)
    assert refused == unwanted == matching.Matches((), (), ())


def test_unanswered_or_unreadable_answers_match_nothing() -> None:
    assert lowest({"a": YES, "b": YES}, {"a": "sure", "c": YES}, ["a", "b", "c"]) == {}


def test_offered_choices() -> None:
    assert matching.choices(True) == (YES, MAYBE, TALK, NO)
    assert matching.choices(False) == (YES, MAYBE, NO)
    assert matching.unanswered({"a": YES, "b": "?"}, ["a", "b", "c"]) == ["b", "c"]


@given(ANSWER_SETS, ANSWER_SETS)
def test_the_lower_answer_is_symmetric(mine: dict[str, str], theirs: dict[str, str]) -> None:
    assert lowest(mine, theirs, IDS) == lowest(theirs, mine, IDS)
    for item_id, shared in lowest(mine, theirs, IDS).items():
        assert matching.RANK[shared] <= matching.RANK[mine[item_id]]


@given(ANSWER_SETS, ANSWER_SETS, st.data())
def test_nothing_said_about_an_item_i_refused_changes_my_matches(
    mine: dict[str, str], theirs: dict[str, str], data: st.DataObject
) -> None:
    changed = {item_id: data.draw(ANSWER) if mine[item_id] == NO else answer for item_id, answer in theirs.items()}
    assert matches(lowest(mine, theirs, IDS), IDS) == matches(lowest(mine, changed, IDS), IDS)


def same_lower(mine: str, theirs: str) -> st.SearchStrategy[str]:
    """Every answer of the partner's that leaves lower(mine, theirs) unchanged."""
    keep = lower(mine, theirs)
    return st.sampled_from([answer for answer in ANSWERS if lower(mine, answer) == keep])


@given(ANSWER_SETS, ANSWER_SETS, st.data())
def test_any_change_that_keeps_each_lower_answer_changes_nothing(
    mine: dict[str, str], theirs: dict[str, str], data: st.DataObject
) -> None:
    changed = {item_id: data.draw(same_lower(mine[item_id], answer)) for item_id, answer in theirs.items()}
    assert lowest(mine, changed, IDS) == lowest(mine, theirs, IDS)
    assert matches(lowest(mine, theirs, IDS), IDS) == matches(lowest(mine, changed, IDS), IDS)


@given(ANSWER_SETS)
def test_yes_to_everything_reveals_exactly_the_partners_answers_above_no(theirs: dict[str, str]) -> None:
    """The one thing a list cannot hide, documented on the consent page: this test pins it down."""
    found = matches(lowest(dict.fromkeys(IDS, YES), theirs, IDS), IDS)
    assert set(found.yes) == {i for i in IDS if theirs[i] == YES}
    assert set(found.maybe) == {i for i in IDS if theirs[i] == MAYBE}
    assert set(found.talk) == {i for i in IDS if theirs[i] == TALK}


@given(ANSWER_SETS, ANSWER_SETS)
def test_matches_keep_the_items_order_and_never_repeat(mine: dict[str, str], theirs: dict[str, str]) -> None:
    found = matches(lowest(mine, theirs, IDS), IDS)
    shown = [*found.yes, *found.maybe, *found.talk]
    assert len(shown) == len(set(shown))
    for group in (found.yes, found.maybe, found.talk):
        assert list(group) == sorted(group, key=IDS.index)


def test_matching_imports_no_django() -> None:
    tree = ast.parse(Path(inspect.getfile(matching)).read_text("utf-8"))
    imported = {
        (node.module or "") if isinstance(node, ast.ImportFrom) else alias.name
        for node in ast.walk(tree)
        if isinstance(node, ast.Import | ast.ImportFrom)
        for alias in node.names
    }
    assert not any(name.startswith("django") for name in imported)


def test_the_matches_are_built_without_the_partners_answers() -> None:
    """Structural half of the privacy property: the builder's only input about the pair is `shared`."""
    from together import selectors

    parameters = list(inspect.signature(selectors._match_groups).parameters)
    assert parameters == ["shared", "items", "language"]
    source = inspect.getsource(selectors)
    assert source.count("other.answers") == 1  # read once, straight into matching.lowest
    assert "matching.lowest(side.answers, other.answers" in source
