from __future__ import annotations

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from claims.models import Article, Claim
from tests.factories import ArticleFactory

pytestmark = pytest.mark.django_db


def _with_claims(count: int) -> Article:
    article = ArticleFactory(title="Council backs cycle lanes")
    Claim.objects.bulk_create(
        Claim(article=article, text=f"Claim {n:03d} of the article.", start=n * 10, end=n * 10 + 5)
        for n in range(count)
    )
    return article


def _change_page(client, article: Article) -> tuple[str, int]:
    with CaptureQueriesContext(connection) as captured:
        response = client.get(f"/admin/claims/article/{article.pk}/change/")
    assert response.status_code == 200
    return response.content.decode(), len(captured)


def test_it_shows_a_bounded_number_of_claims_with_a_link_to_all(staff_client):
    article = _with_claims(300)

    page, _ = _change_page(staff_client, article)

    assert "Claim 000 of the article." in page
    assert "Claim 024 of the article." in page
    assert "Claim 025 of the article." not in page
    assert "300 claims (300 open, 0 published)" in page
    assert f'href="/admin/claims/claim/?article={article.pk}"' in page


def test_the_change_page_costs_the_same_for_30_or_300_claims(staff_client):
    small = _with_claims(30)
    # Warm per-process caches (content types) so both measurements are alike.
    _change_page(staff_client, small)
    _, few = _change_page(staff_client, small)
    _, many = _change_page(staff_client, _with_claims(300))

    assert few == many


def test_the_link_lists_every_claim_of_the_article(staff_client):
    article = _with_claims(30)
    _with_claims(5)

    response = staff_client.get(f"/admin/claims/claim/?article={article.pk}")

    assert response.status_code == 200
    assert response.context["cl"].result_count == 30
    assert "Council backs cycle lanes" in response.content.decode()


def test_it_shows_the_import_status_and_error(staff_client):
    article = ArticleFactory(status=Article.Status.FAILED, error="The page <b>timed out</b>.", attempts=3)

    page, _ = _change_page(staff_client, article)

    assert "<strong>Failed</strong>" in page
    assert "after 3 attempt(s)" in page
    assert "The page &lt;b&gt;timed out&lt;/b&gt;." in page


def test_it_never_offers_the_body_for_editing(staff_client):
    article = _with_claims(3)
    original = article.body

    page, _ = _change_page(staff_client, article)
    form = staff_client.get(f"/admin/claims/article/{article.pk}/change/").context["adminform"].form
    data = {name: form[name].value() or "" for name in form.fields}
    data |= {"title": "New title", "body": "Rewritten", "claims-TOTAL_FORMS": 3, "claims-INITIAL_FORMS": 3}
    response = staff_client.post(f"/admin/claims/article/{article.pk}/change/", data)
    assert response.status_code == 302

    assert 'name="body"' not in page
    article.refresh_from_db()
    assert article.title == "New title"
    assert article.body == original


def test_articles_are_imported_not_added_by_hand(staff_client):
    assert staff_client.get("/admin/claims/article/add/").status_code == 403


def test_it_lists_articles_with_claim_counts(staff_client):
    _with_claims(4)

    page = staff_client.get("/admin/claims/article/").content.decode()

    assert '<td class="field-claim_count">4</td>' in page


def test_it_keeps_rerun_actions_for_editors(client, bob):
    bob.is_staff = True
    bob.save()
    client.force_login(bob)
    ArticleFactory()

    page = client.get("/admin/claims/article/").content.decode()

    assert 'value="rerun_extraction"' not in page
    assert 'value="rerun_detection"' not in page
