"""Celery entry points for documents; each runs one function of documents.ingest.

Tasks are the edge: they import the domain, never the other way round. The domain says a fetch is
queued through documents.signals; `connect` (called when the app is ready) rings the doorbell for it.
"""

from __future__ import annotations

from typing import Any

from celery import shared_task

from documents import ingest, signals
from documents.fetch_errors import RetryLater
from documents.jobs import ring_after_commit, ring_each


@shared_task(
    autoretry_for=(RetryLater,),
    retry_backoff=5,
    retry_backoff_max=300,
    retry_jitter=True,
    max_retries=ingest.MAX_ATTEMPTS,
)
def fetch_document(document_id: int) -> None:
    """Run ingest.fetch_document for one Document; safe to run twice."""
    ingest.fetch_document(document_id=document_id)


@shared_task
def sweep_documents() -> None:
    """Recover fetches left behind (ingest.sweep_documents) and send their messages again."""
    resend_stalled()


def resend_stalled(**options: Any) -> int:
    sweep = ingest.sweep_documents(**options)
    ring_each(fetch_document, sweep.resend, what="document")
    return sweep.count


def _on_fetch_queued(sender: Any, *, document_id: int, **kwargs: Any) -> None:
    ring_after_commit(fetch_document, document_id)


def connect() -> None:
    signals.fetch_queued.connect(_on_fetch_queued, dispatch_uid="documents-fetch-queued")
