"""The instrument file's checks: each problem gets its own clear message."""

from __future__ import annotations

import copy

from tests.assessment.factories import instrument_data, problems_of


def test_the_sample_is_valid() -> None:
    assert problems_of(instrument_data()) == []


def test_item_on_an_unknown_scale() -> None:
    data = instrument_data()
    data["items"][0]["scale"] = "delta"
    assert "item 'al1' names an unknown scale 'delta'" in problems_of(data)


def test_scale_without_a_reverse_keyed_item() -> None:
    data = instrument_data()
    for item in data["items"]:
        if item["scale"] == "beta":
            item["key"] = "plus"
    assert "scale 'beta' needs at least one reverse-keyed (minus) item" in problems_of(data)


def test_scale_with_too_few_items() -> None:
    data = instrument_data()
    data["items"] = [i for i in data["items"] if i["id"] != "ga1"]
    assert "scale 'gamma' has 4 items; it needs at least 5" in problems_of(data)


def test_missing_translation_of_an_item() -> None:
    data = instrument_data()
    del data["items"][3]["text"]["zh-hans"]
    assert "item 'al4' has no 'zh-hans' text" in problems_of(data)


def test_incomplete_translation_may_lack_text() -> None:
    data = instrument_data()
    data["translations"]["zh-hans"] = "incomplete"
    del data["items"][3]["text"]["zh-hans"]
    assert problems_of(data) == []


def test_labels_must_have_five_positions() -> None:
    data = instrument_data()
    data["response_scale"]["labels"]["zh-hans"] = ["从不", "有时", "总是"]
    assert "response_scale.labels has 3 entries in 'zh-hans'; it needs 5" in problems_of(data)


def test_duplicate_item_id() -> None:
    data = instrument_data()
    data["items"][1]["id"] = data["items"][0]["id"]
    assert "item id 'al1' is used twice" in problems_of(data)


def test_pattern_missing_a_prototype_value() -> None:
    data = instrument_data()
    del data["patterns"]["first"]["prototype"]["gamma"]
    assert any("pattern 'first' prototype needs a value from 0 to 100 for each scale" in p for p in problems_of(data))


def test_unreachable_pattern_is_reported() -> None:
    data = instrument_data()
    data["patterns"]["copy"] = copy.deepcopy(data["patterns"]["first"])
    assert "pattern 'copy' can never be the result: another prototype is always nearer" in problems_of(data)


def test_plan_needs_fourteen_days() -> None:
    data = instrument_data()
    data["patterns"]["first"]["plan"]["en"] = data["patterns"]["first"]["plan"]["en"][:10]
    assert "pattern 'first' plan has 10 entries in 'en'; it needs 14" in problems_of(data)


def test_safety_item_threshold_out_of_range() -> None:
    data = instrument_data()
    data["safety_check"]["items"][0]["signal_at"] = 9
    assert "signal_at is an answer position from 1 to 5" in problems_of(data)


def test_unknown_top_level_key() -> None:
    data = instrument_data()
    data["colour"] = "blue"
    assert "unknown key 'colour'" in problems_of(data)


def test_broken_yaml_is_reported_with_a_line() -> None:
    from assessment.instrument import parse_instrument

    _, problems = parse_instrument("instrument: [unclosed\n", "x.yaml")
    assert problems and problems[0].line >= 1 and "YAML cannot be read" in problems[0].message
