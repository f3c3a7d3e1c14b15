"""`manage.py seed_responses N`: synthetic answers, so editors can see the figures work.

The model is editors/synthetic.py: correlated traits, reverse-keyed items that load less than
plainly worded ones, a personal tilt towards agreeing (acquiescence), some readers for whom the
intimacy items do not apply, and a few who give one answer everywhere. Its figures are a product
of those settings, and the statistics page says so. About 4 in 100 respondents answer one safety
item at "once". Rows are marked synthetic and never counted in real figures. `--delete` removes
them all.
"""

from __future__ import annotations

import random
from typing import Any

from django.core.management.base import BaseCommand, CommandParser
from django.db import transaction

from assessment import registry, tokens
from assessment.models import Result
from editors import synthetic


def synthetic_answers(instrument: Any, rng: random.Random) -> tuple[dict[str, int], dict[str, int]]:
    reader = synthetic.draw_reader(rng)
    return synthetic.take(instrument, reader, rng), synthetic.safety_answers(instrument, rng)


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
