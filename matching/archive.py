"""The fact-check archive: imports (idempotent, item by item), term statistics, and the newsroom's own verdicts."""

from __future__ import annotations

import gzip
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from typing import Any

from django.db import connection, models, transaction
from django.utils import timezone

from claims.exports import claimreview
from claims.models import Claim
from matching import formats
from matching.models import ArchiveStatistics, FactCheck

BATCH = 1000
# The import report keeps the first problems in full and counts the rest.
MAX_PROBLEMS = 1000
UPDATE_FIELDS = [
    "url", "external_id", "claim", "title", "claimant", "claim_date", "review_date",
    "rating", "publisher", "language", "updated_at",
]  # fmt: skip


@dataclass
class ImportReport:
    created: int = 0
    updated: int = 0
    skipped: int = 0
    processed: int = 0
    problems: list[formats.ItemError] = field(default_factory=list)

    def skip(self, problem: formats.ItemError) -> None:
        self.skipped += 1
        if len(self.problems) < MAX_PROBLEMS:
            self.problems.append(problem)

    def summary(self) -> str:
        lines = [f"{self.created} created, {self.updated} updated, {self.skipped} skipped."]
        lines += [f"Item {p.item}: {p.reason}" + (f" ({p.label})" if p.label else "") for p in self.problems]
        if self.skipped > len(self.problems):
            lines.append(f"… and {self.skipped - len(self.problems)} more skipped items.")
        return "\n".join(lines)


def decompress(data: bytes) -> bytes:
    """Gzipped files are read as their contents."""
    return gzip.decompress(data) if data[:2] == b"\x1f\x8b" else data


def import_file(
    data: bytes,
    *,
    fmt: str = "",
    filename: str = "",
    progress: Callable[[ImportReport], None] | None = None,
    refresh: bool = True,
) -> ImportReport:
    """Import every valid item of an archive file; idempotent (the review URL, or the id, is the key).

    Each item is validated in full before anything is written, so a bad item is skipped whole
    and reported with its number and the reason. Batches of BATCH items are written atomically.
    Raises formats.FileError when the file as a whole cannot be read.
    """
    records = formats.read_records(decompress(data), fmt, filename)
    report = import_records(records, progress=progress)
    if refresh and (report.created or report.updated):
        refresh_statistics()
    return report


def import_records(
    records: Iterable[formats.Parsed], *, progress: Callable[[ImportReport], None] | None = None
) -> ImportReport:
    report = ImportReport()
    batch: dict[str, formats.Record] = {}
    for parsed in records:
        report.processed += 1
        if isinstance(parsed, formats.ItemError):
            report.skip(parsed)
        else:
            batch[parsed.key] = parsed
        if len(batch) >= BATCH:
            _write(batch, report)
            batch = {}
            if progress:
                progress(report)
    if batch:
        _write(batch, report)
    if progress:
        progress(report)
    return report


@transaction.atomic
def _write(batch: dict[str, formats.Record], report: ImportReport) -> None:
    existing = set(FactCheck.objects.filter(key__in=batch).values_list("key", flat=True))
    now = timezone.now()
    rows = [
        FactCheck(
            key=record.key,
            url=record.url,
            external_id=record.external_id,
            claim=record.claim,
            title=record.title,
            claimant=record.claimant,
            claim_date=record.claim_date,
            review_date=record.review_date,
            rating=record.rating,
            publisher=record.publisher,
            language=record.language,
            origin=FactCheck.Origin.IMPORTED,
            created_at=now,
            updated_at=now,
        )
        for record in batch.values()
    ]
    FactCheck.objects.bulk_create(rows, update_conflicts=True, unique_fields=["key"], update_fields=UPDATE_FIELDS)
    report.updated += len(existing)
    report.created += len(batch) - len(existing)


@transaction.atomic
def refresh_statistics() -> ArchiveStatistics:
    """Recount in how many fact checks each lexeme appears, and the archive's size and claim length."""
    with connection.cursor() as cursor:
        cursor.execute("TRUNCATE matching_term")
        cursor.execute(
            "INSERT INTO matching_term (word, documents) SELECT word, ndoc FROM ts_stat('SELECT search FROM matching_factcheck')"
        )
        cursor.execute("SELECT count(*), coalesce(avg(length(ts_filter(search, '{a}'))), 0) FROM matching_factcheck")
        documents, average = cursor.fetchone()
    stats, _ = ArchiveStatistics.objects.update_or_create(
        singleton=True,
        defaults={"documents": documents, "average_length": float(average), "refreshed_at": timezone.now()},
    )
    return stats


def record_published(*, claim_ids: Iterable[int]) -> int:
    """Put the claims' published verdicts in the archive, as their ClaimReview says; returns how many."""
    recorded = 0
    for claim in Claim.objects.filter(pk__in=list(claim_ids)).select_related("article"):
        review = claimreview.claim_review(claim)
        verdict = claim.verdicts.filter(published_at__isnull=False).order_by("-created_at", "-pk").first()
        if review is None or verdict is None:
            continue
        parsed = formats.from_claim_review(review, 1)
        if isinstance(parsed, formats.ItemError):
            continue
        defaults: dict[str, Any] = {
            name: getattr(parsed, name)
            for name in ("url", "claim", "title", "claimant", "claim_date", "review_date", "rating", "publisher")
        }
        defaults |= {"language": claim.article.language, "origin": FactCheck.Origin.NEWSROOM, "verdict": verdict}
        FactCheck.objects.filter(verdict__claim=claim).exclude(key=parsed.key).delete()
        fact_check, created = FactCheck.objects.update_or_create(key=parsed.key, defaults=defaults)
        if created:
            _count_new(fact_check.pk)
        recorded += 1
    return recorded


def _count_new(fact_check_id: int) -> None:
    """Count one new fact check's lexemes at once, so it can be found before the next full recount."""
    with connection.cursor() as cursor:
        cursor.execute(
            "INSERT INTO matching_term (word, documents) "
            "SELECT lexeme, 1 FROM matching_factcheck, unnest(search) WHERE id = %s "
            "ON CONFLICT (word) DO UPDATE SET documents = matching_term.documents + 1",
            [fact_check_id],
        )
    ArchiveStatistics.objects.filter(singleton=True).update(documents=models.F("documents") + 1)


def remove_unpublished(*, claim_ids: Iterable[int]) -> int:
    """Take verdicts that are no longer public out of the archive."""
    deleted, _ = FactCheck.objects.filter(
        origin=FactCheck.Origin.NEWSROOM, verdict__claim_id__in=list(claim_ids)
    ).delete()
    return deleted
