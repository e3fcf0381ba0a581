"""What a new user notices on the first day: the import status, the site icon, console errors."""

from __future__ import annotations

import pytest
from playwright.sync_api import expect

from claims.intake import importing
from claims.models import Article
from tests.claims.importpages import article_html
from tests.factories import ArticleFactory, ClaimFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

BODY = "Council leader Amira Hassan said cycling trips had risen by 38% since 2020."
REPORT = """<html><head><title>Council transport report</title></head><body><article>
<h1>Council transport report</h1>
<p>Cycling trips rose by 31% between 2020 and 2025, according to the council's own counters.</p>
<p>The counters were installed on six main routes across the city centre and the suburbs.</p>
</article></body></html>"""


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


def test_the_fetching_message_gives_way_when_the_source_card_fills_in(
    page, login, celery_worker, site, live_server, alice
):
    url = site.add("/report", REPORT, delay=1.0)
    article = ArticleFactory(title="Council backs cycle lanes", body=BODY)
    claim = ClaimFactory(article=article, text="Cycling trips rose by 38% since 2020.", start=0, end=len(BODY))
    login(alice)
    page.goto(f"{live_server.url}{claim.get_absolute_url()}")
    panel = page.locator("#claim-panel")
    panel.get_by_text("Add a source").click()
    panel.get_by_label("URL").fill(url)
    panel.get_by_role("button", name="Add source").click()
    expect(page.locator("#messages")).to_contain_text("Source added; fetching the page…")
    expect(panel.locator(".source-card")).to_contain_text("Council transport report", timeout=20_000)
    expect(page.locator("#messages")).to_have_text("Source fetched: Council transport report")


def test_the_assignee_filter_lists_people_by_name(page, login, alice, bob):
    bob.first_name, bob.last_name = "Bob", "Okafor"
    bob.save()
    login(alice)
    page.get_by_role("link", name="Claims", exact=True).click()
    options = page.get_by_label("Assignee").locator("option").all_inner_texts()
    assert options == ["Any", "Unassigned", "Alice", "Bob Okafor"]
