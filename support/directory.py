"""Support services by region, from content/support/resources.yaml. Plain Python, no Django.

Every number must name the page it was verified against and the day it was verified: a reader in
crisis may dial it. Where a region has no national line of a kind, or none could be verified, the
file says so (`missing`) and links an official directory instead of guessing.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml

from base.languages import LANGUAGES
from base.problems import Problem
from base.yamlfile import load_yaml

# The four kinds of help every region accounts for, in the order they are shown.
KINDS: tuple[str, ...] = ("emergency", "crisis", "sexual-assault", "domestic-violence")
SERVICE_KEYS = {"kind", "name", "phone", "text", "url", "description", "source", "verified"}
MISSING_KEYS = {"kind", "note", "directory", "source", "verified"}


@dataclass(frozen=True)
class Service:
    kind: str
    name: dict[str, str]
    description: dict[str, str]
    phone: str
    text: str
    url: str
    source: str
    verified: dt.date


@dataclass(frozen=True)
class MissingKind:
    """A kind of help with no national line here (or none verified), and where to look instead."""

    kind: str
    note: dict[str, str]
    directory: str
    source: str
    verified: dt.date


@dataclass(frozen=True)
class Region:
    id: str
    name: dict[str, str]
    services: list[Service]
    missing: list[MissingKind]

    @property
    def emergency_numbers(self) -> list[str]:
        return [s.phone for s in self.services if s.kind == "emergency" and s.phone]


@dataclass(frozen=True)
class SupportDirectory:
    verified: dt.date
    default_region: dict[str, str]
    # Browser language tags, lower-case ("en-gb", "zh-hk"), to the region they suggest.
    language_regions: dict[str, str]
    regions: dict[str, Region]

    @property
    def reviewed(self) -> dt.date:
        return self.verified

    def region_from_accept_language(self, header: str) -> str | None:
        """The first language tag in Accept-Language that names one of our regions."""
        for tag in _accept_language_tags(header):
            if tag in self.language_regions:
                return self.language_regions[tag]
        return None

    def region_for(self, language: str, requested: str | None, accept_language: str = "") -> Region:
        """The address decides first; then the browser's language region; then the page language."""
        if requested in self.regions:
            return self.regions[requested]
        suggested = self.region_from_accept_language(accept_language) if accept_language else None
        if suggested in self.regions:
            return self.regions[suggested]
        return self.regions[self.default_region.get(language, next(iter(self.regions)))]

    def emergency_numbers(self) -> list[tuple[Region, list[str]]]:
        """Every region's emergency number, shown before anything asks where the reader is."""
        return [(region, region.emergency_numbers) for region in self.regions.values() if region.emergency_numbers]


def _accept_language_tags(header: str) -> list[str]:
    weighted: list[tuple[float, int, str]] = []
    for position, part in enumerate(header.split(",")[:20]):
        tag, _, params = part.strip().partition(";")
        weight = 1.0
        if params.strip().startswith("q="):
            try:
                weight = float(params.strip()[2:])
            except ValueError:
                weight = 0.0
        if tag and weight > 0:
            weighted.append((-weight, position, tag.strip().lower()[:35]))
    return [tag for _, _, tag in sorted(weighted)]


# --- reading the file, with the line of every problem ------------------------------------------


def _lines(node: yaml.Node | None) -> dict[str, tuple[int, yaml.Node]]:
    if not isinstance(node, yaml.MappingNode):
        return {}
    return {str(k.value): (k.start_mark.line + 1, v) for k, v in node.value}


def _items(node: yaml.Node | None) -> list[tuple[int, yaml.Node]]:
    if not isinstance(node, yaml.SequenceNode):
        return []
    return [(item.start_mark.line + 1, item) for item in node.value]


def _texts(value: object) -> dict[str, str] | None:
    if not isinstance(value, dict) or not all(
        isinstance(value.get(lang), str) and value[lang].strip() for lang in LANGUAGES
    ):
        return None
    return {lang: value[lang].strip() for lang in LANGUAGES}


def _web_address(value: object) -> bool:
    return isinstance(value, str) and value.startswith(("https://", "http://")) and " " not in value


