"""A selector's typed page becomes the names a template reads, and nothing else does."""

from __future__ import annotations

from dataclasses import dataclass

import pytest

from core.templating import context_of


@dataclass(frozen=True)
class Page:
    title: str
    count: int


def test_a_page_gives_its_fields_and_the_extras() -> None:
    assert context_of(Page("A", 2), token="t") == {"title": "A", "count": 2, "token": "t"}


def test_an_extra_name_wins_over_a_field_of_the_same_name() -> None:
    assert context_of(Page("A", 2), count=3)["count"] == 3


@pytest.mark.parametrize("value", [{"title": "A"}, Page, "A"])
def test_anything_but_a_dataclass_instance_is_refused(value: object) -> None:
    with pytest.raises(TypeError):
        context_of(value)
