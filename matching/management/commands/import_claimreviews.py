"""Import fact checks into the archive from a file or standard input, synchronously, with progress."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from matching import archive, claim_matches, formats


class Command(BaseCommand):
    help = (
        "Import fact checks: ClaimReview JSON-LD (object, array, @graph or DataFeed), CSV with the documented "
        "columns, or JSONL archive lines; gzipped files too. Idempotent: the review URL (or the id) is the key."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("source", metavar="FILE", help="A file path, or - for standard input.")
        parser.add_argument(
            "--format", choices=["jsonld", "csv", "jsonl"], default="", help="Guessed from the name or content."
        )
        parser.add_argument("--no-rematch", action="store_true", help="Do not queue matching open claims again.")

    def handle(self, *args: Any, source: str, format: str, no_rematch: bool, **options: Any) -> None:
        if source == "-":
            data, filename = sys.stdin.buffer.read(), ""
        else:
            try:
                data, filename = Path(source).read_bytes(), Path(source).name
            except OSError as exc:
                raise CommandError(f"Cannot read {source}: {exc.strerror}") from exc

        def progress(report: archive.ImportReport) -> None:
            self.stderr.write(f"\r{report.processed:,} items read", ending="")

        try:
            report = archive.import_file(data, fmt=format, filename=filename.removesuffix(".gz"), progress=progress)
        except formats.FileError as exc:
            raise CommandError(str(exc)) from exc
        self.stderr.write("")
        self.stdout.write(report.summary())
        if (report.created or report.updated) and not no_rematch:
            claim_matches.schedule_rematch()
