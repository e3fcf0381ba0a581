"""What a new user notices on the first day: the import status, the site icon, console errors."""

from __future__ import annotations

import pytest
from playwright.sync_api import expect

from claims import importing
from claims.models import Article
from tests.claims.importpages import article_html

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_the_status_badge_follows_a_failed_import(celery_worker, site, login, alice, live_server):
    url = site.add("/gone", "gone", status=404, content_type="text/plain", delay=1.5)
    article = importing.import_url(url=url, user=alice).article
    page = login(alice)
    page.goto(f"{live_server.url}{article.get_absolute_url()}")
    expect(page.locator(".article-header .badge")).to_have_text("Fetching")
    expect(page.locator("#article-status")).to_contain_text("The import failed. The site answered 404", timeout=15_000)
    expect(page.locator(".article-header .badge")).to_have_text("Failed")
    assert Article.objects.get().status == Article.Status.FAILED


def test_the_import_steps_read_as_separate_steps(site, login, alice, live_server):
    url = site.add("/story", article_html())
    article = importing.import_url(url=url, user=alice, enqueue=False).article
    page = login(alice)
    page.goto(f"{live_server.url}{article.get_absolute_url()}")
    steps = page.locator(".import-steps li")
    expect(steps).to_have_count(3)
    boxes = [steps.nth(i).bounding_box() for i in range(3)]
    markers = steps.first.evaluate("li => getComputedStyle(li).listStylePosition")
    # Each number sits inside its own step, and the steps stand apart from each other.
    assert markers == "inside"
    for before, after in zip(boxes, boxes[1:], strict=False):
        assert after["x"] - (before["x"] + before["width"]) >= 16


def test_pages_load_their_icon_without_a_failed_request(login, alice, live_server):
    page = login(alice)
    failed = []
    page.on("response", lambda response: response.status >= 400 and failed.append(response.url))
    for path in ("/", "/favicon.ico", "/admin/login/"):
        page.goto(f"{live_server.url}{path}")
    page.wait_for_load_state("networkidle")
    icon = page.evaluate("fetch('/favicon.ico').then(r => [r.status, r.headers.get('content-type')])")
    assert icon == [200, "image/svg+xml"]
    assert failed == []
