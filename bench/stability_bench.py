"""How trustworthy a result is: versions 1 and 2 of the test, under the same simulated readers.

A benchmark, not a timed test. Simulated readers come from editors/synthetic.py (correlated
traits, reverse-keyed items that load less, an acquiescence style, "does not apply" for some,
a few straight-liners; every setting is listed there and printed below). Each reader takes the
test twice, with fresh answer noise and nothing else changed, like two parallel takes.

Printed for each version:
- agreement: both takes give the same pattern; a blend that shares a pattern with the other take
  counts as agreement, and so do two takes that both get no single pattern;
- the share of clear patterns, blends and "no single pattern" (first take);
- contradictions: results with a sentence claiming the opposite level (high against low) of one
  of the reader's own scores. Version 2 tags every such sentence, so it is checked exactly (every
  shown sentence's assumed levels against the reader's). Version 1 tags nothing; its pattern
  texts describe the pattern's profile, so a result counts when a scale of the profile is high
  or low and the reader's own score on it is at the opposite level. That profile check is also
  printed for version 2;
- flat answer sets (every answer the same, or every shown scale score within 10 points) given a
  clear pattern: the simulated ones, all five straight-lined sets, and 2,000 generated flat sets;
- how clear results spread across the patterns.
Then, for version 2 only: how agreement and the share of clear patterns trade off as the clear
margin changes, and how both depend on the generator (the first generator, with alpha about .88,
and one with less noise, alpha about .80).

Targets (issue 15): agreement at least 85% with at least 60% clear patterns; no contradictions;
no flat answer set given a clear pattern. Run: python bench/stability_bench.py [readers] [seed]
"""

from __future__ import annotations

import dataclasses
import random
import sys
import time
from collections import Counter
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from assessment import presentation, scoring  # noqa: E402
from assessment.instrument import Instrument, read_instruments  # noqa: E402
from editors import statistics, synthetic  # noqa: E402

READERS = 5000
SEED = 2026
FLAT_POINTS = 10
FLAT_SETS = 2000
OPPOSITE = {"low": "high", "high": "low"}


@dataclasses.dataclass
class Take:
    kind: str
    patterns: tuple[str, ...]
    contradicted: bool = False  # a shown sentence assumes a level the reader does not have
    profile_opposite: bool = False  # a scale of the pattern's profile is at the reader's opposite level
    flat: bool = False


def is_flat(instrument: Instrument, answers: dict[str, int], measured: dict[str, scoring.ScaleScore]) -> bool:
    scored = [v for v in answers.values() if scoring.is_scored(instrument, v)]
    shown = [m.value for m in measured.values() if m.value is not None]
    return len(set(scored)) == 1 or (bool(shown) and max(shown) - min(shown) <= FLAT_POINTS)


def take_result(instrument: Instrument, answers: dict[str, int], audit: bool) -> Take:
    scored = scoring.score(instrument, answers)
    reading = scored.reading
    levels = scoring.levels_of(scored.measured)
    opposite = any(
        levels.get(scale) == OPPOSITE.get(scoring.level_of(scoring.round_score(value)))
        for pattern in reading.patterns
        for scale, value in instrument.patterns[pattern].prototype.items()
    )
    contradicted = opposite if instrument.scoring is None else False
    if audit and instrument.scoring is not None:
        view = presentation.result_view(instrument, answers, {}, "en")
        contradicted = any(
            any(levels.get(scale) not in allowed for scale, allowed in shown.assumes.items()) for shown in view.shown
        )
    return Take(reading.kind, reading.patterns, contradicted, opposite, is_flat(instrument, answers, scored.measured))


def agree(first: Take, second: Take) -> bool:
    if scoring.NONE in (first.kind, second.kind):
        return first.kind == second.kind
    if scoring.BLEND in (first.kind, second.kind):
        return bool(set(first.patterns) & set(second.patterns))
    return first.patterns == second.patterns


def simulate(
    instruments: list[Instrument], readers: int, seed: int, settings: synthetic.Settings, audit: bool
) -> dict[str, list[tuple[Take, Take]]]:
    """The same readers for every instrument: traits, tilt and choices drawn once per reader."""
    rng = random.Random(seed)
    people = [synthetic.draw_reader(rng, settings) for _ in range(readers)]
    results: dict[str, list[tuple[Take, Take]]] = {}
    for instrument in instruments:
        noise = random.Random(f"{seed}:{instrument.key}")
        results[instrument.key] = [
            (
                take_result(instrument, synthetic.take(instrument, person, noise, settings), audit),
                take_result(instrument, synthetic.take(instrument, person, noise, settings), audit),
            )
            for person in people
        ]
    return results


def flat_sets(instrument: Instrument, seed: int) -> list[dict[str, int]]:
    """All five straight-lined answer sets and FLAT_SETS more whose scale scores sit within a few points."""
    rng = random.Random(seed)
    sets = [{item.id: position for item in instrument.items} for position in range(1, instrument.points + 1)]
    while len(sets) < FLAT_SETS + instrument.points:
        centre = rng.uniform(10, 90)
        targets = {scale: centre + rng.uniform(-FLAT_POINTS / 2, FLAT_POINTS / 2) for scale in instrument.scales}
        answers = scoring.answers_for_scores(instrument, targets)
        measured = scoring.measure(instrument, answers)
        if is_flat(instrument, answers, measured):
            sets.append(answers)
    return sets


def share(count: int, total: int) -> str:
    return f"{count / total:6.1%}" if total else "     –"


