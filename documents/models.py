"""A fetched or uploaded document and what was extracted from it. Must not import claims."""

from __future__ import annotations

import hashlib

from django.db import models
from django.utils import timezone


class DocumentQuerySet(models.QuerySet["Document"]):
    def pending(self) -> DocumentQuerySet:
        return self.filter(status__in=(Document.Status.QUEUED, Document.Status.FETCHING))


class Document(models.Model):
    """One web page or uploaded file: the raw bytes, the clean text and its metadata.

    A page fetched by URL is stored once (``url_key`` is unique) and can back many
    claims; its ``text`` is the snapshot of what the page said when it was fetched.
    """

    class Kind(models.TextChoices):
        URL = "url", "Web page"
        UPLOAD = "upload", "Uploaded file"
        PASTE = "paste", "Pasted text"

    class Status(models.TextChoices):
        QUEUED = "queued", "Queued"
        FETCHING = "fetching", "Fetching"
        READY = "ready", "Ready"
        FAILED = "failed", "Failed"

    kind = models.CharField(max_length=10, choices=Kind.choices)
    url = models.URLField(max_length=2048, blank=True)
    url_key = models.CharField(max_length=64, null=True, blank=True, unique=True, editable=False)
    final_url = models.URLField(max_length=2048, blank=True)
    filename = models.CharField(max_length=255, blank=True)
    content_type = models.CharField(max_length=100, blank=True)

    status = models.CharField(max_length=10, choices=Status.choices, default=Status.QUEUED)
    error = models.TextField(blank=True)
    error_code = models.CharField(max_length=40, blank=True)
    attempts = models.PositiveSmallIntegerField(default=0)
    claimed_at = models.DateTimeField(null=True, blank=True)
    fetched_at = models.DateTimeField(null=True, blank=True)

    raw = models.BinaryField(blank=True, default=b"", editable=False)
    title = models.CharField(max_length=500, blank=True)
    authors = models.JSONField(default=list, blank=True)
    publisher = models.CharField(max_length=255, blank=True)
    published_on = models.DateField(null=True, blank=True)
    canonical_url = models.URLField(max_length=2048, blank=True)
    language = models.CharField(max_length=16, blank=True)
    text = models.TextField(blank=True)
    text_hash = models.CharField(max_length=64, blank=True)
    notices = models.JSONField(default=list, blank=True)

    created_at = models.DateTimeField(default=timezone.now)
    updated_at = models.DateTimeField(auto_now=True)

    objects = DocumentQuerySet.as_manager()

    class Meta:
        indexes = [
            # The sweep looks for stalled fetches.
            models.Index(fields=["status", "claimed_at"], name="document_status_claimed"),
            models.Index(fields=["status", "updated_at"], name="document_status_updated"),
        ]

    def __str__(self) -> str:
        return self.title or self.url or self.filename or f"Document {self.pk}"

    @staticmethod
    def key_for(url: str) -> str:
        """A stable key for a URL, so the same page is fetched and stored once."""
        return hashlib.sha256(url.strip().encode()).hexdigest()

    @property
    def is_pending(self) -> bool:
        return self.status in (self.Status.QUEUED, self.Status.FETCHING)

    @property
    def display_url(self) -> str:
        return self.final_url or self.url
