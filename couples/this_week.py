"""Three things to try together this week, per couple cycle: content/couples/this-week.yaml.

Plain Python, no Django. Every cycle needs exactly three, in every language.
"""

from __future__ import annotations

from pathlib import Path

from base.languages import LANGUAGES
from base.problems import Problem
from base.yamlfile import key_lines, load_yaml

PATH = Path("couples") / "this-week.yaml"
SHOWN = "content/couples/this-week.yaml"
PER_CYCLE = 3


def parse_this_week(source: str, cycles: set[str]) -> tuple[dict[str, dict[str, list[str]]], list[Problem]]:
    data, node, problems = load_yaml(source, SHOWN)
    if problems:
        return {}, problems
    if not isinstance(data, dict):
        return {}, [Problem(SHOWN, 1, "the file maps each cycle to its three things to try, per language")]
    lines = key_lines(node)
    found: dict[str, dict[str, list[str]]] = {}
    for cycle, entry in data.items():
        line = lines.get(str(cycle), 1)
        if cycle not in cycles:
            problems.append(Problem(SHOWN, line, f"'{cycle}' is not a cycle of content/couples/cycles.yaml"))
            continue
        texts: dict[str, list[str]] = {}
        for language in LANGUAGES:
            items = entry.get(language) if isinstance(entry, dict) else None
            if (
                not isinstance(items, list)
                or len(items) != PER_CYCLE
                or not all(isinstance(i, str) and i.strip() for i in items)
            ):
                problems.append(Problem(SHOWN, line, f"'{cycle}' needs exactly {PER_CYCLE} things in '{language}'"))
                continue
            texts[language] = [i.strip() for i in items]
        found[str(cycle)] = texts
    for cycle in sorted(cycles - set(data)):
        problems.append(Problem(SHOWN, 1, f"cycle '{cycle}' has no things to try together"))
    return found, problems


def read_this_week(root: Path, cycles: set[str]) -> tuple[dict[str, dict[str, list[str]]], list[Problem]]:
    path = root / PATH
    if not path.exists():
        return {}, [Problem(SHOWN, 0, "the file is missing")]
    return parse_this_week(path.read_text("utf-8"), cycles)
