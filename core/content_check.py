"""Every check of content/ in one place: articles, glossary, categories, instruments, support services."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from assessment.instrument import Instrument, read_instruments
from assessment.support import SupportDirectory, read_support
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
    support, support_problems = None, []
    if (root / "instruments").exists() or (root / "support").exists():
        # The test needs its support services; a wiki without a test needs neither.
        support, support_problems = read_support(root)
    problems = [*problems, *instrument_problems, *support_problems]
    for instrument in instruments.values():
        path = f"content/instruments/{instrument.id}/v{instrument.version}.yaml"
        for pattern in instrument.patterns.values():
            for slug in pattern.articles:
                if slug not in site.articles:
                    problems.append(Problem(path, 1, f"pattern '{pattern.id}' suggests an unknown article '{slug}'"))
    return AllContent(site, instruments, support), sorted(set(problems))
