"""Listeners on claims' signals: match newly detected claims, keep published verdicts in the archive."""

from __future__ import annotations

from functools import partial
from typing import Any

from django.db import transaction

from claims import signals


def _on_claims_detected(sender: Any, *, article_id: int, **kwargs: Any) -> None:
    from matching import tasks

    transaction.on_commit(partial(tasks.match_article.delay, article_id), robust=True)


def _on_published(sender: Any, *, claim_ids: list[int], **kwargs: Any) -> None:
    from matching import archive

    archive.record_published(claim_ids=claim_ids)


def _on_unpublished(sender: Any, *, claim_ids: list[int], **kwargs: Any) -> None:
    from matching import archive

    archive.remove_unpublished(claim_ids=claim_ids)


def connect() -> None:
    signals.claims_detected.connect(_on_claims_detected, dispatch_uid="matching-claims-detected")
    signals.verdicts_published.connect(_on_published, dispatch_uid="matching-verdicts-published")
    signals.verdicts_unpublished.connect(_on_unpublished, dispatch_uid="matching-verdicts-unpublished")
