"""Fetching a Document in the background and storing what it says. Must not import claims.

The row is the job: ``status`` moves queued -> fetching -> ready | failed, ``claimed_at`` is
the lease a worker holds, and ``attempts`` caps retries. Redis only rings the doorbell.
"""

from __future__ import annotations

import hashlib
from datetime import datetime, timedelta

from django.conf import settings
from django.db import transaction
from django.db.models import F, Q
from django.utils import timezone

from documents import extraction, reading, signals
from documents.extraction import ExtractedArticle
from documents.fetch_errors import FetchError, RetryLater
from documents.fetching import FetchPolicy, FetchResult, fetch
from documents.jobs import Sweep
from documents.models import Document

MAX_ATTEMPTS = 5  # also the task's max_retries
# A queued row nobody picked up within this long lost its message (e.g. the broker was down).
QUEUED_GRACE = timedelta(minutes=2)


@transaction.atomic
def request_document(*, url: str) -> Document:
    """Return the Document for a URL, creating and queueing it the first time. Idempotent."""
    url = url.strip()
    document, created = Document.objects.get_or_create(
        url_key=Document.key_for(url), defaults={"kind": Document.Kind.URL, "url": url}
    )
    if created:
        signals.fetch_queued.send(sender=Document, document_id=document.pk)
    return document


def url_document(*, url: str) -> Document:
    """The Document for a URL, shared by whoever cites the page; a failed fetch is queued again.

    Not sent to the fetch queue: the caller fetches it in its own job (see fetch_document).
    """
    document, _ = Document.objects.get_or_create(
        url_key=Document.key_for(url), defaults={"kind": Document.Kind.URL, "url": url}
    )
    reset_failed(document_id=document.pk)
    return document


def store_paste(*, text: str) -> Document:
    """Pasted text, kept as it was typed; it is read when its import runs (extract_document)."""
    return Document.objects.create(
        kind=Document.Kind.PASTE, status=Document.Status.READY, raw=text.encode(), content_type="text/plain"
    )


def store_upload(*, data: bytes, filename: str, content_type: str = "") -> Document:
    """An uploaded file, kept byte for byte; it is read when its import runs (extract_document)."""
    return Document.objects.create(
        kind=Document.Kind.UPLOAD,
        status=Document.Status.READY,
        raw=data,
        filename=filename[:255],
        content_type=content_type[:100],
    )


def reset_failed(*, document_id: int) -> bool:
    """Put a failed Document back in the queue with fresh attempts; False when it was not failed."""
    return bool(
        Document.objects.filter(pk=document_id, status=Document.Status.FAILED).update(
            status=Document.Status.QUEUED, error="", error_code="", attempts=0, claimed_at=None
        )
    )


@transaction.atomic
def retry_document(*, document: Document) -> bool:
    """Queue a failed Document again and fetch it; False when it was not failed."""
    if not reset_failed(document_id=document.pk):
        return False
    signals.fetch_queued.send(sender=Document, document_id=document.pk)
    return True


def release_fetch(*, document_id: int) -> None:
    """Give back the fetch of a run that lost the database, so the next run need not wait out its lease."""
    Document.objects.filter(pk=document_id, status=Document.Status.FETCHING).update(
        status=Document.Status.QUEUED, claimed_at=None
    )


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
    extracted = reading.read_fetched(result, max_length=settings.MAX_ARTICLE_CHARS)
    _record(
        document,
        status=Document.Status.READY,
        error="",
        error_code="",
        final_url=result.url,
        content_type=result.content_type,
        fetched_at=result.fetched_at,
        raw=result.body,
        **_extracted_fields(extracted),
    )


def _extracted_fields(extracted: ExtractedArticle) -> dict[str, object]:
    return {
        "title": (extracted.title or "")[:500],
        "authors": extracted.authors,
        "publisher": (extracted.publisher or "")[:255],
        "published_on": extracted.published,
        "canonical_url": (extracted.canonical_url or "")[:2048],
        "language": (extracted.language or "")[:16],
        "text": extracted.text,
        "text_hash": hashlib.sha256(extracted.text.encode()).hexdigest(),
        "notices": extracted.notices,
    }


def extract_document(*, document_id: int) -> ExtractedArticle:
    """The extracted article of a stored document; raise ExtractionError when it holds no article text.

    A fetched page was extracted when it was fetched: its stored snapshot is read back. Pasted text and
    uploaded files are read again from their stored bytes (a re-run picks up a better reader), and what
    they say is stored on the row.
    """
    document = Document.objects.get(pk=document_id)
    limit = settings.MAX_ARTICLE_CHARS
    if document.kind == Document.Kind.URL:
        return stored_extraction(document)
    if document.kind == Document.Kind.PASTE:
        extracted = reading.read_text(bytes(document.raw).decode(), max_length=limit)
    else:
        extracted = reading.read_file(bytes(document.raw), document.filename, document.content_type, max_length=limit)
    if extracted.text.strip():
        fields = _extracted_fields(extracted)
        Document.objects.filter(pk=document.pk).update(**fields, updated_at=timezone.now())
    return extracted


def stored_extraction(document: Document) -> ExtractedArticle:
    return ExtractedArticle(
        title=document.title,
        text=document.text,
        authors=list(document.authors),
        published=document.published_on,
        publisher=document.publisher,
        canonical_url=document.canonical_url,
        language=document.language,
        notices=list(document.notices),
    )


def sweep_documents(*, now: datetime | None = None, queued_grace: timedelta = QUEUED_GRACE) -> Sweep:
    """Queue again the fetches a lost message or a dead worker left behind; give up after MAX_ATTEMPTS."""
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
    return Sweep(resend=ids, given_up=given_up)
