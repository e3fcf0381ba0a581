"""Fetched and uploaded documents in the admin: status, errors and a retry. Must not import claims."""

from __future__ import annotations

from django.contrib import admin
from django.db.models import QuerySet
from django.db.models.functions import Length
from django.http import HttpRequest

from documents import ingest
from documents.models import Document


@admin.register(Document)
class DocumentAdmin(admin.ModelAdmin[Document]):
    list_display = ("__str__", "kind", "status", "error_code", "attempts", "fetched_at", "created_at")
    list_filter = ("status", "kind", "error_code", "created_at")
    search_fields = ("title", "url", "final_url", "filename", "publisher")
    date_hierarchy = "created_at"
    show_full_result_count = False
    actions = ("fetch_again",)
    # What was fetched is evidence: it is shown, never edited.
    readonly_fields = (
        "kind",
        "url",
        "final_url",
        "filename",
        "content_type",
        "status",
        "error",
        "error_code",
        "attempts",
        "claimed_at",
        "fetched_at",
        "raw_size",
        "title",
        "authors",
        "publisher",
        "published_on",
        "canonical_url",
        "language",
        "text_hash",
        "notices",
        "text",
        "created_at",
        "updated_at",
    )
    fieldsets = (
        (None, {"fields": ("kind", "url", "final_url", "filename", "content_type")}),
        ("Fetch", {"fields": ("status", "error", "error_code", "attempts", "claimed_at", "fetched_at", "raw_size")}),
        ("Metadata", {"fields": ("title", "authors", "publisher", "published_on", "canonical_url", "language")}),
        ("Snapshot", {"fields": ("text_hash", "notices", "text"), "classes": ("collapse",)}),
        ("Dates", {"fields": ("created_at", "updated_at")}),
    )

    def get_queryset(self, request: HttpRequest) -> QuerySet[Document]:
        # Raw bytes and text can be megabytes each: the form shows only the size of the bytes, the list neither.
        queryset = super().get_queryset(request).defer("raw").annotate(raw_bytes=Length("raw"))
        match = request.resolver_match
        if match and match.url_name == "documents_document_changelist":
            queryset = queryset.defer("raw", "text")
        return queryset

    def has_add_permission(self, request: HttpRequest) -> bool:
        # Documents come from imports and cited URLs, which fetch them safely in the background.
        return False

    @admin.display(description="Raw size (bytes)")
    def raw_size(self, obj: Document) -> int:
        return getattr(obj, "raw_bytes", 0) or 0

    @admin.action(description="Fetch the selected failed documents again", permissions=("change",))
    def fetch_again(self, request: HttpRequest, queryset: QuerySet[Document]) -> None:
        failed = queryset.filter(status=Document.Status.FAILED).defer("raw", "text")
        count = sum(ingest.retry_document(document=document) for document in failed)
        self.message_user(request, f"Queued {count} document(s) to fetch again; only failed ones are retried.")
