"""Web documents: fetching, main-text extraction and stored snapshots."""

from __future__ import annotations

from django.apps import AppConfig


class DocumentsConfig(AppConfig):
    name = "documents"
    verbose_name = "Web documents"

    def ready(self) -> None:
        from documents import tasks

        tasks.connect()
