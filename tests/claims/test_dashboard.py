from __future__ import annotations

import pytest

from claims.models import Article, Claim
from tests.factories import ArticleFactory, ClaimFactory

pytestmark = pytest.mark.django_db


def test_it_redirects_anonymous_users_to_login(client):
    response = client.get("/")
    assert response.status_code == 302
    assert response["Location"].startswith("/accounts/login/")


def test_it_tells_users_without_a_role_what_to_do(outsider_client):
    response = outsider_client.get("/")
    assert response.status_code == 403
    assert b"You have no role yet" in response.content


def test_it_rejects_post(editor_client):
    assert editor_client.post("/").status_code == 405


def test_it_shows_an_empty_state(editor_client):
    response = editor_client.get("/")
    assert b"No articles yet" in response.content
    assert b"Import a news article" in response.content


def test_it_lists_articles_with_status_and_claim_counts(editor_client):
    article = ArticleFactory(title="Council backs cycle lanes", status=Article.Status.READY)
    ClaimFactory.create_batch(3, article=article)
    ClaimFactory(article=article, status=Claim.Status.DISMISSED)
    ClaimFactory(article=article, status=Claim.Status.PUBLISHED)
    ArticleFactory(title="Still fetching", status=Article.Status.FETCHING)

    response = editor_client.get("/")

    assert response.status_code == 200
    page = response.context["page"]
    row = next(a for a in page.object_list if a.pk == article.pk)
    assert (row.claim_count, row.open_claim_count, row.published_claim_count) == (4, 3, 1)
    assert b"Council backs cycle lanes" in response.content
    assert b"Fetching" in response.content
    assert response.context["in_progress"] == 1


def test_it_escapes_titles(editor_client):
    ArticleFactory(title='<script>alert("x")</script>')
    response = editor_client.get("/")
    assert b'<script>alert("x")' not in response.content
    assert b"&lt;script&gt;" in response.content


def test_its_query_count_does_not_grow_with_articles(editor_client, django_assert_max_num_queries):
    for _ in range(3):
        ClaimFactory.create_batch(2, article=ArticleFactory())
    with django_assert_max_num_queries(10) as few:
        editor_client.get("/")
    for _ in range(20):
        ClaimFactory.create_batch(2, article=ArticleFactory())
    with django_assert_max_num_queries(len(few.captured_queries)):
        editor_client.get("/")


def test_htmx_request_gets_only_the_table(editor_client):
    response = editor_client.get("/", headers={"HX-Request": "true"})
    assert b'id="article-table"' in response.content
    assert b"<html" not in response.content
    assert "HX-Request" in response["Vary"]


def test_history_restore_gets_the_full_page(editor_client):
    response = editor_client.get("/", headers={"HX-Request": "true", "HX-History-Restore-Request": "true"})
    assert b"<html" in response.content


def test_pages_carry_a_strict_csp_without_inline_scripts(editor_client):
    response = editor_client.get("/")
    csp = response["Content-Security-Policy"]
    assert "script-src 'self' 'nonce-" in csp
    assert "unsafe-inline" not in csp
    html = response.content.decode()
    # Every script tag is an external file carrying the nonce.
    assert html.count("<script") == html.count('<script src="') == html.count("nonce=")
    assert response["X-Frame-Options"] == "DENY"
