"""Create demo users (development only) and a demo article, once."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from django.conf import settings
from django.contrib.auth.models import Group
from django.core.management.base import BaseCommand, CommandError

from accounts.models import User
from claims import demo
from claims.permissions import EDITORS, REVIEWERS

DEMO_USERS = (
    # username, password, groups, is_staff
    ("editor", "editor-demo-2026", (EDITORS,), False),
    ("reviewer", "reviewer-demo-2026", (REVIEWERS,), False),
    ("admin", "admin-demo-2026", (EDITORS, REVIEWERS), True),
)


class Command(BaseCommand):
    help = "Load the demo article and, in development mode, demo users with known passwords."

    def handle(self, *args: Any, **options: Any) -> None:
        if settings.DEMO_USERS:
            self._create_users()
        elif not User.objects.exists():
            self.stdout.write("No users yet: create one with `python manage.py createsuperuser`.")
        article = demo.load_demo_article(text=(Path(demo.__file__).parent / "article.txt").read_text())
        self.stdout.write(f"Demo article: {article.display_title} (#{article.pk}, {article.get_status_display()})")

    def _create_users(self) -> None:
        if not settings.DEBUG:
            raise CommandError("Demo users exist only in development (DEBUG on).")
        lines = []
        for username, password, groups, is_staff in DEMO_USERS:
            user, created = User.objects.get_or_create(
                username=username,
                defaults={"is_staff": is_staff, "is_superuser": is_staff, "first_name": username.title()},
            )
            if created:
                user.set_password(password)
                user.save()
            user.groups.set(Group.objects.filter(name__in=groups))
            lines.append(
                f"  {username:<9} {password if created or user.check_password(password) else '(changed by you)'}"
            )
        self.stdout.write("Demo users (development only):\n" + "\n".join(lines))
