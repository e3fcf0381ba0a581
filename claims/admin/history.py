"""Change history of claims, sources and verdicts (pghistory events): who, when, what — read-only."""

from __future__ import annotations

from typing import Any, ClassVar

from django.apps import apps
from django.contrib import admin
from django.db.models import BigIntegerField, F, Model, OuterRef, QuerySet, Subquery, Window
from django.db.models.fields.json import KeyTextTransform
from django.db.models.functions import Cast, JSONObject, Lag
from django.http import HttpRequest
from django.utils.html import format_html, format_html_join
from django.utils.safestring import SafeString, mark_safe

from accounts.models import User
from claims.models import Claim, Source, Verdict

from .common import OneObjectFilter, admin_url

# Bookkeeping columns that change on every save and would drown the real changes.
NOT_DIFFED = {"updated_at", "version", "features"}


def tracked_fields(event_model: type[Model]) -> list[str]:
    return [
        field.attname
        for field in event_model._meta.concrete_fields
        if not field.name.startswith("pgh_") and field.attname not in NOT_DIFFED
    ]


def _short(value: Any) -> str:
    text = "—" if value in (None, "") else str(value)
    return text if len(text) <= 60 else text[:59] + "…"


class EventAdmin(admin.ModelAdmin[Any]):
    """One query per page: the previous state comes from a window over the object's events."""

    tracked_model: type[Model]
    list_display = ("when", "event", "tracked_object", "actor", "changes")
    list_filter: ClassVar[tuple[str | type[admin.ListFilter], ...]] = ("pgh_label",)
    date_hierarchy = "pgh_created_at"
    ordering = ("-pgh_id",)
    show_full_result_count = False

    def get_queryset(self, request: HttpRequest) -> QuerySet[Any]:
        state = JSONObject(**{name: F(name) for name in tracked_fields(self.model)})
        previous = Window(Lag(state), partition_by=[F("pgh_obj_id")], order_by=F("pgh_id").asc())
        usernames = User.objects.filter(pk=OuterRef("actor_id")).values("username")[:1]
        queryset: QuerySet[Any] = (
            super()
            .get_queryset(request)
            .annotate(
                state=state,
                previous_state=previous,
                actor_id=Cast(KeyTextTransform("user", "pgh_context__metadata"), BigIntegerField()),
            )
            .annotate(actor_name=Subquery(usernames))
        )
        return queryset

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    @admin.display(description="When", ordering="pgh_created_at")
    def when(self, obj: Any) -> Any:
        return obj.pgh_created_at

    @admin.display(description="Event", ordering="pgh_label")
    def event(self, obj: Any) -> str:
        return str(obj.pgh_label)

    @admin.display(description="Object")
    def tracked_object(self, obj: Any) -> SafeString:
        url = admin_url(self.tracked_model, "change", obj.pgh_obj_id)
        return format_html('<a href="{}">{} #{}</a>', url, self.tracked_model._meta.verbose_name, obj.pgh_obj_id)

    @admin.display(description="Who")
    def actor(self, obj: Any) -> str:
        return getattr(obj, "actor_name", None) or "system"

    @admin.display(description="What changed")
    def changes(self, obj: Any) -> SafeString | str:
        state = getattr(obj, "state", None) or {}
        previous = getattr(obj, "previous_state", None)
        if previous is None:
            return "created" if obj.pgh_label == "insert" else "—"
        changed = [
            (name, _short(previous.get(name)), _short(value))
            for name, value in state.items()
            if previous.get(name) != value
        ]
        if not changed:
            return "—"
        return format_html_join(mark_safe("<br>"), "{}: {} → {}", changed)


class ClaimObjectFilter(OneObjectFilter):
    title = "claim"
    parameter_name = "pgh_obj"
    related_model: type[Model] = Claim
    field_name = "pgh_obj_id"


class SourceObjectFilter(ClaimObjectFilter):
    title = "source"
    related_model = Source


class VerdictObjectFilter(ClaimObjectFilter):
    title = "verdict"
    related_model = Verdict


class OfClaimFilter(OneObjectFilter):
    title = "of claim"
    parameter_name = "claim"
    related_model = Claim
    field_name = "claim_id"


@admin.register(apps.get_model("claims", "ClaimEvent"))
class ClaimEventAdmin(EventAdmin):
    tracked_model = Claim
    list_filter = ("pgh_label", ClaimObjectFilter)


@admin.register(apps.get_model("claims", "SourceEvent"))
class SourceEventAdmin(EventAdmin):
    tracked_model = Source
    list_filter = ("pgh_label", SourceObjectFilter, OfClaimFilter)


@admin.register(apps.get_model("claims", "VerdictEvent"))
class VerdictEventAdmin(EventAdmin):
    tracked_model = Verdict
    list_filter = ("pgh_label", VerdictObjectFilter, OfClaimFilter)
