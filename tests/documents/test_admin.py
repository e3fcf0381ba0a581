from __future__ import annotations

import pytest
from django.contrib.messages import get_messages

from documents.models import Document
from tests.factories import UrlDocumentFactory

pytestmark = pytest.mark.django_db


def test_it_lists_documents_with_their_fetch_status(staff_client):
    UrlDocumentFactory(title="Council traffic count", status=Document.Status.FAILED, error_code="timeout")

    page = staff_client.get("/admin/documents/document/?status__exact=failed").content.decode()

    assert "Council traffic count" in page
    assert "timeout" in page


def test_it_shows_a_document_read_only_without_its_raw_bytes(staff_client):
    document = UrlDocumentFactory(raw=b"<html>secret-bytes</html>", text="The snapshot <b>text</b>.")

    response = staff_client.get(f"/admin/documents/document/{document.pk}/change/")

    page = response.content.decode()
    assert response.status_code == 200
    assert "secret-bytes" not in page
    assert "The snapshot &lt;b&gt;text&lt;/b&gt;." in page
    assert "25" in page  # the raw size in bytes
    assert response.context["adminform"].form.fields == {}


def test_documents_are_not_added_by_hand(staff_client):
    assert staff_client.get("/admin/documents/document/add/").status_code == 403


def test_it_fetches_failed_documents_again(staff_client, django_capture_on_commit_callbacks):
    failed = UrlDocumentFactory(status=Document.Status.FAILED, error="Timed out", attempts=3)
    ready = UrlDocumentFactory(status=Document.Status.READY)

    with django_capture_on_commit_callbacks() as callbacks:
        response = staff_client.post(
            "/admin/documents/document/", {"action": "fetch_again", "_selected_action": [failed.pk, ready.pk]}
        )

    messages = [str(m) for m in get_messages(response.wsgi_request)]
    assert messages == ["Queued 1 document(s) to fetch again; only failed ones are retried."]
    failed.refresh_from_db()
    assert (failed.status, failed.error, failed.attempts) == (Document.Status.QUEUED, "", 0)
    assert len(callbacks) == 1
