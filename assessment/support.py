"""Support services by region, from content/support/resources.yaml. Plain Python, no Django."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from pathlib import Path

from wiki.content.schema import LANGUAGES, Problem, load_yaml


@dataclass(frozen=True)
class Service:
    name: dict[str, str]
    description: dict[str, str]
    phone: str
    url: str
    source: str


@dataclass(frozen=True)
class Region:
    id: str
    name: dict[str, str]
    services: list[Service]


@dataclass(frozen=True)
class SupportDirectory:
    reviewed: dt.date
    default_region: dict[str, str]
    regions: dict[str, Region]

    def region_for(self, language: str, requested: str | None) -> Region:
        if requested in self.regions:
            return self.regions[requested]
        return self.regions[self.default_region.get(language, next(iter(self.regions)))]


def _texts(value: object) -> dict[str, str] | None:
    if not isinstance(value, dict) or not all(
        isinstance(value.get(lang), str) and value[lang].strip() for lang in LANGUAGES
    ):
        return None
    return {lang: value[lang].strip() for lang in LANGUAGES}


def parse_support(source: str, path: str) -> tuple[SupportDirectory | None, list[Problem]]:
    data, _, problems = load_yaml(source, path)
    if problems:
        return None, problems
    if not isinstance(data, dict) or not isinstance(data.get("regions"), dict):
        return None, [Problem(path, 1, "the file needs 'reviewed', 'default_region' and 'regions'")]
    if not isinstance(data.get("reviewed"), dt.date):
        problems.append(Problem(path, 1, "'reviewed' must be the date the services were last checked"))
    regions: dict[str, Region] = {}
    for region_id, entry in data["regions"].items():
        name = _texts(entry.get("name")) if isinstance(entry, dict) else None
        raw_services = entry.get("services") if isinstance(entry, dict) else None
        if name is None or not isinstance(raw_services, list) or not raw_services:
            problems.append(Problem(path, 1, f"region '{region_id}' needs a name in each language and services"))
            continue
        services = []
        for raw in raw_services:
            service_name = _texts(raw.get("name")) if isinstance(raw, dict) else None
            description = _texts(raw.get("description")) if isinstance(raw, dict) else None
            source = raw.get("source") if isinstance(raw, dict) else None
            if service_name is None or description is None or not isinstance(source, str) or not source:
                problems.append(Problem(path, 1, f"a service in '{region_id}' needs name, description and source"))
                continue
            url = str(raw.get("url") or "")
            if url and not url.startswith("https://"):
                problems.append(Problem(path, 1, f"service URL '{url}' must start with https://"))
            services.append(Service(service_name, description, str(raw.get("phone") or ""), url, source))
        regions[str(region_id)] = Region(str(region_id), name, services)
    defaults = data.get("default_region") or {}
    if not isinstance(defaults, dict) or any(defaults.get(lang) not in regions for lang in LANGUAGES):
        problems.append(Problem(path, 1, "'default_region' names a region for each language"))
    if problems:
        return None, problems
    return SupportDirectory(data["reviewed"], dict(defaults), regions), []


def read_support(root: Path) -> tuple[SupportDirectory | None, list[Problem]]:
    path = root / "support" / "resources.yaml"
    shown = "content/support/resources.yaml"
    if not path.exists():
        return None, [Problem(shown, 0, "the support services file is missing")]
    return parse_support(path.read_text("utf-8"), shown)
