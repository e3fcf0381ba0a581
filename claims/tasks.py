"""Celery entry points for claims; each runs one domain function."""

from __future__ import annotations

from celery import Task, shared_task
from celery.exceptions import SoftTimeLimitExceeded
from django.db import connection

from claims import importing
from claims.database import DATABASE_ERRORS
from claims.exports import jobs
from documents.fetch_errors import RetryLater

# Attempts after losing the database (a restart): 1, 2, 4, 8, 8… seconds apart, about two minutes in all.
DATABASE_RETRIES = 16


@shared_task(
    bind=True,
    autoretry_for=(RetryLater,),
    retry_backoff=5,
    retry_backoff_max=300,
    retry_jitter=True,
    max_retries=5,  # importing.MAX_ATTEMPTS; a literal because importing imports this module
)
def ingest_article(self: Task[..., None], article_id: int, resume: bool = False) -> None:
    """Run importing.run_import for one Article; safe to run twice.

    A run that loses the database (a restart) is tried again with back-off on a fresh connection;
    that run first puts the article back in the queue, as the lost run left it in its step.
    """
    try:
        if resume:
            importing.requeue_import(article_id=article_id)
        importing.run_import(article_id=article_id)
    except SoftTimeLimitExceeded:
        importing.fail_import(article_id=article_id, message=importing.TOO_SLOW)
    except DATABASE_ERRORS as exc:
        # The connection died with the server; the next run opens a new one.
        connection.close()
        countdown = min(2**self.request.retries, 8)
        kwargs = {"article_id": article_id, "resume": True}
        raise self.retry(exc=exc, countdown=countdown, max_retries=DATABASE_RETRIES, kwargs=kwargs) from exc


@shared_task
def sweep_articles() -> None:
    """Run importing.sweep_articles: recover imports left behind."""
    importing.sweep_articles()


# Large PDFs take minutes, far beyond the default limits meant for fetches: 10,000 claims took 7 minutes,
# so EXPORT_PDF_MAX_CLAIMS (20,000) needs about 15. Under the Redis broker's one-hour visibility timeout.
RENDER_TIME_LIMIT = 1800


@shared_task(soft_time_limit=RENDER_TIME_LIMIT - 60, time_limit=RENDER_TIME_LIMIT)
def render_report(job_id: int) -> None:
    """Run exports.jobs.render_report for one ReportJob; safe to run twice."""
    jobs.render_report(job_id=job_id)


@shared_task
def sweep_report_jobs() -> None:
    """Run exports.jobs.sweep_report_jobs: recover report jobs left behind."""
    jobs.sweep_report_jobs()
