from __future__ import annotations

import pytest

pytestmark = pytest.mark.django_db


def test_it_shows_the_login_page(client):
    response = client.get("/accounts/login/")
    assert response.status_code == 200
    assert b'name="username"' in response.content


def test_it_logs_in_with_the_right_password(client, alice):
    response = client.post("/accounts/login/", {"username": "alice", "password": "pw-alice"})
    assert response.status_code == 302
    assert response["Location"] == "/"


def test_it_cools_off_after_repeated_failures(client, alice, settings):
    for _ in range(settings.AXES_FAILURE_LIMIT):
        client.post("/accounts/login/", {"username": "alice", "password": "wrong"})
    # Even the right password is refused while the cool-off lasts.
    response = client.post("/accounts/login/", {"username": "alice", "password": "pw-alice"})
    assert response.status_code == 429
    assert b"Too many failed log-in attempts" in response.content


def test_the_cool_off_ends(client, alice, settings):
    from axes.models import AccessAttempt

    for _ in range(settings.AXES_FAILURE_LIMIT):
        client.post("/accounts/login/", {"username": "alice", "password": "wrong"})
    # Age the attempts past the cool-off rather than sleeping.
    from django.utils import timezone

    AccessAttempt.objects.update(attempt_time=timezone.now() - timezone.timedelta(hours=1))
    response = client.post("/accounts/login/", {"username": "alice", "password": "pw-alice"})
    assert response.status_code == 302


def test_it_logs_out_on_post_only(editor_client):
    assert editor_client.get("/accounts/logout/").status_code == 405
    response = editor_client.post("/accounts/logout/")
    assert response.status_code == 302
    assert editor_client.get("/").status_code == 302


def test_it_changes_the_password(editor_client, alice):
    response = editor_client.post(
        "/accounts/password/",
        {
            "old_password": "pw-alice",
            "new_password1": "a-much-longer-pass-42",
            "new_password2": "a-much-longer-pass-42",
        },
    )
    assert response.status_code == 302
    alice.refresh_from_db()
    assert alice.check_password("a-much-longer-pass-42")
