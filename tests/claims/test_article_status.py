from __future__ import annotations

import re

import pytest
from django.urls import reverse

from claims.models import Article
from tests.factories import ArticleFactory

pytestmark = pytest.mark.django_db

HTMX = {"HX-Request": "true"}


def status_url(article: Article) -> str:
    return reverse("claims:article-status", args=[article.pk])


def test_an_import_in_progress_keeps_polling_and_shows_its_step(reviewer_client, django_assert_max_num_queries):
    article = ArticleFactory(status=Article.Status.EXTRACTING, body="")
    with django_assert_max_num_queries(6):
        response = reviewer_client.get(status_url(article), headers=HTMX)
    html = response.content.decode()
    assert response.status_code == 200
    assert 'id="article-status"' in html and "<html" not in html
    assert 'hx-trigger="every 1s"' in html
    assert 'aria-current="step">Extracting the text' in html
    assert "HX-Request" in response["Vary"]


def test_a_finished_import_stops_polling_and_refreshes_the_page(reviewer_client):
    article = ArticleFactory(status=Article.Status.READY)
    response = reviewer_client.get(status_url(article), headers=HTMX)
    assert response.status_code == 286
    assert response["HX-Refresh"] == "true"
    assert "hx-trigger" not in response.content.decode()


def test_a_failure_shows_its_message_and_a_retry_button_to_editors(editor_client, reviewer_client):
    article = ArticleFactory(status=Article.Status.FAILED, error="The site answered 404")
    response = editor_client.get(status_url(article), headers=HTMX)
    html = response.content.decode()
    assert response.status_code == 286 and "HX-Refresh" not in response
    assert "The site answered 404" in html
    assert reverse("claims:retry-import", args=[article.pk]) in html
    html = reviewer_client.get(status_url(article), headers=HTMX).content.decode()
    assert "The site answered 404" in html and "Retry" not in html


def test_the_article_page_includes_the_status_region(editor_client):
    article = ArticleFactory(status=Article.Status.QUEUED, body="")
    html = editor_client.get(article.get_absolute_url()).content.decode()
    assert 'id="article-status"' in html and "Waiting for a worker" in html


def test_a_ready_article_without_notices_shows_nothing(editor_client):
    article = ArticleFactory(status=Article.Status.READY)
    html = editor_client.get(article.get_absolute_url()).content.decode()
    assert "Importing" not in html and "Retry" not in html
    assert re.search(r'<section id="article-status"[^>]*\shidden>\s*</section>', html)


def test_escapes_the_error():
    article = ArticleFactory(status=Article.Status.FAILED, error="<b>bad</b>")
    from django.template.loader import render_to_string

    assert "&lt;b&gt;bad&lt;/b&gt;" in render_to_string("claims/article_status.html", {"article": article})


def test_a_plain_request_goes_to_the_article_page(reviewer_client):
    article = ArticleFactory()
    assert reviewer_client.get(status_url(article))["Location"] == article.get_absolute_url()


def test_access(client, outsider_client, reviewer_client):
    article = ArticleFactory()
    assert client.get(status_url(article), headers=HTMX)["Location"].startswith("/accounts/login/")
    assert outsider_client.get(status_url(article), headers=HTMX).status_code == 404
    assert reviewer_client.post(status_url(article), headers=HTMX).status_code == 405
    assert reviewer_client.get(reverse("claims:article-status", args=[999999]), headers=HTMX).status_code == 404
