"""The newsroom domain: articles, claims, evidence, verdicts and the review UI."""

from __future__ import annotations

from django.apps import AppConfig


class ClaimsConfig(AppConfig):
    name = "claims"
    verbose_name = "Fact-checking"

    def ready(self) -> None:
        from claims import tasks

        tasks.connect()
