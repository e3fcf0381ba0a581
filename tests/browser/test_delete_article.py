"""Deleting an article from its page: confirm, land on the dashboard, and the article is gone."""

from __future__ import annotations

import pytest
from playwright.sync_api import expect

from claims.models import Article
from tests.factories import ArticleFactory, ClaimFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_an_editor_deletes_an_article_from_its_page(page, login, live_server, alice):
    article = ArticleFactory(title="Council backs cycle lanes")
    ClaimFactory(article=article, start=0, end=20)
    ClaimFactory(article=article, start=30, end=50)
    login(alice)
    page.goto(f"{live_server.url}{article.get_absolute_url()}")

    page.get_by_role("link", name="Delete article…").click()
    expect(page.get_by_role("heading", name="Delete this article?")).to_be_visible()
    expect(page.locator("main")).to_contain_text("Its 2 claims")
    # Keeping it changes nothing.
    page.get_by_role("link", name="Keep it").click()
    expect(page.get_by_role("heading", name="Council backs cycle lanes")).to_be_visible()
    assert not Article.objects.get(pk=article.pk).is_deleted

    page.get_by_role("link", name="Delete article…").click()
    page.get_by_role("button", name="Delete article").click()
    expect(page).to_have_url(f"{live_server.url}/")
    expect(page.locator("#messages")).to_contain_text("“Council backs cycle lanes” was deleted")
    expect(page.get_by_role("link", name="Council backs cycle lanes")).to_have_count(0)
    assert Article.objects.get(pk=article.pk).deleted_by == alice

    # Asked outside the page, so the expected 404 is not a console error.
    assert page.request.get(f"{live_server.url}{article.get_absolute_url()}").status == 404
