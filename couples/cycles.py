"""Which cycle two people are likely to fall into, from their own reports. Plain Python, no Django.

Each partner's role comes from the same numbers their own report shows (the score rounded half
up, and its level: 33 or less low, 67 or more high), so the joint report never describes a
partner in a way their own report contradicts.

Roles (also written at the top of content/couples/cycles.yaml):
- reach-and-retreat: pursuing and withdrawing both high; or both at least 50, less than 15
  apart, and one of them high;
- pursuer: pursuing at least 50 and at least 15 above withdrawing (so withdrawing is never high);
- withdrawer: withdrawing at least 50 and at least 15 above pursuing (so pursuing is never high);
- neither: anything else (then neither pursuing nor withdrawing is high).

Cycles, the first that fits:
- both-reach-retreat: both partners reach and retreat;
- reach-retreat: one partner reaches and retreats;
- pursue-withdraw: one pursues, the other withdraws;
- both-withdraw, both-escalate: both withdraw, both pursue;
- steady: neither partner pursues or withdraws and both repair at 50 or more;
- shifting: anything else.

Every cycle has two roles, each with its own guidance, so the two partners never read the same
advice. Where both partners play the same part, the cycle's `split_by` scale decides: the partner
with the higher score there takes the first role (a tie goes to the inviter).
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path

import yaml

from assessment.scoring import level_of, round_score
from base.languages import LANGUAGES
from wiki.content.schema import SITUATIONS

LEVEL, GAP, STEADY_REPAIR = 50, 15, 50
LEVELS = ("low", "middle", "high")
Assumes = dict[str, frozenset[str]]

# cycle -> its two roles (first, second), and the scale that splits partners who play the same part
ROLES: dict[str, tuple[str, str]] = {
    "both-reach-retreat": ("first-to-return", "first-to-pause"),
    "reach-retreat": ("reach-and-retreat", "partner"),
    "pursue-withdraw": ("pursuer", "withdrawer"),
    "both-withdraw": ("opener", "stayer"),
    "both-escalate": ("listener", "pauser"),
    "steady": ("raiser", "keeper"),
    "shifting": ("writer", "asker"),
}
SPLIT_BY: dict[str, str] = {
    "both-reach-retreat": "repair",
    "both-withdraw": "expressing",
    "both-escalate": "listening",
    "steady": "expressing",
    "shifting": "expressing",
}


def shown(scores: Mapping[str, float], scale: str) -> int:
    """The number the partner's own report shows for a scale."""
    return round_score(scores[scale])


def role(scores: Mapping[str, float]) -> str:
    """A partner's part under stress, from the scores their own report shows."""
    pursuing, withdrawing = shown(scores, "pursuing"), shown(scores, "withdrawing")
    high_p, high_w = level_of(pursuing) == "high", level_of(withdrawing) == "high"
    if high_p and high_w:
        return "reach-and-retreat"
    if pursuing >= LEVEL and withdrawing >= LEVEL and abs(pursuing - withdrawing) < GAP and (high_p or high_w):
        return "reach-and-retreat"
    if pursuing >= LEVEL and pursuing - withdrawing >= GAP:
        return "pursuer"
    if withdrawing >= LEVEL and withdrawing - pursuing >= GAP:
        return "withdrawer"
    return "neither"


@dataclass(frozen=True)
class Detected:
    cycle: str
    roles: tuple[str, str]  # the role each partner plays in the cycle's texts, first partner first


def _split(cycle: str, first: Mapping[str, float], second: Mapping[str, float]) -> Detected:
    scale = SPLIT_BY[cycle]
    lead, follow = ROLES[cycle]
    if scale in first and scale in second and shown(second, scale) > shown(first, scale):
        return Detected(cycle, (follow, lead))
    return Detected(cycle, (lead, follow))


def detect(first: Mapping[str, float], second: Mapping[str, float]) -> Detected:
    """`first` is the inviter: on a tie in a split, the inviter takes the cycle's first role."""
    a, b = role(first), role(second)
    if a == b == "reach-and-retreat":
        return _split("both-reach-retreat", first, second)
    if "reach-and-retreat" in (a, b):
        return Detected("reach-retreat", ("reach-and-retreat", "partner") if a == "reach-and-retreat" else
                        ("partner", "reach-and-retreat"))  # fmt: skip
    if {a, b} == {"pursuer", "withdrawer"}:
        return Detected("pursue-withdraw", (a, b))
    if a == b == "withdrawer":
        return _split("both-withdraw", first, second)
    if a == b == "pursuer":
        return _split("both-escalate", first, second)
    if a == b == "neither" and shown(first, "repair") >= STEADY_REPAIR and shown(second, "repair") >= STEADY_REPAIR:
        return _split("steady", first, second)
    return _split("shifting", first, second)


