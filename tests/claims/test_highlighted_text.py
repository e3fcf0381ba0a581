"""The article page's cached highlights: served from the cache while nothing changed, never stale after
a change, however it was made. Transactional, so the revision triggers fire at commit as in production."""

from __future__ import annotations

import re

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from claims.article_page import workspace
from claims.models import Article, Claim, ClaimsRevision, Rating
from tests.factories import ArticleFactory, ClaimFactory, VerdictFactory

pytestmark = pytest.mark.django_db(transaction=True)

BODY = "The council approved a £12 million plan on Tuesday. Cycling rose by 38% since 2020. Buses are late."
TEXT_REGION = {"HX-Request": "true", "HX-Target": "article-text"}


@pytest.fixture
def article():
    return ArticleFactory(body=BODY)


def text_of(client, article) -> str:
    return client.get(article.get_absolute_url(), headers=TEXT_REGION).content.decode()


def mark_of(html: str, claim: Claim) -> str | None:
    found = re.search(rf'<mark [^>]*data-claim="{claim.pk}"[^>]*>', html)
    return found.group(0) if found else None


def revision(article: Article) -> int:
    return ClaimsRevision.objects.filter(article=article).values_list("number", flat=True).first() or 0


def test_a_second_request_reads_no_claims(editor_client, article):
    ClaimFactory(article=article, start=0, end=10)
    text_of(editor_client, article)
    with CaptureQueriesContext(connection) as queries:
        html = text_of(editor_client, article)
    assert "<mark" in html
    assert not [query for query in queries.captured_queries if 'FROM "claims_claim"' in query["sql"]]


def test_a_bulk_update_shows_at_once(editor_client, article):
    claim = ClaimFactory(article=article, start=0, end=10)
    assert 'data-status="new"' in mark_of(text_of(editor_client, article), claim)
    # A queryset update touches neither updated_at nor any signal: the trigger still counts it.
    Claim.objects.filter(pk=claim.pk).update(status=Claim.Status.IN_REVIEW)
    assert 'data-status="in_review"' in mark_of(text_of(editor_client, article), claim)


def test_a_new_verdict_and_a_deleted_claim_show_at_once(editor_client, article, bob):
    claim = ClaimFactory(article=article, start=0, end=10)
    other = ClaimFactory(article=article, start=20, end=30)
    assert "data-rating" not in mark_of(text_of(editor_client, article), claim)
    VerdictFactory(claim=claim, author=bob)
    assert 'data-rating="false"' in mark_of(text_of(editor_client, article), claim)
    other.delete()
    assert mark_of(text_of(editor_client, article), other) is None


def test_a_renamed_rating_shows_at_once(editor_client, article, bob):
    claim = ClaimFactory(article=article, start=0, end=10)
    VerdictFactory(claim=claim, author=bob)
    assert "New, False" in mark_of(text_of(editor_client, article), claim)
    Rating.objects.filter(slug="false").update(label="Wrong")
    assert "New, Wrong" in mark_of(text_of(editor_client, article), claim)


def test_changes_the_page_does_not_show_keep_the_cache(article, bob):
    claim = ClaimFactory(article=article, start=0, end=10)
    before = revision(article)
    Claim.objects.filter(pk=claim.pk).update(assignee=bob, text="Reworded")
    assert revision(article) == before
    Claim.objects.filter(pk=claim.pk).update(bucket=Claim.Bucket.NOT_WORTH_CHECKING)
    assert revision(article) == before + 1


def test_the_revision_counts_each_article_apart(article):
    other = ArticleFactory()
    ClaimFactory(article=article)
    ClaimFactory(article=other)
    ClaimFactory(article=other)
    assert (revision(article), revision(other)) == (1, 2)


def test_an_article_with_claims_and_verdicts_can_be_deleted(article, bob):
    VerdictFactory(claim=ClaimFactory(article=article), author=bob)
    article.delete()
    assert not Article.objects.exists()
    assert not ClaimsRevision.objects.exists()


def test_the_cached_counts_follow_dismissals(editor_client, article):
    claim = ClaimFactory(article=article, start=0, end=10)
    assert workspace.claim_counts(Article.objects.select_related("claims_revision").get()).dismissed == 0
    Claim.objects.filter(pk=claim.pk).update(status=Claim.Status.DISMISSED)
    html = editor_client.get(article.get_absolute_url()).content.decode()
    assert "1 dismissed claim" in html
    assert mark_of(html, claim) is None


def test_a_recreated_article_with_the_same_id_and_revision_is_not_served_old_highlights(editor_client, article):
    claim = ClaimFactory(article=article, start=0, end=10)
    assert mark_of(text_of(editor_client, article), claim) is not None
    # As after a database was recreated beside the same cache: same ids, revisions counted anew.
    pk, number = article.pk, revision(article)
    article.delete()
    again = ArticleFactory(pk=pk, body=BODY)
    ClaimsRevision.objects.create(article=again, number=number)
    assert "<mark" not in text_of(editor_client, again)
