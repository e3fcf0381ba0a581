"""Claim matching: the fact-check archive and "has this been checked before?"."""

from __future__ import annotations

from django.apps import AppConfig


class MatchingConfig(AppConfig):
    name = "matching"
    verbose_name = "Claim matching"

    def ready(self) -> None:
        from matching import hooks, tasks

        hooks.connect()
        tasks.connect()
