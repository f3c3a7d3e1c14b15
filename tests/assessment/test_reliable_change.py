"""Retakes: the newer report shows the previous pattern and, per scale, whether a change is larger
than measurement error (the reliable change index); across versions only the pattern change."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from django.conf import settings
from django.test import Client

from assessment import presentation, scoring
from assessment import services as assessment_services
from assessment.instrument import Instrument
from assessment.instrument_file import read_instruments
from assessment.models import Result

INSTRUMENTS, _ = read_instruments(Path(settings.CONTENT_DIR))
V1: Instrument = INSTRUMENTS["communication-patterns/v1"]
V2: Instrument = INSTRUMENTS["communication-patterns/v2"]

QUIET = V2.patterns["quiet-protector"].prototype  # pursuing 20, withdrawing 75
# Pursuing moves by 50 points (beyond error); withdrawing by 8 (within error); the rest stay.
LATER = {**QUIET, "pursuing": 70, "withdrawing": 67}


def near(instrument: Instrument, targets: dict[str, float]) -> dict[str, int]:
    return scoring.answers_for_scores(instrument, {s: targets.get(s, 50) for s in instrument.scales})


def test_since_within_a_version_marks_only_changes_beyond_error() -> None:
    view = presentation.since(V2, near(V2, LATER), "en", V2, near(V2, QUIET), "en", "en", days=30, before_date="1 May")
    changes = {c.id: c for c in view.changes}
    assert view.same_version and view.version_text == "" and view.soon_text == ""
    assert changes["pursuing"].reliable and changes["pursuing"].direction == "up"
    assert not changes["withdrawing"].reliable and changes["withdrawing"].delta < 0
    assert [c.id for c in view.reliable_changes] == ["pursuing"]
    assert changes["pursuing"].threshold == 27  # 1.96 x sqrt(2) x 9.5 = 26.3, so a change must reach 27
    assert "larger than measurement error" in changes["pursuing"].text
    assert "Within measurement error" in changes["withdrawing"].text


def test_since_names_the_previous_and_the_new_pattern() -> None:
    same = presentation.since(V2, near(V2, QUIET), "en", V2, near(V2, QUIET), "en", "en", 30, "1 May")
    assert not same.pattern_changed and "Quiet Protector" in same.pattern_text
    moved = presentation.since(
        V2, near(V2, V2.patterns["urgent-reacher"].prototype), "zh-hans", V2, near(V2, QUIET), "zh-hans",
        "zh-hans", 30, "5月1日",
    )  # fmt: skip
    assert moved.pattern_changed and moved.before == "安静守护型" and moved.after == "急于靠近型"


def test_across_versions_only_the_pattern_is_compared() -> None:
    view = presentation.since(
        V2, near(V2, QUIET), "en", V1, near(V1, V1.patterns["quiet-protector"].prototype), "en", "en", 40, "1 May"
    )
    assert not view.same_version and view.changes == [] and "version 1" in view.version_text
    assert view.before == V1.patterns["quiet-protector"].name["en"]


def test_a_retake_the_next_day_is_told_it_is_too_soon() -> None:
    view = presentation.since(V2, near(V2, LATER), "en", V2, near(V2, QUIET), "en", "en", days=1, before_date="x")
    assert "Only 1 days" in view.soon_text or "1 days" in view.soon_text


def test_a_scale_shown_only_once_is_not_compared() -> None:
    later = near(V2, QUIET) | {item.id: 0 for item in V2.items_of("intimacy")}
    view = presentation.since(V2, later, "en", V2, near(V2, QUIET), "en", "en", 30, "x")
    assert "intimacy" not in {c.id for c in view.changes}
    assert any("not compared" in note for note in view.not_compared)


# --- the newer report ---------------------------------------------------------------------------


def finish(instrument: Instrument, answers: dict[str, int], language: str, previous: tuple[Result, str] | None = None):  # type: ignore[no-untyped-def]
    draft = assessment_services.draft_start(
        instrument=instrument,
        language=language,
        previous=previous[0] if previous else None,
        previous_report_token=previous[1] if previous else "",
    )
    created = assessment_services.result_create(
        token=draft.token, instrument=instrument, answers=answers, safety={i.id: 1 for i in instrument.safety_items}
    )
    return created.result, created.report_token


pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("language", ["en", "zh-hans"])
def test_a_newer_report_shows_reliable_and_unreliable_changes(
    client: Client, site_content: object, language: str
) -> None:
    first = finish(V2, near(V2, QUIET), language)
    Result.objects.filter(pk=first[0].pk).update(created=dt.date.today() - dt.timedelta(days=30))
    _, token = finish(V2, near(V2, LATER), language, previous=first)
    html = client.get(f"/{language}/report/{token}/").content.decode()
    section = html.split('id="compare"', 1)[1].split("</section>", 1)[0]
    assert 'class="change-reliable"' in section and section.count("<tr") == 1 + 7
    words = {
        "en": ("Yes: a real change", "No: within error", "Last time: Quiet Protector."),
        "zh-hans": ("是：真正的变化", "否：在误差范围内", "上次：安静守护型。"),
    }[language]
    for expected in words:
        assert expected in section
    assert "retake-soon" not in section


@pytest.mark.parametrize("language", ["en", "zh-hans"])
def test_a_retake_the_same_day_says_to_wait_for_the_plan(client: Client, site_content: object, language: str) -> None:
    first = finish(V2, near(V2, QUIET), language)
    _, token = finish(V2, near(V2, QUIET), language, previous=first)
    html = client.get(f"/{language}/report/{token}/").content.decode()
    assert 'class="retake-soon"' in html
    assert V2.words("change_pattern_same", language, pattern=V2.patterns["quiet-protector"].name[language]) in html


@pytest.mark.parametrize("language", ["en", "zh-hans"])
def test_a_retake_across_versions_shows_only_the_pattern_change(
    client: Client, site_content: object, language: str
) -> None:
    first = finish(V1, near(V1, V1.patterns["urgent-reacher"].prototype), language)
    _, token = finish(V2, near(V2, QUIET), language, previous=first)
    html = client.get(f"/{language}/report/{token}/").content.decode()
    section = html.split('id="compare"', 1)[1].split("</section>", 1)[0]
    assert V2.words("change_other_version", language, before_version=1, after_version=2) in section
    assert "<table" not in section
    assert V1.patterns["urgent-reacher"].name[language] in section
