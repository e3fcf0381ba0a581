from __future__ import annotations

import pytest
from django.utils import timezone

from documents import ingest
from documents.fetch_errors import RetryLater
from documents.models import Document
from tests.workerfixtures import wait_for

pytestmark = pytest.mark.django_db

ARTICLE = """<html><head><title>Cycle lanes cut injuries | Evening News</title>
<meta property="og:site_name" content="Evening News">
<script type="application/ld+json">{"@type": "NewsArticle", "headline": "Cycle lanes cut injuries",
"datePublished": "2025-03-04", "author": {"@type": "Person", "name": "Jane Doe"}}</script></head>
<body><nav><a href="/">Home</a></nav><article><h1>Cycle lanes cut injuries</h1>
<p>Road injuries to cyclists fell by 22% on streets where protected lanes were built, the council report found.</p>
<p>Across the rest of the city the fall was 4%, according to the same report published in March.</p>
</article><footer>Copyright Evening News</footer></body></html>"""


def test_request_document_creates_once_and_enqueues_after_commit(django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks() as callbacks:
        first = ingest.request_document(url=" https://news.example/a ")
        second = ingest.request_document(url="https://news.example/a")
    assert first.pk == second.pk
    assert first.status == Document.Status.QUEUED
    assert len(callbacks) == 1


def test_it_fetches_and_stores_the_snapshot(site):
    url = site.add("/lanes", ARTICLE)
    document = Document.objects.create(kind=Document.Kind.URL, url=url, url_key=Document.key_for(url))

    ingest.fetch_document(document_id=document.pk)

    document.refresh_from_db()
    assert document.status == Document.Status.READY
    assert document.title == "Cycle lanes cut injuries"
    assert document.publisher == "Evening News"
    assert document.authors == ["Jane Doe"]
    assert str(document.published_on) == "2025-03-04"
    assert "fell by 22%" in document.text
    assert "Copyright" not in document.text
    assert document.fetched_at is not None and len(document.text_hash) == 64


def test_a_second_run_does_nothing(site):
    url = site.add("/once", ARTICLE)
    document = Document.objects.create(kind=Document.Kind.URL, url=url, url_key=Document.key_for(url))
    ingest.fetch_document(document_id=document.pk)
    assert ingest.fetch_document(document_id=document.pk) is None
    assert site.hits == ["/once"]


def test_a_permanent_failure_is_recorded_in_words(site):
    url = site.url("/missing")
    document = Document.objects.create(kind=Document.Kind.URL, url=url, url_key=Document.key_for(url))
    ingest.fetch_document(document_id=document.pk)
    document.refresh_from_db()
    assert (document.status, document.error, document.error_code) == (
        Document.Status.FAILED,
        "The site answered 404",
        "http_status",
    )


def test_a_transient_failure_is_queued_again_for_a_retry(site):
    url = site.add("/busy", "try later", status=503)
    document = Document.objects.create(kind=Document.Kind.URL, url=url, url_key=Document.key_for(url))
    with pytest.raises(RetryLater):
        ingest.fetch_document(document_id=document.pk)
    document.refresh_from_db()
    assert (document.status, document.attempts, document.error) == (Document.Status.QUEUED, 1, "The site answered 503")


def test_a_private_address_is_refused(settings):
    settings.FETCH_ALLOWED_ADDRESSES = []
    document = Document.objects.create(kind=Document.Kind.URL, url="http://127.0.0.1:9/", url_key="x")
    ingest.fetch_document(document_id=document.pk)
    document.refresh_from_db()
    assert document.status == Document.Status.FAILED
    assert "private network" in document.error


def test_retry_queues_a_failed_document_again(django_capture_on_commit_callbacks):
    document = Document.objects.create(kind=Document.Kind.URL, url="https://x.example/", status="failed", attempts=5)
    with django_capture_on_commit_callbacks() as callbacks:
        assert ingest.retry_document(document=document)
    document.refresh_from_db()
    assert (document.status, document.attempts, len(callbacks)) == (Document.Status.QUEUED, 0, 1)
    assert not ingest.retry_document(document=document)


def test_the_sweep_requeues_lost_and_abandoned_work_and_gives_up_eventually():
    old = timezone.now() - timezone.timedelta(hours=1)
    lost = Document.objects.create(kind=Document.Kind.URL, url="https://a.example/", url_key="a")
    Document.objects.create(
        kind=Document.Kind.URL, url="https://b.example/", url_key="b", status="fetching", claimed_at=old, attempts=1
    )
    hopeless = Document.objects.create(kind=Document.Kind.URL, url="https://c.example/", url_key="c", attempts=5)
    Document.objects.create(kind=Document.Kind.URL, url="https://d.example/", url_key="d")
    Document.objects.filter(pk__in=[lost.pk, hopeless.pk]).update(updated_at=old)

    sweep = ingest.sweep_documents()
    assert (len(sweep.resend), sweep.given_up) == (2, 1)

    statuses = dict(Document.objects.values_list("url_key", "status"))
    assert statuses == {"a": "queued", "b": "queued", "c": "failed", "d": "queued"}
    assert Document.objects.get(url_key="c").error.startswith("Gave up after 5 attempts")


@pytest.mark.worker
@pytest.mark.django_db(transaction=True)
def test_a_real_worker_fetches_a_requested_document(site, celery_worker):
    url = site.add("/worker", ARTICLE)
    document = ingest.request_document(url=url)
    wait_for(lambda: Document.objects.get(pk=document.pk).status == Document.Status.READY)
    assert Document.objects.get(pk=document.pk).title == "Cycle lanes cut injuries"
