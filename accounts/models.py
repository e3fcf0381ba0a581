"""The user model: Django's, kept swappable from day one."""

from __future__ import annotations

from django.contrib.auth.models import AbstractUser


class User(AbstractUser):
    @property
    def display_name(self) -> str:
        return self.get_full_name() or self.username
