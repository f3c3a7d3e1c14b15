"""`manage.py seed_responses N`: realistic synthetic answers, so editors can see the figures work.

The model: each synthetic respondent has one latent trait per scale, drawn from a standard
normal distribution. An item's keyed answer is 3 + 1.1 x trait + noise (normal, sd 0.9),
rounded and kept within 1 to 5; reverse-keyed items are then turned around. About 4 in 100
respondents answer one safety item at "once". Rows are marked synthetic and never counted in
real figures. `--delete` removes them all.
"""

from __future__ import annotations

import random
from typing import Any

from django.core.management.base import BaseCommand, CommandParser
from django.db import transaction

from assessment import registry, scoring, tokens
from assessment.models import Result

TRAIT_WEIGHT, NOISE = 1.1, 0.9


def synthetic_answers(instrument: Any, rng: random.Random) -> tuple[dict[str, int], dict[str, int]]:
    traits = {scale: rng.gauss(0, 1) for scale in instrument.scales}
    answers = {}
    for item in instrument.items:
        keyed = round(3 + TRAIT_WEIGHT * traits[item.scale] + rng.gauss(0, NOISE))
        keyed = max(1, min(instrument.points, keyed))
        answers[item.id] = scoring.keyed_value(item.reverse, keyed, instrument.points)
    safety = {item.id: 1 for item in instrument.safety_items}
    if rng.random() < 0.04:
        safety[rng.choice(instrument.safety_items).id] = 2
    return answers, safety


class Command(BaseCommand):
    help = "Create N synthetic, clearly marked test results from a latent-trait model."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("count", type=int, nargs="?", default=0)
        parser.add_argument("--seed", type=int, default=None, help="for repeatable answers")
        parser.add_argument("--delete", action="store_true", help="remove every synthetic result")

    def handle(self, *args: Any, count: int, seed: int | None, delete: bool, **options: Any) -> None:
        if delete:
            removed, _ = Result.objects.filter(is_synthetic=True).delete()
            self.stdout.write(f"removed {removed} synthetic results")
            return
        if count < 1 or count > 100_000:
            self.stderr.write("give a number of results from 1 to 100000")
            raise SystemExit(2)
        instrument = registry.current_instrument()
        rng = random.Random(seed)
        rows = []
        for index in range(count):
            answers, safety = synthetic_answers(instrument, rng)
            rows.append(
                Result(
                    share_id=tokens.new_share_id(),
                    report_hash=tokens.token_hash(tokens.new_report_token()),
                    instrument=instrument.id,
                    version=instrument.version,
                    language="zh-hans" if index % 2 else "en",
                    answers=answers,
                    safety_answers=safety,
                    sharing_enabled=False,
                    is_synthetic=True,
                )
            )
        with transaction.atomic():
            Result.objects.bulk_create(rows, batch_size=1000)
        self.stdout.write(self.style.SUCCESS(f"created {count} synthetic results for {instrument.key}"))
