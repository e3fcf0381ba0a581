"""Celery entry points for claims; each runs one domain function."""

from __future__ import annotations

from celery import shared_task
from celery.exceptions import SoftTimeLimitExceeded

from claims import importing
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
