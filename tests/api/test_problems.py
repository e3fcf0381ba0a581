"""Every error is an RFC 9457 problem; the browser's session works with CSRF; the rate limit answers 429."""

from __future__ import annotations

import pytest
from django.test import Client

from api.routes import account
from tests.api.conftest import assert_problem
from tests.factories import ClaimFactory

pytestmark = pytest.mark.django_db


def test_an_unknown_address_or_id_is_a_problem_not_an_html_page(editor_api):
    assert_problem(editor_api.get("/no-such-thing"), 404)
    assert_problem(editor_api.get("/claims/999999"), 404)
    assert_problem(Client().get("/api/v2/claims"), 404)


def test_invalid_input_lists_the_errors(editor_api):
    body = assert_problem(editor_api.get("/claims", {"limit": 0}), 422)
    assert body["errors"][0]["loc"] == ["query", "limit"]
    body = assert_problem(editor_api.post("/articles/url", {"address": "x"}), 422)
    assert {tuple(error["loc"]) for error in body["errors"]} >= {("body", "payload", "url")}


def test_a_body_that_is_not_json_is_a_400_and_a_form_body_a_415(editor_api):
    response = editor_api.client.post(
        "/api/v1/articles/url", "{not json", content_type="application/json", headers=editor_api._headers(None)
    )
    assert_problem(response, 400)
    response = editor_api.client.post(
        "/api/v1/articles/url", {"url": "https://a.example/"}, headers=editor_api._headers(None)
    )
    assert_problem(response, 415)


def test_an_unexpected_error_is_a_500_problem_without_a_traceback(editor_api, monkeypatch):
    def broken(*args, **kwargs):
        raise RuntimeError("secret internals")

    monkeypatch.setattr(account, "rating_out", broken)
    response = editor_api.get("/ratings")
    body = assert_problem(response, 500)
    assert "secret internals" not in response.content.decode()
    assert "Traceback" not in body["detail"]


def test_the_browser_session_works_and_writes_need_the_csrf_token(alice):
    client = Client(enforce_csrf_checks=True)
    client.force_login(alice)
    assert client.get("/api/v1/me").json()["username"] == "alice"
    claim = ClaimFactory()
    headers = {"If-Match": f'"claim-{claim.pk}-v1"'}
    assert_problem(client.post(f"/api/v1/claims/{claim.pk}/keep", headers=headers), 403)
    client.get("/account/api-tokens/")  # sets the csrftoken cookie
    headers["X-CSRFToken"] = client.cookies["csrftoken"].value
    assert client.post(f"/api/v1/claims/{claim.pk}/keep", headers=headers).status_code == 200


def test_each_token_has_its_own_rate_limit_with_retry_after(editor_api, second_editor_api, settings):
    settings.API_RATE_LIMIT = "3/m"
    for _ in range(3):
        assert editor_api.get("/me").status_code == 200
    response = editor_api.get("/me")
    assert_problem(response, 429)
    assert 0 < int(response["Retry-After"]) <= 60
    assert second_editor_api.get("/me").status_code == 200


def test_a_method_the_address_does_not_have_is_a_405_problem(editor_api):
    response = editor_api.delete("/claims")
    body = assert_problem(response, 405)
    assert "GET" in response["Allow"] and "GET" in body["detail"]


def test_the_api_root_points_to_the_document_and_the_docs(anonymous_api):
    assert anonymous_api.get("/").json() == {"openapi": "/api/v1/openapi.json", "docs": "/api/v1/docs"}
