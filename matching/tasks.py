"""Celery entry points for matching; each runs one domain function."""

from __future__ import annotations

from celery import shared_task

from matching import claim_matches, jobs

# A 100,000-item import takes a few minutes; far beyond the default limits meant for fetches.
IMPORT_TIME_LIMIT = 1800


@shared_task
def match_article(article_id: int) -> None:
    """Run claim_matches.match_article for one Article; safe to run twice."""
    claim_matches.match_article(article_id=article_id)


@shared_task(soft_time_limit=IMPORT_TIME_LIMIT - 60, time_limit=IMPORT_TIME_LIMIT)
def rematch_open_claims() -> None:
    """Run claim_matches.rematch_open_claims after the archive grew."""
    claim_matches.rematch_open_claims()


@shared_task(soft_time_limit=IMPORT_TIME_LIMIT - 60, time_limit=IMPORT_TIME_LIMIT)
def run_import_job(job_id: int) -> None:
    """Run jobs.run_import_job for one ImportJob; safe to run twice."""
    jobs.run_import_job(job_id=job_id)


@shared_task
def sweep_import_jobs() -> None:
    """Run jobs.sweep_import_jobs: recover import jobs left behind."""
    jobs.sweep_import_jobs()
