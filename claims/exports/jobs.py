"""Large PDF reports rendered in the background: request a job, run it, read its progress.

Job state lives on the ReportJob row; Redis only rings the bell. Running a job claims it with a
conditional UPDATE, so a redelivered message does nothing.
"""

from __future__ import annotations

import datetime
import logging
from typing import TYPE_CHECKING

from django.db import transaction
from django.http import QueryDict
from django.utils import timezone

from claims import database, signals
from claims.exports.pdf import report_pdf
from claims.exports.records import Scope, article_scope, filtered_scope
from claims.models import ReportJob
from documents.jobs import Sweep

if TYPE_CHECKING:
    from accounts.models import User

logger = logging.getLogger(__name__)

QUEUED_GRACE = datetime.timedelta(minutes=2)

# Large PDFs take minutes, far beyond the default limits meant for fetches: 10,000 claims took 7 minutes,
# so EXPORT_PDF_MAX_CLAIMS (20,000) needs about 15. Under the Redis broker's one-hour visibility timeout.
RENDER_TIME_LIMIT = 1800

# Parts rendered take progress to 95%; joining them, numbering the pages and saving the file, the rest.
RENDER_SHARE = 95


def request_pdf_report(*, scope: Scope, user: User) -> ReportJob:
    """Save a queued job for the scope; claims.tasks sends it to a worker once the row is committed."""
    with transaction.atomic():
        job = ReportJob.objects.create(
            article=scope.article,
            query=scope.query,
            published_only=scope.published_only,
            title=scope.title,
            total=scope.queryset.count(),
            requested_by=user,
        )
        signals.report_queued.send(sender=ReportJob, job_id=job.pk)
    return job


def job_scope(job: ReportJob) -> Scope:
    if job.article is not None:
        return article_scope(job.article, published_only=job.published_only)
    return filtered_scope(QueryDict(job.query), published_only=job.published_only)


def render_report(*, job_id: int) -> None:
    """Render a queued job's PDF; idempotent (only the run that claims the job renders it)."""
    now = timezone.now()
    claimed = ReportJob.objects.filter(pk=job_id, status=ReportJob.Status.QUEUED).update(
        status=ReportJob.Status.RUNNING, started_at=now, progress=0
    )
    if not claimed:
        return
    job = ReportJob.objects.select_related("article").get(pk=job_id)

    def progress(done: int) -> None:
        # Called once per part; conditional, so a job failed by the sweep meanwhile is left as it is.
        percent = min(RENDER_SHARE, RENDER_SHARE * done // job.total) if job.total else 0
        ReportJob.objects.filter(pk=job_id, status=ReportJob.Status.RUNNING).update(progress=percent)

    try:
        pdf = report_pdf(job_scope(job), progress=progress)
    except Exception as error:
        # Recorded on the row for the person waiting; a retry is their call, not an automatic loop.
        logger.exception("Report job %s failed", job_id)
        message = f"The report could not be rendered: {error}"
        if isinstance(error, database.DATABASE_ERRORS):
            message = "The database restarted while the report was rendering. Try again."
        # On a fresh connection: the one in use may have died with the database.
        database.write_on_fresh_connection(
            lambda: ReportJob.objects.filter(pk=job_id).update(
                status=ReportJob.Status.FAILED, error=message, finished_at=timezone.now()
            )
        )
        return
    ReportJob.objects.filter(pk=job_id).update(
        status=ReportJob.Status.READY, pdf=pdf, progress=100, finished_at=timezone.now(), error=""
    )


def sweep_report_jobs(
    *, now: datetime.datetime | None = None, queued_grace: datetime.timedelta = QUEUED_GRACE
) -> Sweep:
    """Jobs a lost message left queued (to send again) and jobs a dead worker left running (failed here).

    A job sent twice is harmless: only the run that claims it renders it.
    """
    now = now or timezone.now()
    queued = list(
        ReportJob.objects.filter(status=ReportJob.Status.QUEUED, created_at__lte=now - queued_grace).values_list(
            "pk", flat=True
        )
    )
    # Past the task's hard time limit, a running job has no worker left rendering it.
    running_limit = datetime.timedelta(seconds=RENDER_TIME_LIMIT + 60)
    failed = ReportJob.objects.filter(status=ReportJob.Status.RUNNING, started_at__lt=now - running_limit).update(
        status=ReportJob.Status.FAILED,
        error="The worker stopped before the report was finished. Try again.",
        finished_at=now,
    )
    return Sweep(resend=queued, given_up=failed)


def retry_report(*, job: ReportJob) -> ReportJob:
    """Queue a failed job again."""
    updated = ReportJob.objects.filter(pk=job.pk, status=ReportJob.Status.FAILED).update(
        status=ReportJob.Status.QUEUED, error="", progress=0, started_at=None, finished_at=None
    )
    if updated:
        signals.report_queued.send(sender=ReportJob, job_id=job.pk)
    job.refresh_from_db()
    return job
