"""Importing articles: pasted text, an uploaded file or a URL becomes clean text, metadata and claims.

The Article row is the job: ``status`` moves queued -> [fetching ->] extracting -> splitting -> ready,
or to failed with a message a person understands. ``status_changed_at`` is the lease of the step in
progress and ``attempts`` caps how often a job is picked up. Redis only rings the doorbell.
"""

from __future__ import annotations

import hashlib
import unicodedata
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from pathlib import PurePath
from typing import TYPE_CHECKING
from urllib.parse import parse_qsl, urlencode, urlsplit, urlunsplit

from django.conf import settings
from django.db import IntegrityError, transaction
from django.db.models import F, Q
from django.utils import timezone

from claims import signals
from claims.intake import finding
from claims.models import Article, is_web_url
from documents import extraction, ingest, sniffing
from documents.fetch_errors import RetryLater
from documents.jobs import Sweep
from documents.models import Document

if TYPE_CHECKING:
    from accounts.models import User


MAX_ATTEMPTS = 5
# A queued article nobody picked up within this long lost its message (e.g. the broker was down).
QUEUED_GRACE = timedelta(minutes=2)
TOO_SLOW = "This import took too long and was stopped. Try again, or paste the text instead."
_TRACKING_PARAMS = ("utm_", "fbclid", "gclid", "mc_cid", "mc_eid")


class ImportRejected(Exception):
    """Input we refuse before saving anything; the message is for the person importing."""

    def __init__(self, message: str):
        super().__init__(message)
        self.message = message


class ImportFailed(Exception):
    """A step failed for good; the message is recorded on the article."""


class _LostLease(Exception):
    """The sweep took the job back while this run was in it; the other run finishes it."""


@dataclass(frozen=True)
class ImportResult:
    article: Article
    created: bool


# ---- Limits -----------------------------------------------------------------------


def megabytes(size: int) -> str:
    return f"{size / (1024 * 1024):.3g} MB"


def check_upload_size(size: int) -> None:
    limit = settings.MAX_UPLOAD_BYTES
    if size > limit:
        raise ImportRejected(f"Too large: {megabytes(size)}, the limit is {megabytes(limit)}")


def check_paste_length(length: int) -> None:
    limit = settings.MAX_PASTE_CHARS
    if length > limit:
        raise ImportRejected(f"Too long: {length:,} characters, the limit is {limit:,}")


# What each accepted file name promises its bytes are.
_KIND_BY_SUFFIX = {
    ".txt": sniffing.Kind.TEXT,
    ".md": sniffing.Kind.TEXT,
    ".markdown": sniffing.Kind.TEXT,
    ".html": sniffing.Kind.TEXT,
    ".htm": sniffing.Kind.TEXT,
    ".pdf": sniffing.Kind.PDF,
    ".docx": sniffing.Kind.DOCX,
}


def check_upload_content(data: bytes, filename: str) -> None:
    """Refuse a file whose bytes are not what its name says: only text, HTML, PDF and .docx are read."""
    suffix = PurePath(filename).suffix.lower()
    expected = _KIND_BY_SUFFIX.get(suffix)
    sniffed = sniffing.sniff(data)
    if sniffed.kind == sniffing.Kind.OTHER:
        raise ImportRejected(
            f"This file is {sniffed.description}: only text, HTML, PDF and .docx files can be imported"
        )
    if expected is not None and sniffed.kind != expected:
        raise ImportRejected(f"This file is {sniffed.description}, not a {suffix} file: rename it and upload it again")


# ---- Dedupe keys ------------------------------------------------------------------


def normalise_url(url: str) -> str:
    """The form of a URL that identifies the article: no fragment, no tracking parameters, lower-case host."""
    parts = urlsplit(url.strip())
    scheme = parts.scheme.lower()
    host = (parts.hostname or "").lower()
    # urlsplit drops an IPv6 literal's brackets; without them the address reads as host:port.
    if ":" in host:
        host = f"[{host}]"
    default_port = {"http": 80, "https": 443}.get(scheme)
    netloc = host if parts.port in (None, default_port) else f"{host}:{parts.port}"
    query = urlencode(
        [(k, v) for k, v in parse_qsl(parts.query, keep_blank_values=True) if not k.startswith(_TRACKING_PARAMS)]
    )
    return urlunsplit((scheme, netloc, parts.path or "/", query, ""))


