"""Import articles from the command line: URLs, files or standard input, synchronously."""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from claims.intake import importing, preview
from claims.models import Article
from documents.fetch_errors import RetryLater


def _is_url(source: str) -> bool:
    return source.lower().startswith(("http://", "https://"))


class Command(BaseCommand):
    help = "Import articles from URLs, file paths or - (standard input) and print the article id and claim count."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("sources", nargs="+", metavar="SOURCE", help="A URL, a file path or - for stdin.")
        parser.add_argument("--dry-run", action="store_true", help="Fetch, extract and detect, but save nothing.")
        parser.add_argument("--json", action="store_true", help="Print what the import produces as JSON.")

    def handle(self, *args: Any, sources: list[str], dry_run: bool, json: bool, **options: Any) -> None:
        failures = 0
        for source in sources:
            try:
                if dry_run:
                    self._preview(source, as_json=json)
                else:
                    self._import(source, as_json=json)
            except importing.ImportRejected as exc:
                failures += 1
                self.stderr.write(f"{source}: {exc.message}")
        if failures:
            raise CommandError(f"{failures} of {len(sources)} import{'s' if len(sources) > 1 else ''} failed")

    def _read(self, source: str) -> bytes:
        if source == "-":
            return sys.stdin.buffer.read()
        try:
            return Path(source).read_bytes()
        except OSError as exc:
            raise importing.ImportRejected(f"Cannot read the file: {exc.strerror}") from exc

    def _preview(self, source: str, *, as_json: bool) -> None:
        if _is_url(source):
            result = preview.preview_url(source)
        elif source == "-":
            result = preview.preview_text(self._read(source).decode("utf-8", errors="replace"))
        else:
            result = preview.preview_file(self._read(source), Path(source).name)
        if as_json:
            self.stdout.write(json.dumps(result, ensure_ascii=False, indent=2))
        else:
            self.stdout.write(f"{source}: {result['title'] or 'Untitled'} — {len(result['claims'])} claims")

    def _import(self, source: str, *, as_json: bool) -> None:
        if _is_url(source):
            result = importing.import_url(url=source, enqueue=False)
        elif source == "-":
            result = importing.import_text(text=self._read(source).decode("utf-8", errors="replace"), enqueue=False)
        else:
            result = importing.import_upload(data=self._read(source), filename=Path(source).name, enqueue=False)
        article = result.article
        if result.created or article.status == Article.Status.QUEUED:
            try:
                importing.run_import(article_id=article.pk)
            except RetryLater as exc:
                raise importing.ImportRejected(
                    f"{exc} (a temporary failure: article {article.pk} stays queued and a worker retries it)"
                ) from exc
            article.refresh_from_db()
        if article.status == Article.Status.FAILED:
            raise importing.ImportRejected(f"article {article.pk} failed: {article.error}")
        claims = article.claims.count()
        note = "" if result.created else " (already imported)"
        if as_json:
            payload = {"source": source, "article": article.pk, "status": article.status, "claims": claims}
            self.stdout.write(json.dumps({**payload, "created": result.created}))
        else:
            self.stdout.write(f"{source}: article {article.pk}, {claims} claims{note}")
