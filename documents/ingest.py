"""Fetching a Document in the background and storing what it says. Must not import claims.

The row is the job: ``status`` moves queued -> fetching -> ready | failed, ``claimed_at`` is
the lease a worker holds, and ``attempts`` caps retries. Redis only rings the doorbell.
"""

from __future__ import annotations

import hashlib
import logging
from datetime import datetime, timedelta
from functools import partial
from pathlib import PurePosixPath
from urllib.parse import urlsplit

from django.conf import settings
from django.db import transaction
from django.db.models import F, Q
from django.utils import timezone

from documents import extraction, formats, tasks
from documents.fetch_errors import FetchError, RetryLater
from documents.fetching import FetchPolicy, FetchResult, fetch
from documents.models import Document

logger = logging.getLogger(__name__)

MAX_ATTEMPTS = 5  # also the task's max_retries
# A queued row nobody picked up within this long lost its message (e.g. the broker was down).
QUEUED_GRACE = timedelta(minutes=2)


def enqueue_fetch(document_id: int) -> None:
    """Ring the doorbell after commit; a broker outage leaves the row queued for the sweep."""
    transaction.on_commit(partial(tasks.fetch_document.delay, document_id), robust=True)


@transaction.atomic
def request_document(*, url: str) -> Document:
    """Return the Document for a URL, creating and enqueueing it the first time. Idempotent."""
    url = url.strip()
    document, created = Document.objects.get_or_create(
        url_key=Document.key_for(url), defaults={"kind": Document.Kind.URL, "url": url}
    )
    if created:
        enqueue_fetch(document.pk)
    return document


@transaction.atomic
def retry_document(*, document: Document) -> bool:
    """Queue a failed Document again; False when it was not failed."""
    updated = Document.objects.filter(pk=document.pk, status=Document.Status.FAILED).update(
        status=Document.Status.QUEUED, error="", error_code="", attempts=0, claimed_at=None
    )
    if updated:
        enqueue_fetch(document.pk)
    return bool(updated)


def fetch_document(*, document_id: int) -> Document | None:
    """Fetch and extract one queued Document. Safe to run twice: only one run claims the row.

    Raises RetryLater on a transient failure (the row is queued again), records a permanent
    one on the row.
    """
    claimed = Document.objects.filter(pk=document_id, status=Document.Status.QUEUED).update(
        status=Document.Status.FETCHING, claimed_at=timezone.now(), attempts=F("attempts") + 1
    )
    if not claimed:
        return None
    document = Document.objects.get(pk=document_id)
    try:
        result = fetch(document.url, policy=FetchPolicy.from_settings())
        _store(document, result)
    except FetchError as exc:
        if not exc.permanent and document.attempts < MAX_ATTEMPTS:
            _record(document, status=Document.Status.QUEUED, error=exc.message, error_code=exc.code)
            raise RetryLater(exc.message) from exc
        _record(document, status=Document.Status.FAILED, error=exc.message, error_code=exc.code)
    except extraction.ExtractionError as exc:
        _record(document, status=Document.Status.FAILED, error=str(exc), error_code="no_text")
    return document


def _record(document: Document, **fields: object) -> None:
    for name, value in fields.items():
        setattr(document, name, value)
    document.claimed_at = None
    document.save(update_fields=[*fields, "claimed_at", "updated_at"])


def _store(document: Document, result: FetchResult) -> None:
    max_length = settings.MAX_ARTICLE_CHARS
    if result.content_type in ("text/html", "application/xhtml+xml"):
        extracted = extraction.extract_article(result.text or result.body, url=result.url, max_length=max_length)
    else:
        name = PurePosixPath(urlsplit(result.url).path).name or "download"
        extracted = formats.read_upload(result.body, name, result.content_type, max_length=max_length)
    extracted.notices[:0] = [n for n in result.notices if n not in extracted.notices]
    _record(
        document,
        status=Document.Status.READY,
        error="",
        error_code="",
        final_url=result.url,
        content_type=result.content_type,
        fetched_at=result.fetched_at,
        raw=result.body,
        title=(extracted.title or "")[:500],
        authors=extracted.authors,
        publisher=(extracted.publisher or "")[:255],
        published_on=extracted.published,
        canonical_url=(extracted.canonical_url or "")[:2048],
        language=(extracted.language or "")[:16],
        text=extracted.text,
        text_hash=hashlib.sha256(extracted.text.encode()).hexdigest(),
        notices=extracted.notices,
    )


def sweep_documents(*, now: datetime | None = None, queued_grace: timedelta = QUEUED_GRACE) -> int:
    """Re-enqueue fetches a lost message or a dead worker left behind; give up after MAX_ATTEMPTS."""
    now = now or timezone.now()
    lease = timedelta(seconds=settings.CELERY_TASK_TIME_LIMIT + 30)
    stalled = Document.objects.filter(
        Q(status=Document.Status.QUEUED, updated_at__lte=now - queued_grace)
        | Q(status=Document.Status.FETCHING, claimed_at__lt=now - lease)
    )
    given_up = stalled.filter(attempts__gte=MAX_ATTEMPTS).update(
        status=Document.Status.FAILED,
        error=f"Gave up after {MAX_ATTEMPTS} attempts; try again later.",
        error_code="gave_up",
        claimed_at=None,
    )
    ids = list(stalled.filter(attempts__lt=MAX_ATTEMPTS).values_list("pk", flat=True))
    Document.objects.filter(pk__in=ids).update(status=Document.Status.QUEUED, claimed_at=None, updated_at=now)
    for document_id in ids:
        try:
            tasks.fetch_document.delay(document_id)
        except Exception:
            logger.warning("broker unavailable; document %s stays queued", document_id)
            break
    return len(ids) + given_up
