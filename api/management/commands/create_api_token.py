"""Create a personal API token for a user from the command line; it is printed once."""

from __future__ import annotations

import datetime
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.utils import timezone

from accounts.models import User
from api import tokens


class Command(BaseCommand):
    help = "Create a personal API token for USERNAME and print it (only its digest is stored)."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("username")
        parser.add_argument("--name", default="Command line", help="What the token is for.")
        parser.add_argument("--days", type=int, default=None, help="Expire after this many days.")

    def handle(self, *args: Any, **options: Any) -> None:
        user = User.objects.filter(username=options["username"]).first()
        if user is None:
            raise CommandError(f"No user called {options['username']!r}")
        expires_at = None
        if options["days"] is not None:
            if options["days"] < 1:
                raise CommandError("--days must be 1 or more")
            expires_at = timezone.now() + datetime.timedelta(days=options["days"])
        _, raw = tokens.create_token(user=user, name=options["name"], expires_at=expires_at)
        self.stdout.write(raw)
