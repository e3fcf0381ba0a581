"""The demo article that `make run` loads, so a newcomer sees real work at once."""

from __future__ import annotations

from claims.intake import importing
from claims.models import Article


def load_demo_article(*, text: str) -> Article:
    """Import the demo article through the real pipeline, once; running it again returns it."""
    title, _, body = text.strip().partition("\n\n")
    result = importing.import_text(
        text=body.strip(), title=title.strip(), publisher="Northbridge Evening News (demo)", enqueue=False
    )
    if result.article.status == Article.Status.QUEUED:
        importing.run_import(article_id=result.article.pk)
    result.article.refresh_from_db()
    return result.article
