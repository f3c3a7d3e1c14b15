"""The support block's content in one language: the reader's region, every region's emergency
number, and the links to the other regions."""

from __future__ import annotations

import datetime as dt
import functools
from dataclasses import dataclass
from pathlib import Path

from django.conf import settings
from django.utils.translation import gettext

from .directory import KINDS, Region, SupportDirectory, read_support


class SupportUnavailable(RuntimeError):
    pass


@functools.lru_cache(maxsize=2)
def _load(root: str, stamp: float) -> SupportDirectory:
    found, problems = read_support(Path(root))
    if problems or found is None:
        raise SupportUnavailable("; ".join(map(str, problems[:5])))
    return found


def directory() -> SupportDirectory:
    """content/support/resources.yaml, read once and again whenever the file changes."""
    root = Path(settings.CONTENT_DIR)
    path = root / "support" / "resources.yaml"
    return _load(str(root), path.stat().st_mtime if path.exists() else 0.0)


@dataclass(frozen=True)
class ServiceView:
    kind: str
    kind_label: str
    name: str
    description: str
    phone: str
    text: str
    url: str
    source: str
    verified: dt.date


@dataclass(frozen=True)
class MissingView:
    kind: str
    kind_label: str
    note: str
    directory: str
    source: str


@dataclass(frozen=True)
class RegionView:
    id: str
    name: str
    services: list[ServiceView]
    missing: list[MissingView]
    # Every region's emergency number, shown first, before the reader chooses a region.
    emergency: list[tuple[str, list[str]]]


def _kind_labels() -> dict[str, str]:
    return {
        "emergency": gettext("Emergency"),
        "crisis": gettext("Suicide and mental-health crisis"),
        "sexual-assault": gettext("Sexual assault"),
        "domestic-violence": gettext("Domestic violence"),
    }


def region_view(region: Region, language: str, source: SupportDirectory | None = None) -> RegionView:
    labels = _kind_labels()
    order = {kind: index for index, kind in enumerate(KINDS)}
    services = sorted(region.services, key=lambda s: order[s.kind])
    every = (source or directory()).emergency_numbers()
    emergency = [(other.name[language], numbers) for other, numbers in every]
    return RegionView(
        id=region.id,
        name=region.name[language],
        services=[
            ServiceView(
                s.kind,
                labels[s.kind],
                s.name[language],
                s.description[language],
                s.phone,
                s.text,
                s.url,
                s.source,
                s.verified,
            )
            for s in services
        ],
        missing=[
            MissingView(m.kind, labels[m.kind], m.note[language], m.directory, m.source)
            for m in sorted(region.missing, key=lambda m: order[m.kind])
        ],
        emergency=emergency,
    )


def region_links(directory: SupportDirectory, language: str) -> list[tuple[str, str]]:
    return [(region.id, region.name[language]) for region in directory.regions.values()]


@dataclass(frozen=True)
class SupportBlock:
    """The support block: services for the reader's region, and every region to switch to."""

    region: RegionView
    regions: list[tuple[str, str]]
    support_heading: str
    support_intro: str


def support_block(language: str, region_id: str | None, accept_language: str = "") -> SupportBlock:
    """What the support block needs. On a page-cached page, pass no accept_language: the region
    then comes only from the address, so one visitor's region is never served to another."""
    found = directory()
    return SupportBlock(
        region=region_view(found.region_for(language, region_id, accept_language), language, found),
        regions=region_links(found, language),
        support_heading=gettext("Where to find support"),
        support_intro=gettext(
            "Free, confidential services that listen, explain your options and help you plan for safety. "
            "You do not have to decide anything before you call."
        ),
    )
