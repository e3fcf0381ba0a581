"""Celery entry points for claims; each runs one domain function.

Tasks are the edge: they import the domain, never the other way round. The domain says a job is queued
through claims.signals; `connect` (called when the app is ready) rings the doorbell once the row commits.
"""

from __future__ import annotations

from typing import Any

from celery import Task, shared_task
from celery.exceptions import SoftTimeLimitExceeded
from django.db import connection

from claims import signals
from claims.database import DATABASE_ERRORS
from claims.exports import jobs
from claims.intake import importing
from claims.models import Article, ReportJob
from documents.fetch_errors import RetryLater
from documents.jobs import ring_after_commit, ring_each

# Attempts after losing the database (a restart): 1, 2, 4, 8, 8… seconds apart, about two minutes in all.
DATABASE_RETRIES = 16


@shared_task(
    bind=True,
    autoretry_for=(RetryLater,),
    retry_backoff=5,
    retry_backoff_max=300,
    retry_jitter=True,
    max_retries=importing.MAX_ATTEMPTS,
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
    """Recover imports left behind (importing.sweep_articles) and send their messages again."""
    resend_stalled_imports()


def resend_stalled_imports(**options: Any) -> int:
    sweep = importing.sweep_articles(**options)
    ring_each(ingest_article, sweep.resend, what="article")
    return sweep.count


@shared_task(soft_time_limit=jobs.RENDER_TIME_LIMIT - 60, time_limit=jobs.RENDER_TIME_LIMIT)
def render_report(job_id: int) -> None:
    """Run exports.jobs.render_report for one ReportJob; safe to run twice."""
    jobs.render_report(job_id=job_id)


@shared_task
def sweep_report_jobs() -> None:
    """Recover report jobs left behind (exports.jobs.sweep_report_jobs) and send their messages again."""
    resend_stalled_reports()


def resend_stalled_reports(**options: Any) -> int:
    sweep = jobs.sweep_report_jobs(**options)
    ring_each(render_report, sweep.resend, what="report job")
    return sweep.count


def _on_import_queued(sender: Any, *, article_id: int, **kwargs: Any) -> None:
    ring_after_commit(ingest_article, article_id)


def _on_report_queued(sender: Any, *, job_id: int, **kwargs: Any) -> None:
    ring_after_commit(render_report, job_id)


def connect() -> None:
    signals.import_queued.connect(_on_import_queued, sender=Article, dispatch_uid="claims-import-queued")
    signals.report_queued.connect(_on_report_queued, sender=ReportJob, dispatch_uid="claims-report-queued")
