"""Celery entry points for matching; each runs one domain function.

Tasks are the edge: they import the domain, never the other way round. `connect` (called when the app
is ready) rings the doorbell when claims are detected, an import is queued or the archive grew.
"""

from __future__ import annotations

from typing import Any

from celery import shared_task

from claims import signals as claims_signals
from documents.jobs import ring_after_commit, ring_each
from matching import claim_matches, jobs, signals
from matching.models import ImportJob


@shared_task
def match_article(article_id: int) -> None:
    """Run claim_matches.match_article for one Article; safe to run twice."""
    claim_matches.match_article(article_id=article_id)


@shared_task(soft_time_limit=jobs.IMPORT_TIME_LIMIT - 60, time_limit=jobs.IMPORT_TIME_LIMIT)
def rematch_open_claims() -> None:
    """Run claim_matches.rematch_open_claims after the archive grew."""
    claim_matches.rematch_open_claims()


@shared_task(soft_time_limit=jobs.IMPORT_TIME_LIMIT - 60, time_limit=jobs.IMPORT_TIME_LIMIT)
def run_import_job(job_id: int) -> None:
    """Run jobs.run_import_job for one ImportJob; safe to run twice."""
    jobs.run_import_job(job_id=job_id)


@shared_task
def sweep_import_jobs() -> None:
    """Recover import jobs left behind (jobs.sweep_import_jobs) and send their messages again."""
    ring_each(run_import_job, jobs.sweep_import_jobs().resend, what="fact-check import")


def _on_claims_detected(sender: Any, *, article_id: int, **kwargs: Any) -> None:
    ring_after_commit(match_article, article_id)


def _on_import_queued(sender: Any, *, job_id: int, **kwargs: Any) -> None:
    ring_after_commit(run_import_job, job_id)


def _on_archive_grew(sender: Any, **kwargs: Any) -> None:
    ring_after_commit(rematch_open_claims)


def connect() -> None:
    claims_signals.claims_detected.connect(_on_claims_detected, dispatch_uid="matching-claims-detected")
    signals.import_queued.connect(_on_import_queued, sender=ImportJob, dispatch_uid="matching-import-queued")
    signals.archive_grew.connect(_on_archive_grew, dispatch_uid="matching-archive-grew")