def levels(scores: Mapping[str, float]) -> dict[str, str]:
    return {scale: level_of(round_score(value)) for scale, value in scores.items()}


@dataclass(frozen=True)
class Cycle:
    id: str
    name: dict[str, str]
    unfolds: dict[str, str]
    guidance: dict[str, dict[str, str]]  # role -> language -> text
    situations: dict[str, list[str]]  # role -> phrase situations
    articles: list[str]
    assumes: dict[str, Assumes] = field(default_factory=dict)  # role -> levels its guidance assumes
    assumes_each: Assumes = field(default_factory=dict)  # levels the cycle's texts assume of both partners


def holds(assumes: Assumes, partner_levels: Mapping[str, str | None]) -> bool:
    return all(partner_levels.get(scale) in allowed for scale, allowed in assumes.items())


def _assumes(value: object, where: str) -> Assumes:
    if value is None:
        return {}
    if not isinstance(value, dict):
        raise ValueError(f"{where} maps scales to levels")
    found: Assumes = {}
    for scale, wanted in value.items():
        listed = [wanted] if isinstance(wanted, str) else wanted
        if not isinstance(listed, list) or not listed or not set(listed) <= set(LEVELS):
            raise ValueError(f"{where}: '{scale}' must be one or more of {', '.join(LEVELS)}")
        found[str(scale)] = frozenset(listed)
    return found


def read_cycles(root: Path) -> dict[str, Cycle]:
    """content/couples/cycles.yaml; raises ValueError naming the problem when it is malformed."""
    path = root / "couples" / "cycles.yaml"
    where = "content/couples/cycles.yaml"
    data = yaml.safe_load(path.read_text("utf-8"))
    cycles: dict[str, Cycle] = {}
    for cycle_id, entry in (data or {}).get("cycles", {}).items():
        if cycle_id not in ROLES:
            raise ValueError(f"{where}: unknown cycle '{cycle_id}' (couples/cycles.py decides which exist)")
        for key in ("name", "unfolds"):
            if not isinstance(entry.get(key), dict) or any(not entry[key].get(lang) for lang in LANGUAGES):
                raise ValueError(f"{where}: cycle '{cycle_id}' needs '{key}' in every language")
        roles = entry.get("roles") or {}
        guidance: dict[str, dict[str, str]] = {}
        situations: dict[str, list[str]] = {}
        assumes: dict[str, Assumes] = {}
        for role_id in ROLES[cycle_id]:
            found = roles.get(role_id)
            if not isinstance(found, dict):
                raise ValueError(f"{where}: cycle '{cycle_id}' needs role '{role_id}'")
            text = found.get("guidance")
            if not isinstance(text, dict) or any(not text.get(lang) for lang in LANGUAGES):
                raise ValueError(f"{where}: cycle '{cycle_id}' needs role '{role_id}' with guidance in every language")
            guidance[role_id] = {lang: str(text[lang]).strip() for lang in LANGUAGES}
            situations[role_id] = list(found.get("situations") or [])
            if any(s not in SITUATIONS for s in situations[role_id]):
                raise ValueError(f"{where}: cycle '{cycle_id}' role '{role_id}' names an unknown situation")
            assumes[role_id] = _assumes(found.get("assumes"), f"{where}: cycle '{cycle_id}' role '{role_id}'")
        first, second = ROLES[cycle_id]
        if any(guidance[first][lang] == guidance[second][lang] for lang in LANGUAGES):
            raise ValueError(f"{where}: cycle '{cycle_id}' gives both roles the same guidance")
        cycles[cycle_id] = Cycle(
            cycle_id,
            {lang: str(entry["name"][lang]).strip() for lang in LANGUAGES},
            {lang: str(entry["unfolds"][lang]).strip() for lang in LANGUAGES},
            guidance,
            situations,
            list(entry.get("articles") or []),
            assumes,
            _assumes(entry.get("assumes_each"), f"{where}: cycle '{cycle_id}' assumes_each"),
        )
    missing = set(ROLES) - set(cycles)
    if missing:
        raise ValueError(f"{where}: missing cycles {sorted(missing)}")
    return cycles
