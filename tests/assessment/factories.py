"""A small valid instrument built in code, so scoring tests do not depend on the bundled wording."""

from __future__ import annotations

import copy
import datetime as dt
from typing import Any

import yaml

from assessment.instrument import Instrument
from assessment.instrument_file import load_instrument

SCALES = ("alpha", "beta", "gamma")
PROTOTYPES = {
    "first": {"alpha": 80, "beta": 20, "gamma": 50},
    "second": {"alpha": 20, "beta": 80, "gamma": 50},
    "third": {"alpha": 50, "beta": 50, "gamma": 90},
    "fourth": {"alpha": 50, "beta": 50, "gamma": 10},
    "fifth": {"alpha": 80, "beta": 80, "gamma": 50},
}


def both(text: str) -> dict[str, str]:
    return {"en": text, "zh-hans": f"中文{text}"}


def instrument_data() -> dict[str, Any]:
    items = []
    for scale in SCALES:
        for n in range(1, 6):
            items.append(
                {
                    "id": f"{scale[:2]}{n}",
                    "scale": scale,
                    "key": "minus" if n == 5 else "plus",
                    "text": both(f"{scale} item {n}"),
                }
            )
    return {
        "instrument": "sample",
        "version": 1,
        "published": dt.date(2026, 11, 25),
        "translations": {"en": "complete", "zh-hans": "complete"},
        "title": both("Sample"),
        "intro": both("Intro"),
        "response_scale": {
            "points": 5,
            "labels": {
                "en": ["Never", "Rarely", "Sometimes", "Often", "Always"],
                "zh-hans": ["从不", "很少", "有时", "经常", "总是"],
            },
        },
        "scales": {s: {k: both(f"{s} {k}") for k in ("name", "measures", "high", "middle", "low")} for s in SCALES},
        "items": items,
        "safety_check": {
            "intro": both("Safety"),
            "skip_label": both("Skip"),
            "labels": {
                "en": ["Never", "Once", "A few times", "Many times", "Mostly"],
                "zh-hans": ["从未", "一次", "几次", "多次", "大多"],
            },
            "items": [{"id": f"sc{n}", "signal_at": 2, "text": both(f"safety {n}")} for n in range(1, 4)],
        },
        "patterns": {
            pattern: {
                "prototype": dict(prototype),
                "name": both(pattern.capitalize()),
                "summary": both(f"{pattern} summary"),
                "strengths": {"en": ["a", "b", "c"], "zh-hans": ["甲", "乙", "丙"]},
                "in_conflict": both("conflict"),
                "in_intimacy": both("intimacy"),
                "growth": both("growth"),
                "plan": {"en": [f"day {d}" for d in range(14)], "zh-hans": [f"第{d}天" for d in range(14)]},
                "phrase_situations": ["repairing"],
                "articles": [],
            }
            for pattern, prototype in PROTOTYPES.items()
        },
    }


def make_instrument(data: dict[str, Any] | None = None) -> Instrument:
    instrument, problems = load_instrument(
        yaml.safe_dump(data or instrument_data(), allow_unicode=True, sort_keys=False), "sample.yaml"
    )
    assert instrument is not None, problems
    return instrument


def problems_of(data: dict[str, Any]) -> list[str]:
    return [
        p.message for p in load_instrument(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), "sample.yaml")[1]
    ]


def modified(**changes: Any) -> dict[str, Any]:
    data = copy.deepcopy(instrument_data())
    data.update(changes)
    return data
