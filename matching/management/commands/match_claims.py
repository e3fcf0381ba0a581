"""Match statements against the archive in the database, in batch: JSONL in, JSONL out, best first."""

from __future__ import annotations

import json
import sys
from datetime import date
from pathlib import Path
from typing import IO, Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from matching import matcher, search


class Command(BaseCommand):
    help = (
        'Read {"id", "text"} lines (optionally "date": YYYY-MM-DD) and write {"id", "matches": [{"id", "score"}, …]} '
        "lines, best first; a match's id is the fact check's external id (its URL when it has none)."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--jsonl", required=True, metavar="FILE", help="Input lines; - for standard input.")
        parser.add_argument(
            "--output", "-o", default="-", metavar="FILE", help="Where to write; - (default) is stdout."
        )
        parser.add_argument("--top", type=int, default=matcher.TOP, help="Matches per line (default 5).")
        parser.add_argument(
            "--threshold", type=float, default=0.0, help="Leave out matches scoring below this (default 0: the top N)."
        )

    def handle(self, *args: Any, jsonl: str, output: str, top: int, threshold: float, **options: Any) -> None:
        source: IO[str]
        try:
            source = sys.stdin if jsonl == "-" else Path(jsonl).open(encoding="utf-8")  # noqa: SIM115
        except OSError as exc:
            raise CommandError(f"Cannot read {jsonl}: {exc.strerror}") from exc
        target: IO[str] = self.stdout if output == "-" else Path(output).open("w", encoding="utf-8")  # type: ignore[assignment]  # noqa: SIM115
        weights = matcher.active_weights()
        statistics = search.archive_statistics()
        errors = 0
        try:
            for number, line in enumerate(source, start=1):
                if not line.strip():
                    continue
                try:
                    item = json.loads(line)
                    text = str(item["text"])
                    when = date.fromisoformat(item["date"]) if item.get("date") else None
                except (ValueError, KeyError, TypeError) as exc:
                    errors += 1
                    self.stderr.write(f'Line {number}: skipped, it needs a JSON object with "id" and "text" ({exc}).')
                    continue
                suggestions = matcher.match_statement(
                    text, when=when, limit=top, threshold=threshold, weights=weights, statistics=statistics
                )
                matches = [{"id": s.external_id or s.url, "score": s.score} for s in suggestions]
                target.write(json.dumps({"id": item.get("id"), "matches": matches}, ensure_ascii=False) + "\n")
        finally:
            if source is not sys.stdin:
                source.close()
            if output != "-":
                target.close()
        if errors:
            raise CommandError(f"{errors} line{'s' if errors > 1 else ''} skipped")
