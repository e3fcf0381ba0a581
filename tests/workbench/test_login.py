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


def test_one_address_trying_many_user_names_cools_off(client, alice, settings):
    for i in range(settings.LOGIN_ADDRESS_FAILURE_LIMIT - 1):
        response = client.post("/accounts/login/", {"username": f"user{i}", "password": "wrong"})
        assert response.status_code == 200
    client.post("/accounts/login/", {"username": "one-more", "password": "wrong"})
    # Even a right password from that address waits, while another address is not held back.
    response = client.post("/accounts/login/", {"username": "alice", "password": "pw-alice"})
    assert response.status_code == 429
    assert b"Too many failed log-in attempts" in response.content
    other = client.post("/accounts/login/", {"username": "alice", "password": "pw-alice"}, REMOTE_ADDR="192.0.2.7")
    assert other.status_code == 302


def test_failures_under_the_address_limit_do_not_hold_it_back(client, alice, settings):
    for i in range(settings.LOGIN_ADDRESS_FAILURE_LIMIT - 1):
        client.post("/accounts/login/", {"username": f"user{i}", "password": "wrong"})
    response = client.post("/accounts/login/", {"username": "alice", "password": "pw-alice"})
    assert response.status_code == 302
