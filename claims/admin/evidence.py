"""Sources, verdicts and comments as their own lists, for finding and fixing evidence across claims."""

from __future__ import annotations

from typing import Any

from django.contrib import admin
from django.db.models import QuerySet
from django.http import HttpRequest
from django.utils.safestring import SafeString

from claims.models import Comment, Source, Verdict

from .common import change_link, is_changelist
from .scale import rating_badge


class PublishedFilter(admin.SimpleListFilter):
    title = "publication"
    parameter_name = "published"

    def lookups(self, request: HttpRequest, model_admin: Any) -> list[tuple[str, str]]:
        return [("yes", "Published"), ("approved", "Approved, not published"), ("proposed", "Proposed")]

    def queryset(self, request: HttpRequest, queryset: QuerySet[Verdict]) -> QuerySet[Verdict]:
        if self.value() == "yes":
            return queryset.filter(published_at__isnull=False)
        if self.value() == "approved":
            return queryset.filter(approved_at__isnull=False, published_at__isnull=True)
        if self.value() == "proposed":
            return queryset.filter(approved_at__isnull=True)
        return queryset


@admin.register(Source)
class SourceAdmin(admin.ModelAdmin[Source]):
    list_display = ("page", "claim_text", "stance", "added_by", "created_at")
    list_filter = ("stance", "created_at")
    search_fields = ("document__title", "document__url", "excerpt", "note", "claim__text")
    date_hierarchy = "created_at"
    list_select_related = ("claim", "document", "added_by")
    show_full_result_count = False
    # Which claim and page a source is, is its identity: fix the stance or note here, or cite again.
    readonly_fields = ("claim", "document", "added_by", "created_at", "updated_at")

    def has_add_permission(self, request: HttpRequest) -> bool:
        # Citing a URL fetches the page in the background; that happens on the claim page.
        return False

    def get_queryset(self, request: HttpRequest) -> QuerySet[Source]:
        queryset = super().get_queryset(request)
        if is_changelist(request):
            # A document's raw bytes and text can be megabytes; the list shows only its title.
            queryset = queryset.defer("document__raw", "document__text", "claim__features")
        return queryset

    @admin.display(description="Page", ordering="document__title")
    def page(self, obj: Source) -> str:
        return str(obj.document)[:100]

    @admin.display(description="Claim", ordering="claim__text")
    def claim_text(self, obj: Source) -> SafeString | str:
        return change_link(obj.claim, obj.claim.text[:80])


@admin.register(Verdict)
class VerdictAdmin(admin.ModelAdmin[Verdict]):
    list_display = ("claim_text", "badge", "author", "approved_by", "approved_at", "published_at", "created_at")
    list_filter = (PublishedFilter, "rating", "created_at")
    search_fields = ("claim__text", "rationale")
    date_hierarchy = "created_at"
    list_select_related = ("claim", "rating", "author", "approved_by")
    show_full_result_count = False
    # Who wrote and approved it, and when it was published, come from the workflow, never a form field.
    readonly_fields = (
        "claim",
        "author",
        "approved_by",
        "approved_at",
        "published_at",
        "version",
        "created_at",
        "updated_at",
    )

    def get_queryset(self, request: HttpRequest) -> QuerySet[Verdict]:
        return super().get_queryset(request).defer("claim__features")

    def has_add_permission(self, request: HttpRequest) -> bool:
        # A verdict is proposed on the claim page, which moves the claim through the workflow.
        return False

    def has_change_permission(self, request: HttpRequest, obj: Verdict | None = None) -> bool:
        # An approved verdict is what an editor signed off: a change needs a new proposal.
        if obj is not None and obj.approved_at is not None:
            return False
        return super().has_change_permission(request, obj)

    def has_delete_permission(self, request: HttpRequest, obj: Verdict | None = None) -> bool:
        if obj is not None and obj.approved_at is not None:
            return False
        return super().has_delete_permission(request, obj)

    def get_actions(
        self, request: HttpRequest, action_location: admin.ActionLocation = admin.ActionLocation.CHANGE_LIST
    ) -> dict[str, Any]:
        actions = super().get_actions(request, action_location)
        actions.pop("delete_selected", None)
        return actions

    @admin.display(description="Claim", ordering="claim__text")
    def claim_text(self, obj: Verdict) -> SafeString | str:
        return change_link(obj.claim, obj.claim.text[:80])

    @admin.display(description="Rating", ordering="rating__position")
    def badge(self, obj: Verdict) -> SafeString | str:
        return rating_badge(obj.rating.label, obj.rating.colour)


@admin.register(Comment)
class CommentAdmin(admin.ModelAdmin[Comment]):
    list_display = ("short_body", "claim_text", "author", "created_at")
    search_fields = ("body", "claim__text")
    date_hierarchy = "created_at"
    list_filter = ("created_at",)
    list_select_related = ("claim", "author")
    readonly_fields = ("claim", "author", "created_at")
    show_full_result_count = False

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def get_queryset(self, request: HttpRequest) -> QuerySet[Comment]:
        return super().get_queryset(request).defer("claim__features")

    @admin.display(description="Comment", ordering="body")
    def short_body(self, obj: Comment) -> str:
        return obj.body[:100]

    @admin.display(description="Claim", ordering="claim__text")
    def claim_text(self, obj: Comment) -> SafeString | str:
        return change_link(obj.claim, obj.claim.text[:80])
