from __future__ import annotations

import pytest
from playwright.sync_api import expect

from claims.models import Article
from tests.claims.importpages import article_html

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_an_editor_imports_a_url_and_watches_it_finish(celery_worker, site, login, alice, live_server):
    # A slow site, so the page shows the import in progress before it finishes.
    url = site.add("/browser-story", article_html(title="Bike lanes in the browser"), delay=1.0)
    page = login(alice)

    page.get_by_role("link", name="Import article").first.click()
    page.locator("#import-url input[name=url]").fill(url)
    page.get_by_role("button", name="Import from URL").click()

    article = Article.objects.get()
    page.wait_for_url(f"{live_server.url}{article.get_absolute_url()}")
    expect(page.locator("#article-status")).to_contain_text("Fetching the page")
    expect(page.locator("h1")).to_have_text("Bike lanes in the browser", timeout=15_000)
    expect(page.get_by_text("fell by 22%").first).to_be_visible()
    expect(page.locator("#article-status")).to_be_hidden()
    assert Article.objects.get().status == Article.Status.READY
