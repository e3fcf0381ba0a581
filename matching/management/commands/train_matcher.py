"""Refit the matcher's re-ranker on reviewers' reuse / not-the-same decisions; activate it only if better."""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from matching.training import TrainingError, train_matcher


class Command(BaseCommand):
    help = (
        "Fit re-ranker weights on reviewers' decisions, compare them with the active weights on held-out "
        "decisions, and activate them only when they rank those decisions better."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--dry-run", action="store_true", help="Report, but save and activate nothing.")

    def handle(self, *args: Any, dry_run: bool, **options: Any) -> None:
        try:
            report = train_matcher(activate=not dry_run)
        except TrainingError as error:
            raise CommandError(str(error)) from error
        self.stdout.write(report.summary())
