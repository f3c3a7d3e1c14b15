"""Every check of content/ in one place: articles, glossary, categories, instruments, support services."""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

import yaml

from assessment.instrument import Instrument
from assessment.instrument_file import read_instruments
from couples.cycles import read_cycles
from couples.this_week import read_this_week
from search.danger import read_danger_phrases
from support.directory import SupportDirectory, read_support
from together.items import read_items
from wiki.content.repository import SiteContent, read_content
from wiki.content.schema import Problem


@dataclass
class AllContent:
    site: SiteContent
    instruments: dict[str, Instrument]
    support: SupportDirectory | None


def check_all(root: Path) -> tuple[AllContent, list[Problem]]:
    site, problems = read_content(root)
    instruments, instrument_problems = read_instruments(root)
    support: SupportDirectory | None = None
    support_problems: list[Problem] = []
    if (root / "instruments").exists() or (root / "support").exists():
        # The test needs its support services; a wiki without a test needs neither.
        support, support_problems = read_support(root)
    problems = [*problems, *instrument_problems, *support_problems]
    if (root / "couples").exists():
        # The couple cycles' texts: a mistake here would otherwise show only when a page is opened.
        try:
            cycles = read_cycles(root)
        except (ValueError, OSError, yaml.YAMLError) as error:
            problems.append(Problem("content/couples/cycles.yaml", _line_of(error), str(error)))
        else:
            problems += read_this_week(root, set(cycles))[1]
    if (root / "search").exists():
        # The danger phrases that put support first in search results.
        problems += read_danger_phrases(root)[1]
    if (root / "together").exists():
        # "Yes, maybe, no, together": its items, and that every link into the articles resolves.
        problems += read_items(root, site.articles)[1]
    for instrument in instruments.values():
        path = f"content/instruments/{instrument.id}/v{instrument.version}.yaml"
        for pattern in instrument.patterns.values():
            for slug in pattern.articles:
                if slug not in site.articles:
                    line = instrument.source_lines.get(f"patterns.{pattern.id}", 1)
                    problems.append(Problem(path, line, f"pattern '{pattern.id}' suggests an unknown article '{slug}'"))
    return AllContent(site, instruments, support), sorted(set(problems))


def _line_of(error: BaseException) -> int:
    mark = getattr(error, "problem_mark", None)
    if mark is not None:
        return int(mark.line) + 1
    found = re.search(r"line (\d+)", str(error))
    return int(found.group(1)) if found else 1
