"""The instruments under CONTENT_DIR, read once and re-read when a file changes."""

from __future__ import annotations

import functools
from pathlib import Path

from django.conf import settings

from .instrument import Instrument
from .instrument_file import read_instruments

DEFAULT_INSTRUMENT = "communication-patterns"


class ContentUnavailable(RuntimeError):
    pass


def _stamp(root: Path) -> float:
    files = list(root.glob("instruments/*/v*.yaml"))
    return max((f.stat().st_mtime for f in files if f.exists()), default=0.0)


@functools.lru_cache(maxsize=4)
def _load(root: str, stamp: float) -> dict[str, Instrument]:
    instruments, problems = read_instruments(Path(root))
    if problems:
        raise ContentUnavailable("; ".join(map(str, problems[:5])))
    return instruments


def instruments() -> dict[str, Instrument]:
    root = Path(settings.CONTENT_DIR)
    return _load(str(root), _stamp(root))


def get_instrument(instrument_id: str, version: int) -> Instrument | None:
    return instruments().get(f"{instrument_id}/v{version}")


def instrument_for(instrument_id: str, version: int) -> Instrument:
    """The version a result or invitation was made with, or the current one if that version is gone."""
    return get_instrument(instrument_id, version) or current_instrument()


def current_instrument(instrument_id: str = DEFAULT_INSTRUMENT) -> Instrument:
    versions = [i for i in instruments().values() if i.id == instrument_id]
    if not versions:
        raise ContentUnavailable(f"no instrument '{instrument_id}' under content/instruments")
    return max(versions, key=lambda i: i.version)
