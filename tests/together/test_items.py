"""The items file: the bundled one is valid and large enough, and each kind of mistake is named with its line."""

from __future__ import annotations

import textwrap
from collections import Counter
from pathlib import Path

import pytest
from django.conf import settings

from together.items import MIN_ITEMS, parse_items, read_items
from website.content_check import check_all
from wiki.content.repository import SiteContent

ROOT = Path(settings.CONTENT_DIR)


@pytest.fixture(scope="module")
def bundled(bundled_site: SiteContent):  # type: ignore[no-untyped-def]
    items, problems = read_items(ROOT, bundled_site.articles)
    assert not problems, "\n".join(map(str, problems))
    assert items is not None
    return items


def test_the_bundled_items_are_valid_and_every_link_resolves(bundled) -> None:  # type: ignore[no-untyped-def]
    assert len(bundled.items) >= MIN_ITEMS
    assert len({item.id for item in bundled.items}) == len(bundled.items)
    assert all(item.links for item in bundled.items)


def test_the_bundled_items_cover_every_group_and_level(bundled) -> None:  # type: ignore[no-untyped-def]
    groups = Counter(item.group for item in bundled.items)
    assert set(groups) == {
        "affection", "words", "touch", "sensual", "sex", "places", "health", "aftercare", "habits"
    }  # fmt: skip
    assert sorted(bundled.levels) == [1, 2, 3, 4]
    levels = Counter(item.level for item in bundled.items)
    assert all(levels[rank] >= 6 for rank in bundled.levels)
    # The gentlest list has nothing sexual in it.
    assert {item.group for item in bundled.up_to(1)} <= {"affection", "words", "touch", "places", "habits"}


def test_each_level_includes_the_ones_before(bundled) -> None:  # type: ignore[no-untyped-def]
    sizes = [len(bundled.up_to(rank)) for rank in sorted(bundled.levels)]
    assert sizes == sorted(sizes) and len(set(sizes)) == len(sizes)
    assert [group.id for group, _ in bundled.groups_up_to(4)] == list(bundled.groups)


def test_content_check_validates_the_items_file(tmp_path: Path, small_site: Path) -> None:
    (small_site / "together").mkdir()
    (small_site / "together" / "items.yaml").write_text("levels: [\n", "utf-8")
    _, problems = check_all(small_site)
    assert any(p.path == "content/together/items.yaml" and "YAML cannot be read" in p.message for p in problems)


def test_content_check_passes_on_the_bundled_content() -> None:
    _, problems = check_all(ROOT)
    assert not [p for p in problems if "together" in p.path], problems


# --- broken files, one mistake each ------------------------------------------------------------------------

LEVELS = """\
levels:
  1:
    en: {name: Close, description: Nothing sexual.}
    zh-hans: {name: 亲近, description: 不涉及性。}
  2:
    en: {name: Sensual, description: Slow touch.}
    zh-hans: {name: 感官, description: 慢慢的抚摸。}
"""
GROUPS = """\
groups:
  - id: touch
    talk_first: true
    en: {name: Touch, intro: Touch.}
    zh-hans: {name: 触碰, intro: 触碰。}
    links: [some-article#steps]
"""


def items_yaml(count: int = 60, extra: str = "") -> str:
    lines = ["items:"]
    for n in range(count):
        lines += [
            f"  - id: item-{n}",
            f"    level: {1 + n % 2}",
            "    group: touch",
            f"    en: Thing number {n}",
            f"    zh-hans: 第{n}件事",
        ]
    return "\n".join(lines) + "\n" + extra


def parsed(source: str) -> list[str]:
    items, problems = parse_items(source)
    assert (items is None) == bool(problems)
    return [f"{p.line}: {p.message}" for p in problems]


def test_a_small_valid_file_parses() -> None:
    items, problems = parse_items(LEVELS + GROUPS + items_yaml())
    assert not problems and items is not None
    assert items.items[0].talk_first and items.items[0].links == ("some-article#steps",)


def test_unknown_keys_are_named_with_their_line() -> None:
    source = LEVELS + GROUPS + items_yaml().replace("    group: touch\n", "    group: touch\n    colour: red\n", 1)
    assert parsed(source) == ["18: item 'item-0': unknown key 'colour'"]


