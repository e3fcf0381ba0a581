from __future__ import annotations

import pytest
from django.urls import reverse

from claims.models import Article
from tests.factories import ArticleFactory

pytestmark = pytest.mark.django_db


def retry_url(article: Article) -> str:
    return reverse("claims:retry-import", args=[article.pk])


def test_it_queues_a_failed_import_again(editor_client, django_capture_on_commit_callbacks):
    article = ArticleFactory(status=Article.Status.FAILED, error="The site answered 404", attempts=1)
    with django_capture_on_commit_callbacks() as callbacks:
        response = editor_client.post(retry_url(article), follow=True)
    article.refresh_from_db()
    assert (article.status, article.error, article.attempts) == (Article.Status.QUEUED, "", 0)
    assert len(callbacks) == 1
    assert "Import queued again." in response.content.decode()


def test_a_ready_article_is_left_alone(editor_client):
    article = ArticleFactory(status=Article.Status.READY)
    assert editor_client.post(retry_url(article))["Location"] == article.get_absolute_url()
    article.refresh_from_db()
    assert article.status == Article.Status.READY


def test_access(client, outsider_client, reviewer_client, editor_client):
    article = ArticleFactory(status=Article.Status.FAILED)
    assert client.post(retry_url(article))["Location"].startswith("/accounts/login/")
    assert outsider_client.post(retry_url(article)).status_code == 404
    assert reviewer_client.post(retry_url(article)).status_code == 403
    assert editor_client.get(retry_url(article)).status_code == 405
    article.refresh_from_db()
    assert article.status == Article.Status.FAILED
