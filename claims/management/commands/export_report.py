"""Export an article's verdict report: python manage.py export_report ARTICLE_ID --format csv [-o FILE]."""

from __future__ import annotations

import sys
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from claims.exports import formats
from claims.exports.pdf import report_pdf
from claims.exports.records import article_scope
from claims.models import Article

WRITERS = {
    "csv": formats.csv_chunks,
    "json": formats.json_chunks,
    "jsonld": formats.jsonld_chunks,
    "findings": formats.findings_chunks,
    "md": formats.markdown_chunks,
    "html": formats.html_chunks,
}


class Command(BaseCommand):
    help = "Export an article's claims and verdicts as csv, json, jsonld, findings, md, html or pdf."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("article_id", type=int)
        parser.add_argument("--format", choices=[*WRITERS, "pdf"], default="csv")
        parser.add_argument("-o", "--output", help="File to write (default: standard output; required for pdf).")
        parser.add_argument("--published-only", action="store_true", help="Only published verdicts.")

    def handle(self, *args: Any, **options: Any) -> None:
        article = Article.objects.filter(pk=options["article_id"]).first()
        if article is None:
            raise CommandError(f"There is no article {options['article_id']}.")
        scope = article_scope(article, published_only=options["published_only"])
        output = options["output"]
        if options["format"] == "pdf":
            if not output:
                raise CommandError("A PDF needs a file: add -o FILE.")
            with open(output, "wb") as file:
                file.write(report_pdf(scope))
        elif output:
            with open(output, "w", encoding="utf-8", newline="") as text_file:
                text_file.writelines(WRITERS[options["format"]](scope))
        else:
            sys.stdout.writelines(WRITERS[options["format"]](scope))
        if output:
            self.stderr.write(f"Wrote {output}")
