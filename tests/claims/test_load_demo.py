from __future__ import annotations

import pytest
from django.core.management import CommandError, call_command

from accounts.models import User
from claims.models import Article

pytestmark = pytest.mark.django_db


def test_it_creates_demo_users_in_development_and_prints_their_passwords(settings, capsys):
    settings.DEBUG = True
    settings.DEMO_USERS = True
    call_command("load_demo")
    out = capsys.readouterr().out
    assert "editor-demo-2026" in out
    editor = User.objects.get(username="editor")
    assert editor.check_password("editor-demo-2026")
    assert list(editor.groups.values_list("name", flat=True)) == ["Editors"]
    assert User.objects.get(username="admin").is_staff


def test_running_it_again_keeps_the_data(settings, capsys):
    settings.DEBUG = True
    settings.DEMO_USERS = True
    call_command("load_demo")
    call_command("load_demo")
    assert Article.objects.count() == 1
    assert User.objects.count() == 3


def test_it_never_creates_demo_users_without_debug(settings, capsys):
    settings.DEBUG = False
    settings.DEMO_USERS = False
    call_command("load_demo")
    assert not User.objects.exists()
    assert "createsuperuser" in capsys.readouterr().out


def test_it_refuses_demo_users_when_debug_is_off(settings):
    settings.DEBUG = False
    settings.DEMO_USERS = True
    with pytest.raises(CommandError, match="development"):
        call_command("load_demo")
    assert not User.objects.exists()
