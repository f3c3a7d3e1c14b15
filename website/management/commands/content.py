"""`manage.py content check` and `manage.py content load`."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError, CommandParser

from website.content_check import check_all
from wiki.services import content_apply


class Command(BaseCommand):
    help = "Check the files under content/, or load them into the database."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("action", choices=["check", "load"])
        parser.add_argument("--path", default=None, help="content folder (default: CONTENT_DIR)")

    def handle(self, *args: Any, action: str, path: str | None, **options: Any) -> None:
        root = Path(path) if path else Path(settings.CONTENT_DIR)
        if action == "check":
            everything, problems = check_all(root)
            self._fail_on(problems)
            site = everything.site
            documents = site.documents()
            self.stdout.write(
                self.style.SUCCESS(
                    f"content is valid: {len(site.articles)} articles ({len(documents)} documents), "
                    f"{sum(len(d.phrases) for d in documents)} phrases, {len(site.glossary)} glossary "
                    f"concepts, {len(site.categories)} categories, "
                    f"{len(everything.instruments)} instrument version(s)"
                )
            )
            return
        # Loaded from what the check just read: every file is parsed once.
        everything, problems = check_all(root)
        self._fail_on(problems)
        report = content_apply(site=everything.site)
        if report.changed:
            for label, items in (("created", report.created), ("updated", report.updated), ("deleted", report.deleted)):
                for item in items:
                    self.stdout.write(f"  {label}: {item}")
        self.stdout.write(
            self.style.SUCCESS(
                f"content loaded (version {report.version}): {len(report.created)} created, "
                f"{len(report.updated)} updated, {len(report.deleted)} deleted, {report.unchanged} unchanged"
            )
        )

    def _fail_on(self, problems: list[Any]) -> None:
        if not problems:
            return
        for problem in problems:
            self.stderr.write(str(problem))
        raise CommandError(f"{len(problems)} problem(s) found; nothing was loaded.")
