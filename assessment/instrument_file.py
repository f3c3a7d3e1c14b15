"""Reading instrument files whole: their structure (instrument.py), then what only scoring can tell.

instrument.py knows the file's shape and scoring.py knows how answers become a result; a file is
valid only when both agree (every pattern reachable, every prototype meeting its own rules), so the
checks that need scoring live here, above both, and `content check` and the registry read through it.
"""

from __future__ import annotations

import re
from pathlib import Path

from base.problems import Problem

from .instrument import Instrument, parse_instrument
from .scoring import answers_for_scores, measure, unreachable_patterns


def scoring_problems(instrument: Instrument, path: str) -> list[Problem]:
    """What scoring finds wrong with a well-formed instrument: patterns no answers can reach."""
    problems: list[Problem] = []

    def line(key: str) -> int:
        return instrument.source_lines.get(key, 1)

    for pattern_id in unreachable_patterns(instrument):
        problems.append(
            Problem(
                path,
                line(f"patterns.{pattern_id}"),
                f"pattern '{pattern_id}' can never be the result: another prototype is always nearer",
            )
        )
    rules = instrument.scoring
    if rules is not None:
        for scale_id in instrument.scales:
            scored = [i for i in instrument.items_of(scale_id) if not i.may_not_apply]
            if 0 < len(scored) < rules.min_answers:
                problems.append(Problem(path, line("scoring"), f"scale '{scale_id}' can never reach min_answers"))
        for pattern in instrument.patterns.values():
            answers = answers_for_scores(instrument, pattern.prototype)
            levels = {s: m.level for s, m in measure(instrument, answers).items()}
            if not pattern.fits(levels):
                problems.append(
                    Problem(
                        path,
                        line(f"patterns.{pattern.id}"),
                        f"pattern '{pattern.id}' prototype does not meet its own 'requires'",
                    )
                )
    return problems


def load_instrument(source: str, path: str) -> tuple[Instrument | None, list[Problem]]:
    """One instrument file: its structure first, then (only when that is sound) its scoring."""
    instrument, problems = parse_instrument(source, path)
    if instrument is None:
        return None, problems
    problems = scoring_problems(instrument, path)
    return (None if problems else instrument), problems


def read_instruments(root: Path) -> tuple[dict[str, Instrument], list[Problem]]:
    """Every instrument version under content/instruments, keyed 'id/vN'."""
    found: dict[str, Instrument] = {}
    problems: list[Problem] = []
    folder = root / "instruments"
    for path in sorted(folder.glob("*/v*.yaml")):
        shown = str(path.relative_to(root.parent)) if path.is_relative_to(root.parent) else str(path)
        match = re.fullmatch(r"v(\d+)\.yaml", path.name)
        instrument, found_problems = load_instrument(path.read_text("utf-8"), shown)
        problems += found_problems
        if instrument is None:
            continue
        if not match or int(match.group(1)) != instrument.version or path.parent.name != instrument.id:
            problems.append(Problem(shown, 1, f"the file must be named {instrument.id}/v{instrument.version}.yaml"))
            continue
        found[instrument.key] = instrument
    return found, problems
