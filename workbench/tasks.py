"""Deployment-level tasks: the worker's heartbeat, which /healthz reports."""

from __future__ import annotations

from celery import shared_task
from django.core.cache import cache
from django.utils import timezone

HEARTBEAT_KEY = "worker-heartbeat"


@shared_task(ignore_result=True)
def heartbeat() -> None:
    """Record that a worker is alive and consuming the queue."""
    cache.set(HEARTBEAT_KEY, timezone.now().isoformat(), timeout=None)
