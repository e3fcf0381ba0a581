"""Archive imports in the background: request a job, run it with progress, recover jobs left behind.

Job state lives on the ImportJob row; Redis only rings the bell. Running a job claims it with a
conditional UPDATE, so a redelivered message does nothing.
"""

from __future__ import annotations

import datetime
import logging
from typing import TYPE_CHECKING

from django.db import transaction
from django.utils import timezone

from documents.jobs import Sweep
from matching import archive, claim_matches, formats, signals
from matching.models import ImportJob

if TYPE_CHECKING:
    from accounts.models import User

logger = logging.getLogger(__name__)

QUEUED_GRACE = datetime.timedelta(minutes=2)
# A 100,000-item import takes a few minutes; far beyond the default limits meant for fetches.
IMPORT_TIME_LIMIT = 1800


def request_import(*, data: bytes, filename: str = "", fmt: str = "", user: User | None = None) -> ImportJob:
    """Save a queued import of the file; matching.tasks sends it to a worker once the row is committed."""
    with transaction.atomic():
        job = ImportJob.objects.create(data=data, filename=filename[:255], format=fmt, requested_by=user)
        signals.import_queued.send(sender=ImportJob, job_id=job.pk)
    return job


def run_import_job(*, job_id: int) -> None:
    """Import a queued job's file; idempotent (only the run that claims the job imports it)."""
    claimed = ImportJob.objects.filter(pk=job_id, status=ImportJob.Status.QUEUED).update(
        status=ImportJob.Status.RUNNING, started_at=timezone.now(), processed=0
    )
    if not claimed:
        return
    job = ImportJob.objects.get(pk=job_id)
    data = archive.decompress(bytes(job.data))

    def progress(report: archive.ImportReport) -> None:
        ImportJob.objects.filter(pk=job_id, status=ImportJob.Status.RUNNING).update(
            processed=report.processed, created=report.created, updated=report.updated, skipped=report.skipped
        )

    try:
        total = formats.count_items(data, job.format, job.filename)
        ImportJob.objects.filter(pk=job_id).update(total=total)
        report = archive.import_file(data, fmt=job.format, filename=job.filename, progress=progress)
    except formats.FileError as error:
        _finish(job_id, status=ImportJob.Status.FAILED, error=str(error))
        return
    except Exception as error:
        logger.exception("Import job %s failed", job_id)
        _finish(job_id, status=ImportJob.Status.FAILED, error=f"The import stopped: {error}")
        return
    ImportJob.objects.filter(pk=job_id).update(
        status=ImportJob.Status.DONE,
        processed=report.processed,
        created=report.created,
        updated=report.updated,
        skipped=report.skipped,
        problems=[problem.to_dict() for problem in report.problems],
        finished_at=timezone.now(),
    )
    if report.created or report.updated:
        claim_matches.schedule_rematch()


def _finish(job_id: int, *, status: str, error: str) -> None:
    ImportJob.objects.filter(pk=job_id).update(status=status, error=error, finished_at=timezone.now())


def sweep_import_jobs(*, now: datetime.datetime | None = None) -> Sweep:
    """Jobs a lost message left queued (to send again) and jobs a dead worker left running (failed here)."""
    now = now or timezone.now()
    queued = list(
        ImportJob.objects.filter(status=ImportJob.Status.QUEUED, created_at__lt=now - QUEUED_GRACE).values_list(
            "pk", flat=True
        )
    )
    running_limit = datetime.timedelta(seconds=IMPORT_TIME_LIMIT + 60)
    failed = ImportJob.objects.filter(status=ImportJob.Status.RUNNING, started_at__lt=now - running_limit).update(
        status=ImportJob.Status.FAILED,
        error="The worker stopped before the import was finished. Import the file again: finished items are kept.",
        finished_at=now,
    )
    return Sweep(resend=queued, given_up=failed)
