"""Celery entry points for claims; each runs one domain function."""

from __future__ import annotations

from celery import shared_task
from celery.exceptions import SoftTimeLimitExceeded

from claims import importing
from claims.exports import jobs
from documents.fetch_errors import RetryLater


@shared_task(
    autoretry_for=(RetryLater,),
    retry_backoff=5,
    retry_backoff_max=300,
    retry_jitter=True,
    max_retries=5,  # importing.MAX_ATTEMPTS; a literal because importing imports this module
)
def ingest_article(article_id: int) -> None:
    """Run importing.run_import for one Article; safe to run twice."""
    try:
        importing.run_import(article_id=article_id)
    except SoftTimeLimitExceeded:
        importing.fail_import(article_id=article_id, message=importing.TOO_SLOW)


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
