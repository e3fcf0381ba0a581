"""Refit the claim detector on editors' decisions (and labelled JSONL files); activate it only if better."""

from __future__ import annotations

import argparse
import json
from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from claims.learning.refit import TrainingError, train_detector


def read_jsonl(path: str) -> list[tuple[str, int]]:
    """(text, label) pairs from a file of {"text": ..., "label": 0|1} lines; errors name the line."""
    try:
        lines = Path(path).read_text(encoding="utf-8").splitlines()
    except (OSError, UnicodeDecodeError) as error:
        raise CommandError(f"{path}: cannot read the file ({error})") from error
    examples = []
    for number, line in enumerate(lines, start=1):
        if not line.strip():
            continue
        try:
            row = json.loads(line)
        except json.JSONDecodeError as error:
            raise CommandError(f"{path}, line {number}: not JSON ({error.msg})") from error
        if not isinstance(row, dict):
            raise CommandError(f'{path}, line {number}: expected an object {{"text": ..., "label": 0 or 1}}')
        text, label = row.get("text"), row.get("label")
        if not isinstance(text, str) or not text.strip():
            raise CommandError(f'{path}, line {number}: "text" must be a non-empty string')
        if label not in (0, 1) or isinstance(label, float):
            raise CommandError(f'{path}, line {number}: "label" must be 0, 1, true or false, not {label!r}')
        examples.append((text, int(label)))
    if not examples:
        raise CommandError(f"{path}: no examples in the file")
    return examples


class Command(BaseCommand):
    help = (
        "Fit claim-detector weights on editors' decisions plus labelled JSONL files, report precision, "
        "recall and F1 on a held-out part, and activate the new weights only when they beat the current ones."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "--jsonl", action="append", default=[], metavar="FILE", help='Extra {"text", "label"} lines (repeatable).'
        )
        parser.add_argument("--holdout", type=float, default=0.2, help="Share held out for measuring (default 0.2).")
        parser.add_argument("--dry-run", action="store_true", help="Measure only; activate and save nothing.")
        parser.add_argument(
            "--lexical",
            action=argparse.BooleanOptionalAction,
            default=None,
            help="Also learn weights for words and word pairs (default: settings.DETECTION_TRAIN_LEXICAL, else off).",
        )

        parser.add_argument(
            "--keep-rules",
            action="store_true",
            help="Never lift the prediction and opinion rules, whatever the decisions say.",
        )

    def handle(self, *args: Any, **options: Any) -> None:
        extra: list[tuple[str, int]] = []
        for path in options["jsonl"]:
            extra.extend(read_jsonl(path))
        try:
            report = train_detector(
                extra_examples=extra,
                holdout=options["holdout"],
                activate=not options["dry_run"],
                lexical=options["lexical"],
                lift_rules=not options["keep_rules"],
            )
        except TrainingError as error:
            raise CommandError(str(error)) from error
        self.stdout.write(report.summary())
