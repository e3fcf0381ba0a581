from __future__ import annotations

import pytest

from claims.intake import importing
from claims.models import Article, Claim
from documents.fetch_errors import RetryLater
from tests.claims.importpages import NO_TEXT_HTML, article_html
from tests.webserver import Page

pytestmark = pytest.mark.django_db


def queue(url: str, alice=None) -> Article:
    return importing.import_url(url=url, user=alice, enqueue=False).article


def test_it_fetches_extracts_and_splits_a_page(site, alice):
    article = queue(site.add("/lanes", article_html()), alice)

    importing.run_import(article_id=article.pk)

    article.refresh_from_db()
    assert article.status == Article.Status.READY
    assert (article.title, article.publisher, article.authors) == (
        "Cycle lanes cut injuries",
        "Evening News",
        ["Sam Reporter"],
    )
    assert str(article.published_on) == "2025-03-04"
    assert "fell by 22%" in article.body and "cookies" not in article.body and "Copyright" not in article.body
    assert article.attempts == 1 and article.error == ""
    claims = list(article.claims.all())
    assert any("22%" in c.text for c in claims)
    assert all(article.body[c.start : c.end] == c.quote and c.claimed_on == article.published_on for c in claims)


def test_a_second_run_does_nothing(site):
    article = queue(site.add("/once", article_html()))
    importing.run_import(article_id=article.pk)
    assert importing.run_import(article_id=article.pk) is None
    assert site.hits == ["/once"]
    assert Article.objects.get().claims.count() == Claim.objects.count()


def test_a_missing_article_is_ignored():
    assert importing.run_import(article_id=123456) is None


@pytest.mark.parametrize(
    ("page", "message"),
    [
        (Page(b"gone", status=404, content_type="text/plain"), "The site answered 404"),
        (Page(NO_TEXT_HTML.encode()), "This page has no article text — paste it instead"),
        (Page(b"x" * 3_000_000, content_type="text/plain"), "Too large: 3 MB, the limit is 2 MB"),
        (Page(b"\x89PNG", content_type="image/png"), "image/png"),
    ],
)
def test_a_permanent_failure_is_recorded_in_words(site, settings, page, message):
    settings.FETCH_MAX_BYTES = 2_000_000
    site.pages["/bad"] = page
    article = queue(site.url("/bad"))

    importing.run_import(article_id=article.pk)

    article.refresh_from_db()
    assert article.status == Article.Status.FAILED
    assert message in article.error


def test_a_private_address_is_refused(unused_tcp_port, site):
    # The site's port is on the allow-list; this one is not, so the fetcher must refuse it.
    article = queue(f"http://127.0.0.1:{unused_tcp_port}/story")
    importing.run_import(article_id=article.pk)
    article.refresh_from_db()
    assert article.status == Article.Status.FAILED
    assert "not allowed" in article.error and "private network" in article.error


@pytest.mark.parametrize(
    "page", [Page(b"busy", status=503, content_type="text/plain"), Page(article_html().encode(), delay=2.5)]
)
def test_a_transient_failure_queues_the_article_for_a_retry(site, page):
    site.pages["/flaky"] = page
    article = queue(site.url("/flaky"))

    with pytest.raises(RetryLater):
        importing.run_import(article_id=article.pk)

    article.refresh_from_db()
    assert article.status == Article.Status.QUEUED
    assert "Trying again shortly" in article.error
    site.pages["/flaky"] = Page(article_html().encode())
    importing.run_import(article_id=article.pk)
    article.refresh_from_db()
    assert article.status == Article.Status.READY and article.attempts == 2 and article.error == ""


def test_it_gives_up_after_the_attempt_cap(site):
    site.add("/down", "busy", status=500, content_type="text/plain")
    article = queue(site.url("/down"))
    Article.objects.filter(pk=article.pk).update(attempts=importing.MAX_ATTEMPTS - 1)
    importing.run_import(article_id=article.pk)
    article.refresh_from_db()
    assert article.status == Article.Status.FAILED
    assert article.error.startswith("The site answered 500")


def test_a_redirect_is_followed(site):
    target = site.add("/final", article_html(title="Moved story"))
    article = queue(site.add("/old", b"", status=301, headers=(("Location", target),)))
    importing.run_import(article_id=article.pk)
    article.refresh_from_db()
    assert article.title == "Moved story"


def test_retry_runs_a_failed_import_again(site, django_capture_on_commit_callbacks):
    site.add("/later", "gone", status=404, content_type="text/plain")
    article = queue(site.url("/later"))
    importing.run_import(article_id=article.pk)
    site.add("/later", article_html())
    article.refresh_from_db()

    with django_capture_on_commit_callbacks() as callbacks:
        assert importing.retry_import(article=article)
    assert not importing.retry_import(article=article)  # only a failed article is retried
    assert len(callbacks) == 1
    importing.run_import(article_id=article.pk)
    article.refresh_from_db()
    assert article.status == Article.Status.READY


def test_a_page_stored_as_evidence_is_not_fetched_again(site):
    url = site.add("/shared", article_html())
    first = queue(url)
    importing.run_import(article_id=first.pk)
    Article.objects.all().delete()
    second = queue(url)
    importing.run_import(article_id=second.pk)
    second.refresh_from_db()
    assert second.status == Article.Status.READY
    assert site.hits == ["/shared"]


def test_the_status_steps_follow_the_article(site):
    article = queue(site.add("/steps", article_html()))
    Article.objects.filter(pk=article.pk).update(status=Article.Status.EXTRACTING)
    article.refresh_from_db()
    assert [(s["label"], s["state"]) for s in importing.steps_for(article)] == [
        ("Fetching the page", "done"),
        ("Extracting the text", "current"),
        ("Finding claims", "waiting"),
    ]
