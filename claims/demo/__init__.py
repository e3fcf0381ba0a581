"""The demo article that `make run` loads, so a newcomer sees real work at once."""

from __future__ import annotations

import hashlib

from django.db import transaction

from claims.models import Article
from documents.models import Document


@transaction.atomic
def load_demo_article(*, text: str) -> Article:
    """Create the demo article once; running it again returns the existing one."""
    key = "text:" + hashlib.sha256(text.encode()).hexdigest()
    existing = Article.objects.filter(dedupe_key=key).first()
    if existing is not None:
        return existing
    document = Document.objects.create(kind=Document.Kind.PASTE, raw=text.encode(), status=Document.Status.READY)
    title, _, body = text.strip().partition("\n\n")
    return Article.objects.create(
        document=document,
        dedupe_key=key,
        title=title.strip(),
        publisher="Northbridge Evening News (demo)",
        body=body.strip(),
        status=Article.Status.READY,
    )
