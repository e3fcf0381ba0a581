"""Personas, logged-in clients and settings shared by every test."""

from __future__ import annotations

import importlib
import os

import pytest
from django.contrib.auth.models import Group
from django.test import Client

from accounts.models import User
from claims.permissions import EDITORS, REVIEWERS

# Playwright's sync API runs an event loop in the test thread.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")


@pytest.fixture(autouse=True)
def _seed_data(request):
    """Restore what the data migrations seed (roles, rating scale), which transactional tests flush."""
    marker = request.node.get_closest_marker("django_db")
    # A test reaches the database by its marker or through a fixture (a user fixture asks for `db`).
    uses = {"db", "transactional_db", "live_server"} & set(request.fixturenames)
    if marker is None and not uses:
        return
    transactional = (
        (marker is not None and marker.kwargs.get("transaction", False))
        or bool({"transactional_db", "live_server"} & uses)
        or request.node.get_closest_marker("browser")
    )
    request.getfixturevalue("transactional_db" if transactional else "db")
    from django.apps import apps
    from django.contrib.auth.models import Group

    if not Group.objects.filter(name=EDITORS).exists():
        seed = importlib.import_module("claims.migrations.0002_roles_and_rating_scale")
        seed.create_roles(apps, None)
        seed.seed_scale(apps, None)


@pytest.fixture(autouse=True)
def _claims_revision_at_each_statement(request):
    """Count claims revisions at each statement, not at commit: a test's transaction never commits.

    The triggers are deferred to commit in production; here they would never fire, and the article
    page would serve its cached highlights after a test changed the claims.
    """
    marker = request.node.get_closest_marker("django_db")
    if marker is None and "db" not in request.fixturenames:
        return
    transactional = {"transactional_db", "live_server"} & set(request.fixturenames)
    if transactional or (marker and marker.kwargs.get("transaction")) or request.node.get_closest_marker("browser"):
        return
    request.getfixturevalue("db")
    from django.db import connection

    with connection.cursor() as cursor:
        cursor.execute("SELECT tgname FROM pg_trigger WHERE tgname LIKE 'pgtrigger_claims_revision_%' AND tgdeferrable")
        names = ", ".join(f'"{name}"' for (name,) in cursor.fetchall())
        cursor.execute(f"SET CONSTRAINTS {names} IMMEDIATE")


@pytest.fixture(autouse=True)
def _fast_and_isolated(settings, tmp_path):
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    settings.STORAGES = {
        **settings.STORAGES,
        "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
    }
    settings.CACHES = {"default": {**settings.CACHES["default"], "KEY_PREFIX": f"test-{os.getpid()}-{tmp_path.name}"}}


def make_user(username: str, *groups: str, **extra) -> User:
    user = User.objects.create_user(username=username, password="pw-" + username, first_name=username.title(), **extra)
    if groups:
        user.groups.set(Group.objects.filter(name__in=groups))
    return user


@pytest.fixture
def alice(db) -> User:
    """An editor."""
    return make_user("alice", EDITORS)


@pytest.fixture
def dave(db) -> User:
    """A second editor, to approve alice's verdicts."""
    return make_user("dave", EDITORS)


@pytest.fixture
def bob(db) -> User:
    """A reviewer."""
    return make_user("bob", REVIEWERS)


@pytest.fixture
def charlie(db) -> User:
    """Logged in, but in no newsroom role."""
    return make_user("charlie")


@pytest.fixture
def staff(db) -> User:
    return make_user("staffer", EDITORS, is_staff=True, is_superuser=True)


def _client_for(user: User) -> Client:
    client = Client()
    client.force_login(user)
    return client


@pytest.fixture
def editor_client(alice) -> Client:
    return _client_for(alice)


@pytest.fixture
def reviewer_client(bob) -> Client:
    return _client_for(bob)


@pytest.fixture
def outsider_client(charlie) -> Client:
    return _client_for(charlie)


@pytest.fixture
def staff_client(staff) -> Client:
    return _client_for(staff)


pytest_plugins = ["tests.workerfixtures", "tests.webserver", "tests.browser.fixtures"]


@pytest.fixture
def unused_tcp_port() -> int:
    import socket

    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])
