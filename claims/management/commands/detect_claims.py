"""Print the claim candidates of a text as JSON, or of many texts as JSON lines."""

from __future__ import annotations

import json
import sys
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from claims.learning import active


class Command(BaseCommand):
    help = "Find the checkable claims in a text file (or - for standard input) and print them as JSON."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("file", help="A UTF-8 text file, or - for standard input.")
        parser.add_argument(
            "--jsonl",
            action="store_true",
            help='Read {"id", "text"} objects, one a line, and write {"id", "claims"} lines.',
        )
        parser.add_argument("--language", default="en")

    def handle(self, *args: Any, file: str, jsonl: bool, language: str, **options: Any) -> None:
        try:
            stream = sys.stdin if file == "-" else open(file, encoding="utf-8")  # noqa: SIM115
        except OSError as exc:
            raise CommandError(f"Cannot read {file}: {exc.strerror}") from exc
        with stream:
            if not jsonl:
                claims = active.detect_claims(stream.read(), language=language)
                self.stdout.write(json.dumps([c.to_dict() for c in claims], ensure_ascii=False, indent=2))
                return
            for number, line in enumerate(stream, start=1):
                if not line.strip():
                    continue
                try:
                    record = json.loads(line)
                    text = record["text"]
                except (ValueError, KeyError, TypeError) as exc:
                    raise CommandError(f'Line {number} is not a JSON object with "id" and "text"') from exc
                claims = active.detect_claims(text, language=language)
                out = {"id": record.get("id"), "claims": [c.to_dict() for c in claims]}
                self.stdout.write(json.dumps(out, ensure_ascii=False))
