from __future__ import annotations

import pytest

from claims.models import Claim, Source
from documents.models import Document
from tests.factories import ClaimFactory, SourceFactory, UrlDocumentFactory
from tests.workerfixtures import wait_for

pytestmark = pytest.mark.django_db

HX = {"HX-Request": "true", "HX-Target": "claim-panel"}
PAGE = """<html><head><title>Council transport report 2026</title>
<meta property="og:site_name" content="Northbridge Council"></head>
<body><article><h1>Council transport report 2026</h1>
<p>Cycling trips rose by 31% between 2020 and 2025, according to the council's own counters.</p>
<p>The counters were installed on six main routes across the city centre and the suburbs.</p></article></body></html>"""


def test_the_assignee_adds_a_source_once_even_when_submitting_twice(reviewer_client, bob):
    claim = ClaimFactory(assignee=bob, status=Claim.Status.IN_REVIEW)
    data = {"url": "https://stats.example/report", "stance": "refutes", "note": "Official figures"}
    reviewer_client.post(f"/claims/{claim.pk}/sources/", data, headers=HX)
    response = reviewer_client.post(f"/claims/{claim.pk}/sources/", data, headers=HX)
    assert Source.objects.filter(claim=claim).count() == 1
    html = response.content.decode()
    assert "That page is already cited for this claim." in html
    assert "Fetching the page…" in html
    assert 'hx-trigger="every 2s"' in html


def test_a_bad_url_is_explained(reviewer_client, bob):
    claim = ClaimFactory(assignee=bob)
    response = reviewer_client.post(
        f"/claims/{claim.pk}/sources/", {"url": "not a url", "stance": "supports"}, headers=HX
    )
    assert "Enter a valid URL." in response.content.decode()
    assert not Source.objects.exists()


def test_the_card_polls_until_the_page_is_fetched(reviewer_client):
    source = SourceFactory(document=UrlDocumentFactory(status=Document.Status.FETCHING, title=""))
    pending = reviewer_client.get(f"/sources/{source.pk}/", headers={"HX-Request": "true"})
    assert pending.status_code == 200
    assert b'hx-trigger="every 2s"' in pending.content

    Document.objects.filter(pk=source.document_id).update(
        status=Document.Status.READY, title="Council report", publisher="Council", text="Cycling rose by 31%."
    )
    ready = reviewer_client.get(f"/sources/{source.pk}/", headers={"HX-Request": "true"})
    assert ready.status_code == 286
    assert b"every 2s" not in ready.content
    assert b"Council report" in ready.content
    assert b"Cycling rose by 31%." in ready.content


def test_a_failed_fetch_shows_the_error_and_can_be_retried(editor_client):
    document = UrlDocumentFactory(status=Document.Status.FAILED, error="The server answered 404 Not Found.")
    source = SourceFactory(document=document, claim=ClaimFactory(status=Claim.Status.IN_REVIEW))
    card = editor_client.get(f"/sources/{source.pk}/", headers={"HX-Request": "true"})
    assert card.status_code == 286
    assert b"The server answered 404 Not Found." in card.content
    assert b"Retry" in card.content
    editor_client.post(f"/sources/{source.pk}/retry/", headers=HX)
    document.refresh_from_db()
    assert document.status == Document.Status.QUEUED


def test_choosing_the_passage_stance_and_note(editor_client):
    source = SourceFactory(claim=ClaimFactory(status=Claim.Status.IN_REVIEW))
    editor_client.post(
        f"/sources/{source.pk}/edit/", {"stance": "supports", "excerpt": " rose by 31% ", "note": "Table 2"}, headers=HX
    )
    source.refresh_from_db()
    assert (source.stance, source.excerpt, source.note) == ("supports", "rose by 31%", "Table 2")


def test_removing_a_source(editor_client):
    source = SourceFactory(claim=ClaimFactory(status=Claim.Status.IN_REVIEW))
    response = editor_client.post(f"/sources/{source.pk}/remove/", headers=HX)
    assert not Source.objects.exists()
    assert "Source removed." in response.content.decode()


def test_it_escapes_source_titles_and_hides_non_http_links(editor_client):
    document = UrlDocumentFactory(
        title="<img src=x onerror=alert(1)>", url="javascript:alert(1)", text="<script>x</script>"
    )
    source = SourceFactory(document=document, note="<b>note</b>")
    html = editor_client.get(source.claim.get_absolute_url()).content.decode()
    assert "<img src=x" not in html
    assert "&lt;img src=x onerror=alert(1)&gt;" in html
    assert 'href="javascript:' not in html
    assert "<script>x" not in html
    assert "<b>note</b>" not in html


@pytest.mark.worker
@pytest.mark.django_db(transaction=True)
def test_the_card_fills_in_when_a_real_worker_has_fetched_the_page(celery_worker, site, client, bob):
    url = site.add("/report", PAGE)
    claim = ClaimFactory(assignee=bob, status=Claim.Status.IN_REVIEW)
    client.force_login(bob)
    client.post(f"/claims/{claim.pk}/sources/", {"url": url, "stance": "refutes"}, headers=HX)
    source = Source.objects.get()

    wait_for(lambda: Document.objects.get(pk=source.document_id).status == Document.Status.READY)

    card = client.get(f"/sources/{source.pk}/", headers={"HX-Request": "true"})
    assert card.status_code == 286
    html = card.content.decode()
    assert "Council transport report 2026" in html
    assert "Cycling trips rose by 31%" in html


def test_the_fetching_message_gives_way_when_the_card_is_final(reviewer_client):
    source = SourceFactory(document=UrlDocumentFactory(status=Document.Status.FETCHING, title=""))
    pending = reviewer_client.get(f"/sources/{source.pk}/", headers={"HX-Request": "true"})
    assert b'id="messages"' not in pending.content

    Document.objects.filter(pk=source.document_id).update(status=Document.Status.READY, title="Council report")
    ready = reviewer_client.get(f"/sources/{source.pk}/", headers={"HX-Request": "true"}).content.decode()
    assert '<div id="messages" class="messages" hx-swap-oob="true"' in ready
    assert "Source fetched: Council report" in ready
    assert "fetching the page" not in ready
