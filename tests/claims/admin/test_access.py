from __future__ import annotations

import pytest
from axes.models import AccessAttempt
from django.contrib.auth.models import Permission
from django.utils import timezone

from tests.conftest import make_user
from tests.factories import ClaimFactory

pytestmark = pytest.mark.django_db


def test_it_sends_anonymous_visitors_to_the_admin_login(client):
    response = client.get("/admin/claims/claim/")

    assert response.status_code == 302
    assert response["Location"] == "/admin/login/?next=/admin/claims/claim/"


def test_it_keeps_people_who_are_not_staff_out(outsider_client, editor_client):
    for client in (outsider_client, editor_client):
        response = client.get("/admin/")
        assert response.status_code == 302
        assert response["Location"].startswith("/admin/login/")


def test_it_shows_staff_without_permissions_nothing(client):
    client.force_login(make_user("intern", is_staff=True))

    index = client.get("/admin/")
    claims = client.get("/admin/claims/claim/")

    assert index.status_code == 200
    assert "You don’t have permission to view or edit anything." in index.content.decode()
    assert claims.status_code == 403


def test_it_shows_staff_only_the_models_they_may_see(client):
    intern = make_user("intern", is_staff=True)
    intern.user_permissions.add(Permission.objects.get(codename="view_claim"))
    client.force_login(intern)
    claim = ClaimFactory()

    index = client.get("/admin/").content.decode()

    assert "/admin/claims/claim/" in index
    assert "/admin/claims/article/" not in index
    assert client.get("/admin/claims/claim/").status_code == 200
    assert client.get("/admin/claims/article/").status_code == 403
    # Viewing is not changing: the form is read-only and a POST is refused.
    assert client.post(f"/admin/claims/claim/{claim.pk}/change/", {"text": "Changed"}).status_code == 403
    # No role, so no newsroom action either (not even an export).
    assert 'value="export_csv"' not in client.get("/admin/claims/claim/").content.decode()


def test_it_names_the_site(staff_client):
    response = staff_client.get("/admin/")

    assert "Claim Workbench administration" in response.content.decode()


def _admin_login(client, password: str):
    return client.post("/admin/login/?next=/admin/", {"username": "staffer", "password": password})


def test_it_cools_off_admin_logins_after_repeated_failures(client, staff, settings):
    first = _admin_login(client, "wrong")
    assert "Please enter the correct username and password" in first.content.decode()
    for _ in range(settings.AXES_FAILURE_LIMIT - 1):
        _admin_login(client, "wrong")

    # Even the right password is refused during the cool-off.
    locked = _admin_login(client, "pw-staffer")
    assert locked.status_code == 429
    assert "Too many failed log-in attempts" in locked.content.decode()
    assert client.get("/admin/").status_code == 302

    # Age the attempts past the cool-off rather than sleeping: it is not a permanent lock-out.
    AccessAttempt.objects.update(
        attempt_time=timezone.now() - settings.AXES_COOLOFF_TIME * timezone.timedelta(hours=1.1)
    )
    response = _admin_login(client, "pw-staffer")
    assert response.status_code == 302
    assert client.get("/admin/").status_code == 200
