"""Documentation that cannot drift: the README names every setting the code reads."""

from __future__ import annotations

import re
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
READS = re.compile(r"(?:os\.environ\.get|os\.environ\[|os\.getenv|env_bool|env_list|env_int)\(\s*\"([A-Z][A-Z0-9_]*)\"")


def variables_read_by(path: Path) -> set[str]:
    return set(READS.findall(path.read_text("utf-8")))


def test_every_environment_variable_read_in_settings_is_in_the_readme() -> None:
    readme = (ROOT / "README.md").read_text("utf-8")
    table = "\n".join(line for line in readme.splitlines() if line.startswith("|"))
    read = variables_read_by(ROOT / "config" / "settings.py") | variables_read_by(ROOT / "config" / "gunicorn.py")
    assert read, "the pattern finds the variables settings reads"
    missing = sorted(name for name in read if f"`{name}`" not in table and f"`_{name.split('_')[-1]}`" not in table)
    assert missing == []


def test_the_variable_pattern_finds_each_way_settings_reads_one(tmp_path: Path) -> None:
    sample = tmp_path / "settings.py"
    sample.write_text('A = os.environ.get("ONE")\nB = env_bool("TWO", False)\nC = env_list("THREE", "")\n')
    assert variables_read_by(sample) == {"ONE", "TWO", "THREE"}


# Every kind of file under content/ and one file of that kind to break.
CONTENT_FILES = {
    "articles": "articles/flooding-and-breaks/en.md",
    "glossary": "glossary/flooding.yaml",
    "categories.yaml": "categories.yaml",
    "instruments": "instruments/communication-patterns/v1.yaml",
    "support": "support/resources.yaml",
    "couples": "couples/cycles.yaml",
    "search": "search/danger-phrases.yaml",
    "together": "together/items.yaml",
}
DOCUMENTATION = {"README.md"}


def test_every_kind_of_content_file_is_known_to_this_test() -> None:
    kinds = {p.name for p in (ROOT / "content").iterdir()} - DOCUMENTATION
    assert kinds == set(CONTENT_FILES)


def test_content_check_reads_every_kind_of_content_file(tmp_path: Path) -> None:
    import shutil

    from website.content_check import check_all

    # One file of every kind broken at once: each must be reported, whatever else is broken.
    root = tmp_path / "content"
    shutil.copytree(ROOT / "content", root, ignore=shutil.ignore_patterns("README.md"))
    for relative in CONTENT_FILES.values():
        broken = root / relative
        text = broken.read_text("utf-8")
        if broken.suffix == ".md":  # an article: break its front matter
            broken.write_text(text.replace("title:", "title: [unclosed", 1), "utf-8")
        else:
            broken.write_text(text + "\n\t: [this is not valid\n", "utf-8")
    _, problems = check_all(root)
    unchecked = [
        relative for relative in CONTENT_FILES.values() if not any(p.path.endswith(relative) for p in problems)
    ]
    assert unchecked == []
