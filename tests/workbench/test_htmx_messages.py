from __future__ import annotations

import pytest
from django.contrib import messages
from django.http import HttpResponse
from django.test import RequestFactory
from django_htmx.middleware import HtmxMiddleware

from workbench.middleware import HtmxMessagesMiddleware

pytestmark = pytest.mark.django_db


def _run(request, status=200):
    def view(req):
        messages.success(req, "Claim kept.")
        return HttpResponse("<p>partial</p>", status=status)

    return HtmxMiddleware(HtmxMessagesMiddleware(view))(request)


def _request(htmx: bool):
    from django.contrib.messages.storage.fallback import FallbackStorage
    from django.contrib.sessions.backends.cache import SessionStore

    request = RequestFactory().post("/", headers={"HX-Request": "true"} if htmx else {})
    request.session = SessionStore()
    request._messages = FallbackStorage(request)
    return request


def test_htmx_responses_carry_the_messages_out_of_band():
    response = _run(_request(htmx=True))
    body = response.content.decode()
    assert 'id="messages" class="messages" hx-swap-oob="true"' in body
    assert "Claim kept." in body


def test_plain_requests_keep_their_messages_for_the_next_page():
    request = _request(htmx=False)
    response = _run(request)
    assert "Claim kept." not in response.content.decode()
    assert [m.message for m in messages.get_messages(request)] == ["Claim kept."]


def test_redirects_keep_their_messages():
    request = _request(htmx=True)
    response = _run(request, status=302)
    assert "Claim kept." not in response.content.decode()
    assert [m.message for m in messages.get_messages(request)] == ["Claim kept."]


def test_the_page_itself_renders_the_region_in_band(editor_client):
    # With hx-swap-oob in the page, htmx would drop #messages when restoring the page from history.
    html = editor_client.get("/").content.decode()
    assert '<div id="messages" class="messages" role="status"' in html
