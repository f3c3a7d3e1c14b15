"""Which cycle two people are likely to fall into, from their scale scores. Plain Python, no Django.

The rules (also written at the top of content/couples/cycles.yaml):
- a partner "pursues" when pursuing >= 50 and pursuing - withdrawing >= 15;
- a partner "withdraws" when withdrawing >= 50 and withdrawing - pursuing >= 15;
- one pursues and the other withdraws: pursue-withdraw (with who is who);
- both withdraw: both-withdraw; both pursue: both-escalate;
- neither pursues nor withdraws and both repair >= 50: steady; anything else: shifting.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path

import yaml

from wiki.content.schema import LANGUAGES, SITUATIONS

LEVEL, GAP, STEADY_REPAIR = 50, 15, 50


def role(scores: Mapping[str, float]) -> str:
    pursuing, withdrawing = scores["pursuing"], scores["withdrawing"]
    if pursuing >= LEVEL and pursuing - withdrawing >= GAP:
        return "pursuer"
    if withdrawing >= LEVEL and withdrawing - pursuing >= GAP:
        return "withdrawer"
    return "neither"


@dataclass(frozen=True)
class Detected:
    cycle: str
    roles: tuple[str, str]  # the role each partner plays in the cycle's texts


def detect(first: Mapping[str, float], second: Mapping[str, float]) -> Detected:
    a, b = role(first), role(second)
    if {a, b} == {"pursuer", "withdrawer"}:
        return Detected("pursue-withdraw", (a, b))
    if a == b == "withdrawer":
        return Detected("both-withdraw", ("each", "each"))
    if a == b == "pursuer":
        return Detected("both-escalate", ("each", "each"))
    if a == b == "neither" and first["repair"] >= STEADY_REPAIR and second["repair"] >= STEADY_REPAIR:
        return Detected("steady", ("each", "each"))
    return Detected("shifting", ("each", "each"))


@dataclass(frozen=True)
class Cycle:
    id: str
    name: dict[str, str]
    unfolds: dict[str, str]
    guidance: dict[str, dict[str, str]]  # role -> language -> text
    situations: dict[str, list[str]]  # role -> phrase situations
    articles: list[str]


def read_cycles(root: Path) -> dict[str, Cycle]:
    """content/couples/cycles.yaml; raises ValueError naming the problem when it is malformed."""
    path = root / "couples" / "cycles.yaml"
    data = yaml.safe_load(path.read_text("utf-8"))
    cycles: dict[str, Cycle] = {}
    for cycle_id, entry in (data or {}).get("cycles", {}).items():
        roles = ["pursuer", "withdrawer"] if cycle_id == "pursue-withdraw" else ["each"]
        for key in ("name", "unfolds", *roles):
            if not isinstance(entry.get(key), dict) or any(not entry[key].get(lang) for lang in LANGUAGES):
                raise ValueError(f"content/couples/cycles.yaml: cycle '{cycle_id}' needs '{key}' in every language")
        situations = {r: list(entry.get(f"{r}_situations") or []) for r in roles}
        if any(s not in SITUATIONS for values in situations.values() for s in values):
            raise ValueError(f"content/couples/cycles.yaml: cycle '{cycle_id}' names an unknown situation")
        cycles[cycle_id] = Cycle(
            cycle_id,
            entry["name"],
            entry["unfolds"],
            {r: entry[r] for r in roles},
            situations,
            list(entry.get("articles") or []),
        )
    missing = {"pursue-withdraw", "both-withdraw", "both-escalate", "steady", "shifting"} - set(cycles)
    if missing:
        raise ValueError(f"content/couples/cycles.yaml: missing cycles {sorted(missing)}")
    return cycles
