"""The archive in the admin: fact checks with filters and search, imports with progress, decisions, models."""

from __future__ import annotations

from typing import Any

from django import forms
from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied
from django.db.models import QuerySet
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.template.response import TemplateResponse
from django.urls import URLPattern, path, reverse
from django.utils.html import format_html, format_html_join
from django.utils.safestring import SafeString

from claims import permissions
from claims.admin.detector import ReadOnlyAdmin, figures_table
from matching import jobs
from matching.models import FactCheck, ImportJob, MatchDecision, MatcherModel

MAX_UPLOAD_BYTES = 200 * 1024 * 1024


class DistinctValueFilter(admin.SimpleListFilter):
    """The values a column has (served by its index), most frequent first and capped, so 1M rows stay cheap."""

    field_name: str
    limit = 30

    def lookups(self, request: HttpRequest, model_admin: admin.ModelAdmin[Any]) -> list[tuple[str, str]]:
        from django.db.models import Count

        values = (
            FactCheck.objects.exclude(**{self.field_name: ""})
            .values_list(self.field_name)
            .annotate(n=Count("pk"))
            .order_by("-n")[: self.limit]
        )
        return [(value, f"{value} ({n:,})") for value, n in values]

    def queryset(self, request: HttpRequest, queryset: QuerySet[Any]) -> QuerySet[Any]:
        value = self.value()
        return queryset.filter(**{self.field_name: value}) if value else queryset


class PublisherFilter(DistinctValueFilter):
    title = "publisher"
    parameter_name = "publisher"
    field_name = "publisher"


class RatingFilter(DistinctValueFilter):
    title = "rating"
    parameter_name = "rating"
    field_name = "rating"


class LanguageFilter(DistinctValueFilter):
    title = "language"
    parameter_name = "language"
    field_name = "language"


@admin.register(FactCheck)
class FactCheckAdmin(admin.ModelAdmin[FactCheck]):
    list_display = ("claim_excerpt", "rating", "publisher", "review_date", "language", "origin", "link")
    list_filter = ("origin", PublisherFilter, RatingFilter, LanguageFilter, ("review_date", admin.DateFieldListFilter))
    # Substring search on the claim is served by the pg_trgm GIN index.
    search_fields = ("claim", "=url", "=external_id")
    show_full_result_count = False
    list_per_page = 50
    fields = (
        "claim", "title", "url", "external_id", "rating", "publisher", "claimant",
        "claim_date", "review_date", "language", "origin", "verdict", "created_at", "updated_at",
    )  # fmt: skip
    readonly_fields = ("origin", "verdict", "created_at", "updated_at")

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False  # fact checks come from imports and published verdicts

    @admin.display(description="claim", ordering="claim")
    def claim_excerpt(self, obj: FactCheck) -> str:
        return obj.claim[:120]

    @admin.display(description="link")
    def link(self, obj: FactCheck) -> SafeString | str:
        if not obj.url:
            return "—"
        return format_html('<a href="{}" rel="noopener noreferrer nofollow" target="_blank">open</a>', obj.url)


class ImportUploadForm(forms.Form):
    file = forms.FileField(help_text="ClaimReview JSON-LD, CSV with the documented columns, or JSONL (gzip allowed).")
    format = forms.ChoiceField(
        choices=[("", "Guess from the file"), ("jsonld", "ClaimReview JSON-LD"), ("csv", "CSV"), ("jsonl", "JSONL")],
        required=False,
    )

    def clean_file(self) -> Any:
        upload = self.cleaned_data["file"]
        if upload.size > MAX_UPLOAD_BYTES:
            raise forms.ValidationError(
                f"Too large: {upload.size / 1e6:.0f} MB, the limit is {MAX_UPLOAD_BYTES / 1e6:.0f} MB."
            )
        return upload


@admin.register(ImportJob)
class ImportJobAdmin(ReadOnlyAdmin):
    list_display = ("__str__", "status", "progress_text", "created", "updated", "skipped", "requested_by", "created_at")
    list_filter = ("status",)
    fields = (
        "filename", "format", "status", "progress_text", "created", "updated", "skipped", "problem_list",
        "error", "requested_by", "created_at", "started_at", "finished_at",
    )  # fmt: skip
    readonly_fields = fields
    change_list_template = "admin/matching/importjob/change_list.html"
    change_form_template = "admin/matching/importjob/change_form.html"

    def has_view_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return permissions.can_import_fact_checks(request.user)

    def has_module_permission(self, request: HttpRequest) -> bool:
        return permissions.can_import_fact_checks(request.user)

    def get_queryset(self, request: HttpRequest) -> QuerySet[ImportJob]:
        return super().get_queryset(request).select_related("requested_by").defer("data")

    def get_urls(self) -> list[URLPattern]:
        upload = path("upload/", self.admin_site.admin_view(self.upload_view), name="matching_importjob_upload")
        return [upload, *super().get_urls()]

    @admin.display(description="progress")
    def progress_text(self, obj: ImportJob) -> str:
        if obj.total:
            return f"{obj.processed:,} of {obj.total:,} items ({obj.progress}%)"
        return f"{obj.processed:,} items"

    @admin.display(description="skipped items")
    def problem_list(self, obj: ImportJob) -> SafeString | str:
        if not obj.problems:
            return "—"
        rows = [(p.get("item"), p.get("reason"), p.get("label", "")) for p in obj.problems]
        body = format_html_join("", "<tr><td>{}</td><td>{}</td><td>{}</td></tr>", rows)
        more = obj.skipped - len(obj.problems)
        tail = format_html("<p>… and {} more.</p>", more) if more > 0 else ""
        return format_html(
            '<table class="import-problems"><thead><tr><th>Item</th><th>Why it was skipped</th><th>Item</th>'
            "</tr></thead><tbody>{}</tbody></table>{}",
            body,
            tail,
        )

    def upload_view(self, request: HttpRequest) -> HttpResponse:
        if not permissions.can_import_fact_checks(request.user):
            raise PermissionDenied("Only staff import fact checks")
        form = ImportUploadForm(request.POST or None, request.FILES or None)
        if request.method == "POST" and form.is_valid():
            upload = form.cleaned_data["file"]
            job = jobs.request_import(
                data=upload.read(),
                filename=upload.name,
                fmt=form.cleaned_data["format"],
                user=request.user,  # type: ignore[arg-type]  # staff only, so authenticated
            )
            messages.success(request, "The file is being imported in the background; this page shows its progress.")
            return HttpResponseRedirect(reverse("admin:matching_importjob_change", args=[job.pk]))
        context = {
            **self.admin_site.each_context(request),
            "title": "Import fact checks",
            "form": form,
            "opts": self.model._meta,
        }
        return TemplateResponse(request, "admin/matching/importjob/upload.html", context)


@admin.register(MatchDecision)
class MatchDecisionAdmin(ReadOnlyAdmin):
    list_display = ("text_excerpt", "decision", "fact_check", "user", "created_at")
    list_filter = ("decision",)
    list_select_related = ("fact_check", "user")

    @admin.display(description="claim")
    def text_excerpt(self, obj: MatchDecision) -> str:
        return obj.text[:100]


@admin.register(MatcherModel)
class MatcherModelAdmin(ReadOnlyAdmin):
    list_display = ("__str__", "is_active", "trained_on", "created_at")
    list_filter = ("is_active",)
    fields = ("is_active", "trained_on", "figures", "created_at", "weights")
    readonly_fields = fields

    @admin.display(description="figures on held-out decisions")
    def figures(self, obj: MatcherModel) -> SafeString | str:
        return figures_table(obj.metrics)
