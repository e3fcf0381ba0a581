"""Celery entry points for claims; each runs one domain function."""

from __future__ import annotations

from celery import shared_task

from claims.exports import jobs


@shared_task(soft_time_limit=900, time_limit=960)
def render_report(job_id: int) -> None:
    """Run exports.jobs.render_report for one ReportJob; safe to run twice."""
    jobs.render_report(job_id=job_id)