def _sha256(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def url_key(url: str) -> str:
    return "url:" + _sha256(normalise_url(url).encode())


def text_key(text: str) -> str:
    normalised = " ".join(unicodedata.normalize("NFC", text).split())
    return "text:" + _sha256(normalised.encode())


def file_key(data: bytes) -> str:
    return "file:" + _sha256(data)


# ---- Creating the job -------------------------------------------------------------


def _create(
    *, key: str, make_document: Callable[[], Document], fields: Mapping[str, object], user: User | None, enqueue: bool
) -> ImportResult:
    # A deleted article does not count: importing its source again makes a new article.
    existing = Article.objects.live().filter(dedupe_key=key).first()
    if existing is not None:
        return ImportResult(existing, created=False)
    try:
        with transaction.atomic():
            article = Article.objects.create(document=make_document(), dedupe_key=key, imported_by=user, **fields)
    except IntegrityError:
        # An identical submission committed first (a double click, two editors): theirs is the article.
        return ImportResult(Article.objects.live().get(dedupe_key=key), created=False)
    if enqueue:
        _queued(article.pk)
    return ImportResult(article, created=True)


def _queued(article_id: int) -> None:
    """Tell the tasks an import is queued (claims.tasks rings the doorbell after commit)."""
    signals.import_queued.send(sender=Article, article_id=article_id)


def import_text(
    *,
    text: str,
    title: str = "",
    url: str = "",
    publisher: str = "",
    published_on: date | None = None,
    user: User | None = None,
    enqueue: bool = True,
) -> ImportResult:
    """Save pasted text as a queued article (or find the same text imported before). Idempotent."""
    check_paste_length(len(text))

    def make_document() -> Document:
        return ingest.store_paste(text=text)

    fields = {"title": title[:500], "url": url, "publisher": publisher[:255], "published_on": published_on}
    return _create(key=text_key(text), make_document=make_document, fields=fields, user=user, enqueue=enqueue)


def import_upload(
    *, data: bytes, filename: str, content_type: str = "", user: User | None = None, enqueue: bool = True
) -> ImportResult:
    """Save an uploaded file as a queued article (or find the same file imported before). Idempotent."""
    check_upload_size(len(data))
    check_upload_content(data, filename)

    def make_document() -> Document:
        return ingest.store_upload(data=data, filename=filename, content_type=content_type)

    return _create(key=file_key(data), make_document=make_document, fields={}, user=user, enqueue=enqueue)


def import_url(*, url: str, user: User | None = None, enqueue: bool = True) -> ImportResult:
    """Save a URL as a queued article to be fetched (or find the same URL imported before). Idempotent."""
    url = normalise_url(url)

    def make_document() -> Document:
        # The page may already be stored as someone's evidence; the article shares that snapshot.
        return ingest.url_document(url=url)

    return _create(key=url_key(url), make_document=make_document, fields={"url": url}, user=user, enqueue=enqueue)


def steps_for(article: Article) -> list[dict[str, str]]:
    """The steps this article goes through, each "done", "current" or "waiting", for the status region."""
    kind = Document.objects.filter(pk=article.document_id).values_list("kind", flat=True).first()
    steps = [(Article.Status.EXTRACTING, "Extracting the text"), (Article.Status.SPLITTING, "Finding claims")]
    if kind == Document.Kind.URL:
        steps.insert(0, (Article.Status.FETCHING, "Fetching the page"))
    order: list[str] = [status for status, _ in steps]
    current = order.index(article.status) if article.status in order else -1
    return [
        {"label": label, "state": "done" if i < current else "current" if i == current else "waiting"}
        for i, (_, label) in enumerate(steps)
    ]


# ---- Running the job --------------------------------------------------------------


def _advance(article: Article, status: str, **fields: object) -> None:
    """Move to the next step, only if this run still holds the article."""
    now = timezone.now()
    moved = Article.objects.filter(pk=article.pk, status=article.status).update(
        status=status, status_changed_at=now, **fields
    )
    if not moved:
        raise _LostLease
    article.status, article.status_changed_at = status, now
    for name, value in fields.items():
        setattr(article, name, value)


def run_import(*, article_id: int) -> Article | None:
    """Fetch, extract and split one queued article. Safe to run twice: only one run claims the row.

    Raises RetryLater on a transient fetch failure (the article is queued again); records any
    permanent failure on the article. Returns None when there was nothing to do.
    """
    article = Article.objects.filter(pk=article_id).first()
    if article is None:
        return None
    kind = Document.objects.filter(pk=article.document_id).values_list("kind", flat=True).get()
    first_step = Article.Status.FETCHING if kind == Document.Kind.URL else Article.Status.EXTRACTING
    claimed = Article.objects.filter(pk=article_id, status=Article.Status.QUEUED).update(
        status=first_step, status_changed_at=timezone.now(), attempts=F("attempts") + 1
    )
    if not claimed:
        return None
    article.refresh_from_db()
    try:
        if kind == Document.Kind.URL:
            _fetch(article)
            _advance(article, Article.Status.EXTRACTING)
        _extract(article)
        _advance(article, Article.Status.SPLITTING)
        finding.split_article(article=article)
        _advance(article, Article.Status.READY, error="")
        # Robust: the article is ready whatever a listener does; its errors are logged by Django.
        signals.article_ready.send_robust(sender=Article, article_id=article.pk)
    except ImportFailed as exc:
        fail_import(article_id=article.pk, message=str(exc))
    except _LostLease:
        return None
    article.refresh_from_db()
    return article


def _fetch(article: Article) -> None:
    document_id = article.document_id
    try:
        ingest.fetch_document(document_id=document_id)
    except RetryLater as exc:
        if article.attempts >= MAX_ATTEMPTS:
            raise ImportFailed(f"{exc} — gave up after {MAX_ATTEMPTS} attempts.") from exc
        _advance(article, Article.Status.QUEUED, error=f"{exc}. Trying again shortly…")
        raise
    document = Document.objects.only("status", "error").get(pk=document_id)
    if document.status == Document.Status.FAILED:
        raise ImportFailed(document.error or "The page could not be fetched.")
    if document.status != Document.Status.READY:
        # Another worker (a source fetch of the same page) holds the document: wait for it.
        _advance(article, Article.Status.QUEUED)
        raise RetryLater("The page is being fetched by another job")


def _extract(article: Article) -> None:
    try:
        extracted = ingest.extract_document(document_id=article.document_id)
    except extraction.ExtractionError as exc:
        raise ImportFailed(str(exc)) from exc
    if not extracted.text.strip():
        raise ImportFailed(extraction.NO_TEXT)
    fields = {
        "body": extracted.text,
        "title": article.title or (extracted.title or "")[:500],
        "authors": article.authors or extracted.authors,
        "publisher": article.publisher or (extracted.publisher or "")[:255],
        "published_on": article.published_on or extracted.published,
        # A page can name any scheme as its canonical link (javascript: included): keep web addresses only.
        "canonical_url": (extracted.canonical_url or "")[:2048] if is_web_url(extracted.canonical_url or "") else "",
        "language": (extracted.language or "")[:16],
        "notices": list(extracted.notices),
    }
    Article.objects.filter(pk=article.pk, status=article.status).update(**fields)
    for name, value in fields.items():
        setattr(article, name, value)


def requeue_import(*, article_id: int) -> bool:
    """Put an import back in the queue after its run lost the database; the next run starts it again.

    The lost run may have held the page's fetch too, which would otherwise wait out its lease.
    """
    requeued = Article.objects.filter(pk=article_id, status__in=Article.IN_PROGRESS).update(
        status=Article.Status.QUEUED, status_changed_at=timezone.now()
    )
    if requeued:
        document_id = Article.objects.filter(pk=article_id).values_list("document_id", flat=True).get()
        ingest.release_fetch(document_id=document_id)
    return bool(requeued)


def fail_import(*, article_id: int, message: str) -> None:
    """Record a failure in words; only an article still in progress can fail."""
    failed = Article.objects.filter(pk=article_id, status__in=Article.IN_PROGRESS).update(
        status=Article.Status.FAILED, error=message, status_changed_at=timezone.now()
    )
    if failed:
        signals.article_failed.send_robust(sender=Article, article_id=article_id, message=message)


@transaction.atomic
def retry_import(*, article: Article) -> bool:
    """Queue a failed article again, refetching its page if that failed too; False when it had not failed.

    Extraction and splitting run again; claims that carry work are kept (see finding.split_article).
    """
    updated = Article.objects.filter(pk=article.pk, status=Article.Status.FAILED).update(
        status=Article.Status.QUEUED, error="", attempts=0, status_changed_at=timezone.now()
    )
    if updated:
        ingest.reset_failed(document_id=article.document_id)
        _queued(article.pk)
    return bool(updated)


@transaction.atomic
def rerun_import(*, article: Article) -> bool:
    """Run extraction and claim detection again from the stored input; False while an import runs.

    The page is not fetched again: the stored snapshot is re-read. Claims that carry work are kept
    and re-anchored to the new text.
    """
    updated = Article.objects.filter(pk=article.pk, status__in=(Article.Status.READY, Article.Status.FAILED)).update(
        status=Article.Status.QUEUED, error="", attempts=0, status_changed_at=timezone.now()
    )
    if updated:
        ingest.reset_failed(document_id=article.document_id)
        _queued(article.pk)
    return bool(updated)


def sweep_articles(*, now: datetime | None = None, queued_grace: timedelta = QUEUED_GRACE) -> Sweep:
    """Queue again the imports a lost message or a dead worker left behind; fail them after MAX_ATTEMPTS."""
    now = now or timezone.now()
    lease = timedelta(seconds=settings.CELERY_TASK_TIME_LIMIT + 30)
    stalled = Article.objects.filter(
        Q(status=Article.Status.QUEUED, status_changed_at__lte=now - queued_grace)
        | Q(status__in=Article.IN_PROGRESS[1:], status_changed_at__lt=now - lease)
    )
    given_up = stalled.filter(attempts__gte=MAX_ATTEMPTS).update(
        status=Article.Status.FAILED,
        error=f"The import did not finish after {MAX_ATTEMPTS} attempts. Retry it, or paste the text instead.",
        status_changed_at=now,
    )
    ids = list(stalled.filter(attempts__lt=MAX_ATTEMPTS).values_list("pk", flat=True))
    Article.objects.filter(pk__in=ids).update(status=Article.Status.QUEUED, status_changed_at=now)
    return Sweep(resend=ids, given_up=given_up)
