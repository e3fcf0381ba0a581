from __future__ import annotations

import pytest
from django.contrib.auth.models import Permission

from claims.permissions import EDITORS, REVIEWERS
from tests.conftest import make_user

pytestmark = pytest.mark.django_db


def _act(client, action: str, users):
    return client.post("/admin/accounts/user/", {"action": action, "_selected_action": [u.pk for u in users]})


def test_it_adds_users_to_editors_and_reviewers(staff_client, charlie):
    newcomer = make_user("newcomer")

    _act(staff_client, "add_to_editors", [charlie])
    _act(staff_client, "add_to_reviewers", [charlie, newcomer])

    assert set(charlie.groups.values_list("name", flat=True)) == {EDITORS, REVIEWERS}
    assert list(newcomer.groups.values_list("name", flat=True)) == [REVIEWERS]
    page = staff_client.get("/admin/accounts/user/?groups__id__exact=" + str(newcomer.groups.get().pk)).content.decode()
    assert '<td class="field-roles">Reviewers</td>' in page


def test_it_removes_newsroom_roles(staff_client, alice):
    _act(staff_client, "remove_roles", [alice])

    assert not alice.groups.exists()


def test_it_filters_users_by_role(staff_client, alice, bob):
    editors = staff_client.get(f"/admin/accounts/user/?groups__id__exact={alice.groups.get().pk}")

    names = {user.username for user in editors.context["cl"].result_list}
    assert "alice" in names
    assert "bob" not in names


def test_staff_who_may_change_users_cannot_grant_privileges(client, charlie):
    manager = make_user("manager", is_staff=True)
    manager.user_permissions.add(*Permission.objects.filter(codename__in=["view_user", "change_user"]))
    client.force_login(manager)

    page = client.get("/admin/accounts/user/").content.decode()
    form = client.get(f"/admin/accounts/user/{manager.pk}/change/").context["adminform"].form

    assert 'value="add_to_editors"' not in page
    for field in ("is_superuser", "is_staff", "groups", "user_permissions"):
        assert field not in form.fields
