"""Celery entry points for documents; each runs one function of documents.ingest."""

from __future__ import annotations

from celery import shared_task

from documents import ingest
from documents.fetch_errors import RetryLater


@shared_task(
    autoretry_for=(RetryLater,),
    retry_backoff=5,
    retry_backoff_max=300,
    retry_jitter=True,
    max_retries=5,
)
def fetch_document(document_id: int) -> None:
    """Run ingest.fetch_document for one Document; safe to run twice."""
    ingest.fetch_document(document_id=document_id)


@shared_task
def sweep_documents() -> None:
    """Run ingest.sweep_documents: recover fetches left behind."""
    ingest.sweep_documents()
