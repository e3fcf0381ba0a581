"""Celery entry points for claims; each runs one domain function."""

from __future__ import annotations

from celery import shared_task

from claims.exports import jobs

# Large PDFs take minutes, far beyond the default limits meant for fetches.
RENDER_TIME_LIMIT = 960


@shared_task(soft_time_limit=RENDER_TIME_LIMIT - 60, time_limit=RENDER_TIME_LIMIT)
def render_report(job_id: int) -> None:
    """Run exports.jobs.render_report for one ReportJob; safe to run twice."""
    jobs.render_report(job_id=job_id)


@shared_task
def sweep_report_jobs() -> None:
    """Run exports.jobs.sweep_report_jobs: recover report jobs left behind."""
    jobs.sweep_report_jobs()
