"""Idempotency-Key for imports: a retried request answers with the article the first one created.

The key row is inserted in the same transaction as the article. A concurrent request with the same key
blocks on the unique index until the first commits, then reads its article: never a second one.
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import TYPE_CHECKING

from django.db import transaction
from django.utils import timezone

from api.models import IdempotencyKey
from api.problems import Problem
from claims.intake.importing import ImportResult
from claims.models import Article

if TYPE_CHECKING:
    from accounts.models import User

MAX_KEY_LENGTH = 255
# Retries come within minutes; after a day a key is forgotten and may be used again.
KEY_LIFETIME = timedelta(hours=24)


@dataclass(frozen=True)
class Outcome:
    article: Article
    created: bool
    replayed: bool


def fingerprint(*parts: bytes) -> str:
    digest = hashlib.sha256()
    for part in parts:
        digest.update(hashlib.sha256(part).digest())
    return digest.hexdigest()


def run_once(*, user: User, key: str | None, request_fingerprint: str, run: Callable[[], ImportResult]) -> Outcome:
    """Run an import once per (user, key); without a key, just run it (imports dedupe by content anyway)."""
    if key is None:
        result = run()
        return Outcome(result.article, result.created, replayed=False)
    if not key or len(key) > MAX_KEY_LENGTH:
        raise Problem(400, f"Idempotency-Key must be 1 to {MAX_KEY_LENGTH} characters.", kind="bad-idempotency-key")
    with transaction.atomic():
        record, created = IdempotencyKey.objects.get_or_create(
            user=user, key=key, defaults={"fingerprint": request_fingerprint}
        )
        if record.fingerprint != request_fingerprint:
            raise Problem(
                422,
                "This Idempotency-Key was already used for a different request.",
                kind="idempotency-key-reused",
            )
        if not created and record.article is not None:
            return Outcome(record.article, created=False, replayed=True)
        result = run()
        record.article = result.article
        record.save(update_fields=["article"])
    return Outcome(result.article, result.created, replayed=False)


def forget_old_keys(*, now: datetime | None = None) -> int:
    """Delete keys older than KEY_LIFETIME; returns how many."""
    now = now or timezone.now()
    deleted, _ = IdempotencyKey.objects.filter(created_at__lt=now - KEY_LIFETIME).delete()
    return deleted
