from __future__ import annotations

import datetime
import re

import pytest
from django.test import Client
from django.utils import timezone

from api import tokens
from api.models import ApiToken
from tests.api.conftest import ApiClient, assert_problem

pytestmark = pytest.mark.django_db


def test_the_token_page_shows_a_new_token_once_and_keeps_only_its_digest(editor_client, alice):
    response = editor_client.post("/account/api-tokens/", {"name": "CMS"})
    assert response.status_code == 201
    raw = re.search(r'id="new-token-value">(cwb_[^<]+)<', response.content.decode()).group(1)
    assert response["Cache-Control"].startswith("max-age=0")
    token = ApiToken.objects.get(user=alice)
    assert (token.name, token.prefix) == ("CMS", raw[:12])
    assert token.digest == tokens.digest(raw) and raw not in token.digest
    listing = editor_client.get("/account/api-tokens/").content.decode()
    assert "CMS" in listing and raw not in listing
    assert ApiClient(raw).get("/me").json()["username"] == "alice"


def test_the_token_page_needs_a_log_in():
    response = Client().get("/account/api-tokens/")
    assert response.status_code == 302 and "/accounts/login/" in response["Location"]


def test_an_expiry_in_the_past_is_refused(editor_client):
    response = editor_client.post("/account/api-tokens/", {"name": "Bot", "expires_on": "2020-01-01"})
    assert response.status_code == 422
    assert "Choose a date after today." in response.content.decode()
    assert not ApiToken.objects.exists()


def test_a_revoked_token_gets_401(editor_client, alice):
    token, raw = tokens.create_token(user=alice, name="Bot")
    assert ApiClient(raw).get("/me").status_code == 200
    editor_client.post(f"/account/api-tokens/{token.pk}/revoke/")
    token.refresh_from_db()
    assert token.revoked_at is not None
    response = ApiClient(raw).get("/me")
    assert_problem(response, 401)
    assert response["WWW-Authenticate"] == 'Bearer realm="api"'


def test_nobody_revokes_someone_elses_token_on_the_page(reviewer_client, alice):
    token, _ = tokens.create_token(user=alice, name="Bot")
    assert reviewer_client.post(f"/account/api-tokens/{token.pk}/revoke/").status_code == 404
    token.refresh_from_db()
    assert token.revoked_at is None


def test_an_expired_or_unknown_token_gets_401(alice):
    _, raw = tokens.create_token(user=alice, name="Bot", expires_at=timezone.now() - datetime.timedelta(seconds=1))
    assert_problem(ApiClient(raw).get("/me"), 401)
    assert_problem(ApiClient("cwb_not-a-real-token").get("/me"), 401)
    assert_problem(ApiClient(None).get("/me"), 401)


def test_a_token_of_a_deactivated_user_gets_401(alice):
    _, raw = tokens.create_token(user=alice, name="Bot")
    alice.is_active = False
    alice.save()
    assert_problem(ApiClient(raw).get("/me"), 401)


def test_using_a_token_records_when(alice):
    token, raw = tokens.create_token(user=alice, name="Bot")
    assert token.last_used_at is None
    ApiClient(raw).get("/me")
    token.refresh_from_db()
    assert token.last_used_at is not None


def test_staff_revoke_tokens_in_the_admin(staff_client, alice):
    token, raw = tokens.create_token(user=alice, name="Bot")
    response = staff_client.post(
        "/admin/api/apitoken/", {"action": "revoke", "_selected_action": [token.pk]}, follow=True
    )
    assert "Revoked 1 token(s)." in response.content.decode()
    assert_problem(ApiClient(raw).get("/me"), 401)


def test_me_names_the_roles(editor_api, reviewer_api):
    assert editor_api.get("/me").json()["roles"] == ["Editors"]
    assert reviewer_api.get("/me").json()["roles"] == ["Reviewers"]


def test_the_command_prints_a_working_token(alice):
    from io import StringIO

    from django.core.management import call_command
    from django.core.management.base import CommandError

    out = StringIO()
    call_command("create_api_token", "alice", "--name", "CMS", "--days", "30", stdout=out)
    raw = out.getvalue().strip()
    assert ApiClient(raw).get("/me").json()["username"] == "alice"
    assert ApiToken.objects.get().expires_at > timezone.now() + datetime.timedelta(days=29)
    with pytest.raises(CommandError):
        call_command("create_api_token", "nobody")