def test_a_reused_id_is_refused() -> None:
    source = LEVELS + GROUPS + items_yaml().replace("id: item-1\n", "id: item-0\n")
    assert parsed(source) == ["20: item 'item-0': the id is used twice (ids must be unique and never reused)"]


def test_an_unknown_level_or_group_is_refused() -> None:
    source = LEVELS + GROUPS + items_yaml().replace("    level: 1\n", "    level: 7\n", 1)
    assert parsed(source) == ["16: item 'item-0': unknown level '7'"]
    source = LEVELS + GROUPS + items_yaml().replace("group: touch", "group: tuoch", 1)
    assert parsed(source) == ["17: item 'item-0': unknown group 'tuoch'"]


def test_a_missing_language_is_refused() -> None:
    source = LEVELS + GROUPS + items_yaml().replace("    zh-hans: 第0件事\n", "", 1)
    assert parsed(source) == ["15: item 'item-0' needs its text in 'zh-hans'"]


@pytest.mark.parametrize(
    ("english", "chinese", "word"),
    [
        ("Cuddling his partner", "拥抱", "his"),
        ("A husband's hug", "拥抱", "husband"),
        ("A hug", "给老公一个拥抱", "老公"),
    ],
)
def test_items_that_assume_genders_are_refused(english: str, chinese: str, word: str) -> None:
    source = LEVELS + GROUPS + items_yaml().replace("Thing number 0\n", f"{english}\n", 1)
    source = source.replace("第0件事\n", f"{chinese}\n", 1)
    assert any(f"'{word}' assumes who the partners are" in p for p in parsed(source))


def test_other_is_not_mistaken_for_a_gendered_word() -> None:
    source = LEVELS + GROUPS + items_yaml().replace("第0件事\n", "其他的拥抱\n", 1)
    assert parsed(source) == []


def test_links_must_name_a_section_or_phrase_that_exists(bundled_site: SiteContent) -> None:
    source = LEVELS + GROUPS.replace("some-article#steps", "desires-and-boundaries#steps") + items_yaml()
    assert parse_items(source, articles=bundled_site.articles)[1] == []
    for link, message in [
        ("desires-and-boundaries#phrase-99", "has no phrase 99 in en, zh-hans"),
        ("no-such-article#steps", "links to an unknown article 'no-such-article'"),
        ("desires-and-boundaries#somewhere", "'#somewhere' is neither a section"),
        ("just text", "is not article-slug#section or article-slug#phrase-N"),
    ]:
        broken = LEVELS + GROUPS.replace("[some-article#steps]", f"['{link}']") + items_yaml()
        problems = parse_items(broken, articles=bundled_site.articles)[1]
        assert len(problems) == 1 and message in problems[0].message, problems
        assert problems[0].line == 13


def test_too_few_items_is_refused() -> None:
    assert parsed(LEVELS + GROUPS + items_yaml(count=20)) == [
        f"1: there are 20 items; the list needs at least {MIN_ITEMS}"
    ]


def test_levels_must_be_numbered_without_gaps() -> None:
    source = LEVELS.replace("  2:\n", "  3:\n") + GROUPS + items_yaml().replace("level: 2", "level: 3")
    assert "levels must be numbered 1 to 2 without gaps" in " ".join(parsed(source))


def test_broken_yaml_names_the_line() -> None:
    assert parsed(LEVELS + "groups:\n  - id: [unclosed\n") == [
        "10: YAML cannot be read: expected ',' or ']', but got '<stream end>'"
    ]


def test_an_item_too_long_for_a_phone_is_refused() -> None:
    long = "a very long item " * 10
    source = LEVELS + GROUPS + items_yaml().replace("Thing number 0\n", f"{long.strip()}\n", 1)
    assert parsed(source) == ["18: item 'item-0': the en text is longer than 110 characters"]


def test_the_documented_rules_are_in_the_file_itself() -> None:
    header = (ROOT / "together" / "items.yaml").read_text("utf-8").split("levels:")[0]
    assert "never changes once published" in header and "any genders" in header
    assert textwrap.dedent(header).startswith("#")
