"""Deployment-level tasks: the worker's heartbeat, which /healthz reports, and re-sending queued work."""

from __future__ import annotations

from datetime import timedelta

from celery import shared_task
from django.core.cache import cache
from django.utils import timezone

from claims import tasks as claims_tasks
from documents import tasks as documents_tasks

HEARTBEAT_KEY = "worker-heartbeat"


@shared_task(ignore_result=True)
def heartbeat() -> None:
    """Record that a worker is alive and consuming the queue."""
    cache.set(HEARTBEAT_KEY, timezone.now().isoformat(), timeout=None)


@shared_task(ignore_result=True)
def resend_queued_work() -> None:
    """Re-send every import, fetch and report job the database holds as queued, without the sweeps' grace.

    Sent when a worker (re)connects to the broker: messages sent while it was down never arrived,
    and those it held may be lost with it. A job sent twice runs once (each claims its row).
    """
    now = timezone.now()
    claims_tasks.resend_stalled_imports(now=now, queued_grace=timedelta(0))
    documents_tasks.resend_stalled(now=now, queued_grace=timedelta(0))
    claims_tasks.resend_stalled_reports(now=now, queued_grace=timedelta(0))
