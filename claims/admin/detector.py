"""The claim detector: scoring models with their figures, editors' decisions, and retraining."""

from __future__ import annotations

from typing import Any

from django.contrib import admin
from django.core.exceptions import PermissionDenied
from django.db.models import QuerySet
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.urls import URLPattern, path
from django.utils.html import format_html, format_html_join
from django.utils.safestring import SafeString
from django.views.decorators.http import require_POST

from claims import permissions
from claims.learning import refit
from claims.models import Claim, DetectorDecision, DetectorModel

from .common import admin_url


def flatten(data: Any, prefix: str = "") -> list[tuple[str, Any]]:
    """Nested metrics as dotted names, so they fit one two-column table."""
    if isinstance(data, dict):
        rows: list[tuple[str, Any]] = []
        for key, value in data.items():
            rows.extend(flatten(value, f"{prefix}{key}."))
        return rows
    return [(prefix.rstrip("."), round(data, 4) if isinstance(data, float) else data)]


def figures_table(data: Any) -> SafeString | str:
    rows = flatten(data or {})
    if not rows:
        return "—"
    body = format_html_join("", "<tr><th>{}</th><td>{}</td></tr>", rows)
    return format_html('<table class="detector-figures"><tbody>{}</tbody></table>', body)


class ReadOnlyAdmin(admin.ModelAdmin[Any]):
    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False


@admin.register(DetectorModel)
class DetectorModelAdmin(ReadOnlyAdmin):
    list_display = ("__str__", "is_active", "trained_on", "headline", "rules", "created_at")
    list_filter = ("is_active",)
    date_hierarchy = "created_at"
    fields = ("is_active", "trained_on", "figures", "created_at", "weights")
    readonly_fields = fields
    change_list_template = "admin/claims/detectormodel/change_list.html"

    def get_queryset(self, request: HttpRequest) -> QuerySet[DetectorModel]:
        queryset = super().get_queryset(request)
        if request.resolver_match and request.resolver_match.url_name == "claims_detectormodel_changelist":
            queryset = queryset.defer("weights")
        return queryset

    @admin.display(description="Figures")
    def headline(self, obj: DetectorModel) -> str:
        metrics = dict(flatten(obj.metrics or {}))
        shown = [
            f"{name} {metrics[name]}"
            for name in sorted(metrics)
            if name.rsplit(".", 1)[-1] in ("f1", "precision", "recall")
        ]
        return ", ".join(shown[:3]) or "—"

    @admin.display(description="Rules lifted")
    def rules(self, obj: DetectorModel) -> str:
        # Read from the metrics copy: the list defers the large weights JSON that also holds them.
        return ", ".join((obj.metrics or {}).get("lifted_rules") or []) or "none"

    @admin.display(description="Figures")
    def figures(self, obj: DetectorModel) -> SafeString | str:
        return figures_table(obj.metrics)

    def changelist_view(self, request: HttpRequest, extra_context: dict[str, Any] | None = None) -> HttpResponse:
        extra_context = {**(extra_context or {}), "can_retrain": self.has_retrain_permission(request)}
        return super().changelist_view(request, extra_context)

    def has_retrain_permission(self, request: HttpRequest) -> bool:
        return permissions.is_editor(request.user) and self.has_view_permission(request)

    def get_urls(self) -> list[URLPattern]:
        retrain = path("retrain/", self.admin_site.admin_view(self.retrain_view), name="claims_detectormodel_retrain")
        return [retrain, *super().get_urls()]

    def retrain_view(self, request: HttpRequest) -> HttpResponse:
        """Train a new scoring model from editors' decisions (the button on the list)."""
        return require_POST(self._retrain)(request)

    def _retrain(self, request: HttpRequest) -> HttpResponse:
        if not self.has_retrain_permission(request):
            raise PermissionDenied
        try:
            report = refit.train_detector()
        except refit.TrainingError as exc:
            self.message_user(request, f"The claim detector was not retrained: {exc}", "error")
        else:
            self.message_user(request, f"Retrained the claim detector: {report.summary()}", "success")
        return HttpResponseRedirect(admin_url(DetectorModel, "changelist"))


@admin.register(DetectorDecision)
class DetectorDecisionAdmin(ReadOnlyAdmin):
    list_display = ("short_text", "action", "label", "user", "claim_link", "created_at")
    list_filter = ("action", "label", "created_at")
    search_fields = ("text",)
    date_hierarchy = "created_at"
    list_select_related = ("user",)
    show_full_result_count = False
    fields = ("action", "label", "text", "claim_link", "user", "created_at", "feature_table")
    readonly_fields = fields

    def get_queryset(self, request: HttpRequest) -> QuerySet[DetectorDecision]:
        return super().get_queryset(request).defer("features")

    @admin.display(description="Text")
    def short_text(self, obj: DetectorDecision) -> str:
        return obj.text[:100]

    @admin.display(description="Claim")
    def claim_link(self, obj: DetectorDecision) -> SafeString | str:
        if obj.claim_id is None:
            return "—"
        return format_html('<a href="{}">claim #{}</a>', admin_url(Claim, "change", obj.claim_id), obj.claim_id)

    @admin.display(description="Features")
    def feature_table(self, obj: DetectorDecision) -> SafeString | str:
        return figures_table(obj.features)