def summary(instrument: Instrument, pairs: list[tuple[Take, Take]], seed: int) -> dict[str, str]:
    firsts = [a for a, _ in pairs]
    total = len(pairs)
    kinds = Counter(t.kind for t in firsts)
    flat_simulated = [t for t in (t for pair in pairs for t in pair) if t.flat]
    generated = [take_result(instrument, answers, audit=False) for answers in flat_sets(instrument, seed)]
    flat_all = flat_simulated + generated
    return {
        "agreement between two takes": share(sum(agree(a, b) for a, b in pairs), total),
        "clear pattern": share(kinds[scoring.CLEAR], total),
        "blend of two": share(kinds[scoring.BLEND], total),
        "no single pattern": share(kinds[scoring.NONE], total),
        "results with a contradicting sentence": share(sum(t.contradicted for t in firsts), total),
        "  pattern profile opposite a scale": share(sum(t.profile_opposite for t in firsts), total),
        "flat answer sets given a clear pattern": share(sum(t.kind == scoring.CLEAR for t in flat_all), len(flat_all))
        + f" of {len(flat_all)}",
    }


def alphas(instrument: Instrument, readers: int, seed: int, settings: synthetic.Settings) -> dict[str, float]:
    rng = random.Random(seed)
    rows: dict[str, list[list[int]]] = {scale: [] for scale in instrument.scales}
    for _ in range(readers):
        answers = synthetic.take(instrument, synthetic.draw_reader(rng, settings), rng, settings)
        for scale in instrument.scales:
            items = instrument.items_of(scale)
            if all(scoring.is_scored(instrument, answers[i.id]) for i in items):
                rows[scale].append([scoring.keyed_value(i.reverse, answers[i.id], instrument.points) for i in items])
    return {scale: statistics.cronbach_alpha(values) for scale, values in rows.items()}


def with_margin(instrument: Instrument, margin: float) -> Instrument:
    assert instrument.scoring is not None
    return dataclasses.replace(instrument, scoring=dataclasses.replace(instrument.scoring, clear_margin=margin))


def agreement_and_clear(pairs: list[tuple[Take, Take]]) -> str:
    total = len(pairs)
    agreeing = sum(agree(a, b) for a, b in pairs)
    clear = sum(a.kind == scoring.CLEAR for a, _ in pairs)
    return f"agreement {share(agreeing, total)}, clear {share(clear, total)}"


def timed(label: str, work: Callable[[], object]) -> object:
    started = time.perf_counter()
    value = work()
    print(f"({label}: {time.perf_counter() - started:.0f} s)", file=sys.stderr)
    return value


def main() -> None:
    readers = int(sys.argv[1]) if len(sys.argv) > 1 else READERS
    seed = int(sys.argv[2]) if len(sys.argv) > 2 else SEED
    found, problems = read_instruments(ROOT / "content")
    if problems:
        raise SystemExit("\n".join(map(str, problems)))
    v1, v2 = found["communication-patterns/v1"], found["communication-patterns/v2"]
    settings = synthetic.Settings()
    print(f"Stability of results: {readers} simulated readers, each taking the test twice (seed {seed})")
    print("Generator settings (editors/synthetic.py); every figure below is a product of them:")
    for name, value in settings.describe():
        print(f"  {name}: {value}")
    for instrument in (v1, v2):
        figures = alphas(instrument, 3000, seed, settings)
        print(f"  alpha, {instrument.key}: " + ", ".join(f"{s[:4]} {a:.2f}" for s, a in figures.items()))

    results = timed("v1 and v2", lambda: simulate([v1, v2], readers, seed, settings, audit=True))
    assert isinstance(results, dict)
    rows = {key: summary(found[key], pairs, seed) for key, pairs in results.items()}
    targets = {
        "agreement between two takes": ">= 85%",
        "clear pattern": ">= 60%",
        "results with a contradicting sentence": "0",
        "flat answer sets given a clear pattern": "0",
    }
    print()
    print(f"{'':42} {'version 1':>16} {'version 2':>16}   target (v2)")
    for label in rows[v1.key]:
        print(f"{label:42} {rows[v1.key][label]:>16} {rows[v2.key][label]:>16}   {targets.get(label, '')}")

    print("\nClear patterns across the patterns (first take; v2 blends count for both of their patterns):")
    for key in (v1.key, v2.key):
        counts: Counter[str] = Counter()
        for first, _ in results[key]:
            counts.update(first.patterns)
        total = sum(counts.values()) or 1
        print(f"  {key}: " + ", ".join(f"{p} {counts[p] / total:.0%}" for p in found[key].patterns))

    print("\nVersion 2, the clear margin against agreement (same readers):")
    for margin in (0.4, 0.5, 0.55, 0.6, 0.8, 1.0, 1.2):
        variant = with_margin(v2, margin)
        pairs = simulate([variant], readers, seed, settings, audit=False)[variant.key]
        published = "  <- published" if v2.scoring and margin == v2.scoring.clear_margin else ""
        print(f"  margin {margin:.2f} SEM: {agreement_and_clear(pairs)}{published}")

    print("\nVersion 2 under other generators (how much the figures depend on the settings):")
    first = synthetic.Settings(**synthetic.FIRST_GENERATOR)  # type: ignore[arg-type]
    for label, other in (
        ("first generator, alpha about .88", first),
        ("noise 0.80, alpha about .80", dataclasses.replace(settings, noise=0.80)),
    ):
        pairs = simulate([v1, v2], readers, seed, other, audit=False)
        print(f"  {label}: v1 {agreement_and_clear(pairs[v1.key])}; v2 {agreement_and_clear(pairs[v2.key])}")


if __name__ == "__main__":
    main()
