"""Listeners on claims' signals: keep published verdicts in the archive (matching.tasks matches new claims)."""

from __future__ import annotations

from typing import Any

from claims import signals


def _on_published(sender: Any, *, claim_ids: list[int], **kwargs: Any) -> None:
    from matching import archive

    archive.record_published(claim_ids=claim_ids)


def _on_unpublished(sender: Any, *, claim_ids: list[int], **kwargs: Any) -> None:
    from matching import archive

    archive.remove_unpublished(claim_ids=claim_ids)


def connect() -> None:
    signals.verdicts_published.connect(_on_published, dispatch_uid="matching-verdicts-published")
    signals.verdicts_unpublished.connect(_on_unpublished, dispatch_uid="matching-verdicts-unpublished")
