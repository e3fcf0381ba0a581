"""Deleting an article (and with it its claims) and restoring it: soft, so nothing is lost."""

from __future__ import annotations

from typing import TYPE_CHECKING

from django.db import IntegrityError, transaction
from django.utils import timezone

from claims.models import Article

if TYPE_CHECKING:
    from accounts.models import User


class LiveTwinExists(Exception):
    """The same URL, text or file was imported again while the article was deleted."""

    def __init__(self, twin: Article) -> None:
        super().__init__(f"“{twin.display_title}” (article {twin.pk}) was imported from the same source since")
        self.twin = twin


def delete_article(*, article: Article, user: User | None) -> bool:
    """Hide the article and its claims from every page, list, export and API answer.

    Only ``deleted_at``/``deleted_by`` change: claims, sources, verdicts, comments and their history
    stay as they are, for ``restore_article``. Conditional, so deleting twice keeps the first
    deletion's time and author; returns whether this call deleted it.
    """
    now = timezone.now()
    deleted = Article.objects.filter(pk=article.pk, deleted_at__isnull=True).update(
        deleted_at=now, deleted_by=user, updated_at=now
    )
    return bool(deleted)


def restore_article(*, article: Article) -> bool:
    """Bring a deleted article back as it was; returns whether this call restored it.

    Raises ``LiveTwinExists`` when the same source was imported again meanwhile: two live articles
    with one key would make importing it ambiguous, so the newer one must be deleted first (the
    unique constraint on live keys enforces it, whatever the race).
    """
    try:
        with transaction.atomic():
            restored = Article.objects.filter(pk=article.pk, deleted_at__isnull=False).update(
                deleted_at=None, deleted_by=None, updated_at=timezone.now()
            )
    except IntegrityError:
        twin = Article.objects.live().filter(dedupe_key=article.dedupe_key).exclude(pk=article.pk).first()
        if twin is None:
            raise
        raise LiveTwinExists(twin) from None
    return bool(restored)