class _Reader:
    def __init__(self, path: str) -> None:
        self.path = path
        self.problems: list[Problem] = []

    def problem(self, line: int, message: str) -> None:
        self.problems.append(Problem(self.path, line, message))

    def provenance(self, raw: dict[str, Any], line: int, what: str) -> tuple[str, dt.date] | None:
        source, verified = raw.get("source"), raw.get("verified")
        ok = True
        if not _web_address(source):
            self.problem(line, f"{what} needs 'source': the address of the page its details were verified against")
            ok = False
        if not isinstance(verified, dt.date):
            self.problem(line, f"{what} needs 'verified': the day it was verified, written YYYY-MM-DD")
            ok = False
        return (str(source), verified) if ok and isinstance(verified, dt.date) else None

    def service(self, region_id: str, raw: object, line: int) -> Service | None:
        if not isinstance(raw, dict):
            self.problem(line, f"a service in '{region_id}' must be a mapping")
            return None
        for key in sorted(set(raw) - SERVICE_KEYS):
            self.problem(line, f"unknown service field '{key}'")
        kind = raw.get("kind")
        if kind not in KINDS:
            self.problem(line, f"a service's 'kind' is one of: {', '.join(KINDS)}")
        name, description = _texts(raw.get("name")), _texts(raw.get("description"))
        if name is None or description is None:
            self.problem(line, f"a service in '{region_id}' needs a name and a description in each language")
        phone, text, url = (str(raw.get(key) or "").strip() for key in ("phone", "text", "url"))
        if not phone and not url:
            self.problem(line, "a service needs a 'phone' or a 'url'; a region without one uses 'missing'")
        if url and not _web_address(url):
            self.problem(line, f"service URL '{url}' must be a web address")
        provenance = self.provenance(raw, line, f"the service in '{region_id}'")
        if kind not in KINDS or name is None or description is None or provenance is None:
            return None
        return Service(str(kind), name, description, phone, text, url, *provenance)

    def missing(self, region_id: str, raw: object, line: int) -> MissingKind | None:
        if not isinstance(raw, dict):
            self.problem(line, f"a 'missing' entry in '{region_id}' must be a mapping")
            return None
        for key in sorted(set(raw) - MISSING_KEYS):
            self.problem(line, f"unknown field '{key}' in a 'missing' entry")
        kind, note, directory = raw.get("kind"), _texts(raw.get("note")), str(raw.get("directory") or "")
        if kind not in KINDS:
            self.problem(line, f"a 'missing' entry's 'kind' is one of: {', '.join(KINDS)}")
        if note is None:
            self.problem(line, "a 'missing' entry needs a note in each language saying where to look instead")
        if directory and not _web_address(directory):
            self.problem(line, f"directory address '{directory}' must be a web address")
        provenance = self.provenance(raw, line, f"the 'missing' entry in '{region_id}'")
        if kind not in KINDS or note is None or provenance is None:
            return None
        return MissingKind(str(kind), note, directory, *provenance)

    def region(self, region_id: str, raw: object, node: yaml.Node | None, line: int) -> Region | None:
        name = _texts(raw.get("name")) if isinstance(raw, dict) else None
        if not isinstance(raw, dict) or name is None:
            self.problem(line, f"region '{region_id}' needs a name in each language")
            return None
        fields = _lines(node)
        services: list[Service] = []
        raw_services = raw.get("services") or []
        for (item_line, _), item in zip(_items(fields.get("services", (0, None))[1]), raw_services, strict=False):
            service = self.service(region_id, item, item_line)
            if service:
                services.append(service)
        missing: list[MissingKind] = []
        for (item_line, _), item in zip(
            _items(fields.get("missing", (0, None))[1]), raw.get("missing") or [], strict=False
        ):
            entry = self.missing(region_id, item, item_line)
            if entry:
                missing.append(entry)
        covered = {s.kind for s in services} | {m.kind for m in missing}
        for kind in KINDS:
            if kind not in covered:
                self.problem(
                    line, f"region '{region_id}' says nothing about '{kind}': add a service or a 'missing' entry"
                )
        return Region(region_id, name, services, missing)


def parse_support(source: str, path: str) -> tuple[SupportDirectory | None, list[Problem]]:
    data, node, problems = load_yaml(source, path)
    if problems:
        return None, problems
    if not isinstance(data, dict) or not isinstance(data.get("regions"), dict):
        return None, [Problem(path, 1, "the file needs 'verified', 'default_region', 'language_regions' and 'regions'")]
    reader = _Reader(path)
    top = _lines(node)
    if not isinstance(data.get("verified"), dt.date):
        reader.problem(top.get("verified", (1, None))[0], "'verified' must be the day the file was last checked")
    region_nodes = _lines(top["regions"][1])
    regions: dict[str, Region] = {}
    for region_id, raw in data["regions"].items():
        line, region_node = region_nodes.get(str(region_id), (1, None))
        region = reader.region(str(region_id), raw, region_node, line)
        if region:
            regions[str(region_id)] = region
    defaults = data.get("default_region") or {}
    if not isinstance(defaults, dict) or any(defaults.get(lang) not in regions for lang in LANGUAGES):
        reader.problem(top.get("default_region", (1, None))[0], "'default_region' names a region for each language")
    language_regions = data.get("language_regions") or {}
    tag_lines = _lines(top.get("language_regions", (1, None))[1])
    if not isinstance(language_regions, dict):
        reader.problem(top.get("language_regions", (1, None))[0], "'language_regions' maps language tags to regions")
        language_regions = {}
    for tag, region_id in language_regions.items():
        if region_id not in regions or str(tag) != str(tag).lower():
            reader.problem(
                tag_lines.get(str(tag), (1, None))[0],
                f"language tag '{tag}' must be lower-case and name a region ('{region_id}' is not one)",
            )
    if reader.problems:
        return None, reader.problems
    return (
        SupportDirectory(
            data["verified"], dict(defaults), {str(k): str(v) for k, v in language_regions.items()}, regions
        ),
        [],
    )


def read_support(root: Path) -> tuple[SupportDirectory | None, list[Problem]]:
    path = root / "support" / "resources.yaml"
    shown = "content/support/resources.yaml"
    if not path.exists():
        return None, [Problem(shown, 0, "the support services file is missing")]
    return parse_support(path.read_text("utf-8"), shown)
