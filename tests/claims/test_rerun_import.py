from __future__ import annotations

import pytest

from claims.intake import importing
from claims.models import Article, Claim
from tests.factories import SourceFactory

pytestmark = pytest.mark.django_db

TEXT = "Northbridge voted 31 to 17 for a £12 million plan on Tuesday.\n\nCycling trips rose by 38% since 2020."


def test_it_reruns_extraction_and_detection_keeping_claims_with_work(alice, django_capture_on_commit_callbacks):
    article = importing.import_text(text=TEXT, title="Lanes", enqueue=False).article
    importing.run_import(article_id=article.pk)
    worked = Claim.objects.get(article=article, quote__contains="38%")
    SourceFactory(claim=worked)
    untouched_ids = set(article.claims.exclude(pk=worked.pk).values_list("pk", flat=True))

    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        assert importing.rerun_import(article=article)
    assert len(callbacks) == 1
    importing.run_import(article_id=article.pk)

    article.refresh_from_db()
    assert article.status == Article.Status.READY
    assert Claim.objects.filter(pk=worked.pk, sources__isnull=False).exists()
    assert not untouched_ids & set(article.claims.values_list("pk", flat=True))
    assert article.claims.count() >= 2


def test_it_leaves_an_import_in_progress_alone():
    article = importing.import_text(text=TEXT, enqueue=False).article
    assert not importing.rerun_import(article=article)
