"""The instruments and support services under CONTENT_DIR, read once and re-read when a file changes."""

from __future__ import annotations

import functools
from pathlib import Path

from django.conf import settings

from .instrument import Instrument, read_instruments
from .support import SupportDirectory, read_support

DEFAULT_INSTRUMENT = "communication-patterns"


class ContentUnavailable(RuntimeError):
    pass


def _stamp(root: Path) -> float:
    files = [*root.glob("instruments/*/v*.yaml"), root / "support" / "resources.yaml"]
    return max((f.stat().st_mtime for f in files if f.exists()), default=0.0)


@functools.lru_cache(maxsize=4)
def _load(root: str, stamp: float) -> tuple[dict[str, Instrument], SupportDirectory | None]:
    instruments, problems = read_instruments(Path(root))
    support, support_problems = read_support(Path(root))
    if problems or support_problems:
        raise ContentUnavailable("; ".join(map(str, [*problems, *support_problems][:5])))
    return instruments, support


def _current() -> tuple[dict[str, Instrument], SupportDirectory | None]:
    root = Path(settings.CONTENT_DIR)
    return _load(str(root), _stamp(root))


def instruments() -> dict[str, Instrument]:
    return _current()[0]


def get_instrument(instrument_id: str, version: int) -> Instrument | None:
    return instruments().get(f"{instrument_id}/v{version}")


def current_instrument(instrument_id: str = DEFAULT_INSTRUMENT) -> Instrument:
    versions = [i for i in instruments().values() if i.id == instrument_id]
    if not versions:
        raise ContentUnavailable(f"no instrument '{instrument_id}' under content/instruments")
    return max(versions, key=lambda i: i.version)


def support_directory() -> SupportDirectory:
    support = _current()[1]
    assert support is not None
    return support
