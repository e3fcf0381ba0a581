"""Claims: bounded list columns, sources and verdict history inline, and the editors' bulk actions."""

from __future__ import annotations

from typing import Any

from django.apps import apps
from django.contrib import admin
from django.db.models import Count, IntegerField, OuterRef, QuerySet, Subquery, Value
from django.db.models.functions import Coalesce
from django.http import HttpRequest, HttpResponse
from django.utils.html import format_html, format_html_join
from django.utils.safestring import SafeString

from claims import permissions
from claims.exports import claimreview
from claims.models import Article, Claim, ClaimQuerySet, Comment, Source, Verdict
from claims.review import triage, verification

from . import exporting
from .common import OneObjectFilter, ReadOnlyInlineMixin, change_link, changelist_link, intermediate_page, too_many
from .forms import AssigneeFilter, AssignForm, ClaimForm, DismissForm, MergeForm
from .scale import rating_badge

MAX_MERGE = 20


def _count(model: type[Any]) -> Coalesce:
    """A per-claim count as a correlated subquery: no GROUP BY over the wide claim row."""
    rows = model.objects.filter(claim=OuterRef("pk")).order_by().values("claim").annotate(n=Count("pk")).values("n")
    return Coalesce(Subquery(rows, output_field=IntegerField()), Value(0))


class ArticleFilter(OneObjectFilter):
    title = "article"
    parameter_name = "article"
    related_model = Article
    field_name = "article_id"


class SourceInline(admin.TabularInline[Source, Claim]):
    """Sources are cited from the claim page, which fetches the page; here their notes can be fixed."""

    model = Source
    fields = ("page", "stance", "excerpt", "note", "added_by", "created_at")
    readonly_fields = ("page", "added_by", "created_at")
    extra = 0

    def get_queryset(self, request: HttpRequest) -> QuerySet[Source]:
        return (
            super()
            .get_queryset(request)
            .select_related("document", "added_by")
            .defer("document__raw", "document__text")
        )

    def has_add_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    @admin.display(description="Page")
    def page(self, obj: Source) -> SafeString | str:
        return change_link(obj.document)


class VerdictInline(ReadOnlyInlineMixin, admin.TabularInline[Verdict, Claim]):
    """The verdict history, newest first; verdicts change through the workflow, not here."""

    model = Verdict
    fields = ("badge", "rationale", "author", "approved_by", "approved_at", "published_at", "created_at")
    readonly_fields = fields
    verbose_name_plural = "Verdict history"

    def get_queryset(self, request: HttpRequest) -> QuerySet[Verdict]:
        return super().get_queryset(request).select_related("rating", "author", "approved_by")

    @admin.display(description="Rating")
    def badge(self, obj: Verdict) -> SafeString | str:
        return rating_badge(obj.rating.label, obj.rating.colour)


class CommentInline(ReadOnlyInlineMixin, admin.TabularInline[Comment, Claim]):
    model = Comment
    fields = ("author", "body", "created_at")
    readonly_fields = fields

    def get_queryset(self, request: HttpRequest) -> QuerySet[Comment]:
        return super().get_queryset(request).select_related("author")


@admin.register(Claim)
class ClaimAdmin(admin.ModelAdmin[Claim]):
    form = ClaimForm
    list_display = (
        "short_text",
        "article_link",
        "status",
        "bucket",
        "checkworthiness",
        "claim_type",
        "assignee",
        "current_rating",
        "source_count",
        "updated_at",
    )
    list_filter = ("status", "bucket", "claim_type", "origin", ArticleFilter, AssigneeFilter)
    search_fields = ("text", "claimant", "article__title")
    date_hierarchy = "created_at"
    list_select_related = ("article", "assignee")
    show_full_result_count = False
    list_per_page = 100
    inlines = (SourceInline, VerdictInline, CommentInline)

    class Media:
        css = {"all": ("css/admin-claims.css",)}

    readonly_fields = (
        "article_link",
        "quote",
        "status",
        "dismissal_reason",
        "duplicate_of",
        "origin",
        "edited",
        "bucket",
        "checkworthiness",
        "reasons",
        "version",
        "verdict_summary",
        "counts",
        "claimreview_findings",
        "history",
        "created_at",
        "updated_at",
    )
    fieldsets = (
        (None, {"fields": ("article_link", "text", "quote", "seen_version")}),
        ("Claimant", {"fields": ("claimant", "claimant_type", "claimed_on", "claim_type")}),
        ("Workflow", {"fields": ("status", "assignee", "recheck_by", "dismissal_reason", "duplicate_of", "version")}),
        ("Verdict", {"fields": ("verdict_summary", "counts", "claimreview_findings", "history")}),
        ("Detection", {"fields": ("origin", "edited", "bucket", "checkworthiness", "reasons")}),
        ("Dates", {"fields": ("created_at", "updated_at")}),
    )
    actions = (
        "merge",
        "dismiss",
        "assign",
        "publish",
        "unpublish",
        exporting.export_csv,
        exporting.export_json,
        exporting.export_claimreview,
    )

    def get_queryset(self, request: HttpRequest) -> QuerySet[Claim]:
        queryset = super().get_queryset(request)
        assert isinstance(queryset, ClaimQuerySet)  # Claim.objects is ClaimQuerySet.as_manager()
        return (
            queryset.defer("features", "article__body", "article__notices", "article__authors")
            .with_current_verdict()
            .annotate(source_total=_count(Source))
        )

    def get_actions(
        self, request: HttpRequest, action_location: admin.ActionLocation = admin.ActionLocation.CHANGE_LIST
    ) -> dict[str, Any]:
        # Claims leave the desk by being dismissed, which keeps their history; deleting loses verdicts.
        actions = super().get_actions(request, action_location)
        actions.pop("delete_selected", None)
        return actions

    def has_add_permission(self, request: HttpRequest) -> bool:
        # Claims come from detection or from a selection of the article text on the article page.
        return False

    def has_delete_permission(self, request: HttpRequest, obj: Claim | None = None) -> bool:
        if obj is not None and obj.status == Claim.Status.PUBLISHED:
            return False
        return super().has_delete_permission(request, obj)

    def has_triage_permission(self, request: HttpRequest) -> bool:
        return permissions.can_triage(request.user) and self.has_change_permission(request)

    def has_publish_permission(self, request: HttpRequest) -> bool:
        return permissions.is_editor(request.user) and self.has_change_permission(request)

    def has_export_permission(self, request: HttpRequest) -> bool:
        return permissions.can_export(request.user) and self.has_view_permission(request)

    def save_model(self, request: HttpRequest, obj: Claim, form: Any, change: bool) -> None:
        if change:
            obj.version += 1
            if "text" in form.changed_data:
                obj.edited = True
        super().save_model(request, obj, form, change)

    # ---- columns -------------------------------------------------------------

    @admin.display(description="Claim", ordering="text")
    def short_text(self, obj: Claim) -> SafeString:
        # The whole wording, clamped to two lines by the stylesheet; the tooltip has all of it.
        return format_html('<span class="clamped" title="{}">{}</span>', obj.text, obj.text)

    @admin.display(description="Article", ordering="article__title")
    def article_link(self, obj: Claim) -> SafeString | str:
        title = obj.article.display_title
        return change_link(obj.article, format_html('<span class="clamped" title="{}">{}</span>', title, title))

    @admin.display(description="Rating")
    def current_rating(self, obj: Claim) -> SafeString | str:
        return rating_badge(getattr(obj, "current_rating_label", None), getattr(obj, "current_rating_colour", None))

    @admin.display(description="Sources", ordering="source_total")
    def source_count(self, obj: Claim) -> int:
        return getattr(obj, "source_total", 0)

    @admin.display(description="Current verdict")
    def verdict_summary(self, obj: Claim) -> SafeString | str:
        verdict = verification.current_verdict(obj)
        if verdict is None:
            return "No verdict yet"
        state = "published" if verdict.published_at else "approved" if verdict.approved_at else "proposed"
        return format_html(
            "{} {} · proposed by {}{} · {}<br>{}",
            rating_badge(verdict.rating.label, verdict.rating.colour),
            state,
            verdict.author.display_name,
            format_html(", approved by {}", verdict.approved_by.display_name) if verdict.approved_by else "",
            verdict.created_at.strftime("%Y-%m-%d %H:%M"),
            verdict.rationale[:300],
        )

    @admin.display(description="Evidence and discussion")
    def counts(self, obj: Claim) -> str:
        return f"{obj.sources.count()} source(s), {obj.verdicts.count()} verdict(s), {obj.comments.count()} comment(s)"

    @admin.display(description="ClaimReview validation")
    def claimreview_findings(self, obj: Claim) -> SafeString | str:
        findings = claimreview.claimreview_findings(obj)
        if not findings:
            return "No findings: the ClaimReview for this claim is valid."
        return format_html("<ul>{}</ul>", format_html_join("", "<li>{}</li>", ((f,) for f in findings)))

    @admin.display(description="History")
    def history(self, obj: Claim) -> SafeString | str:
        if obj.pk is None:
            return "—"
        return changelist_link(apps.get_model("claims", "ClaimEvent"), "Every change to this claim", pgh_obj=obj.pk)

    # ---- actions -------------------------------------------------------------

    @admin.action(description="Merge duplicate claims…", permissions=("triage",))
    def merge(self, request: HttpRequest, queryset: QuerySet[Claim]) -> HttpResponse | None:
        selected = queryset.select_related("article").order_by("pk")
        if not 2 <= selected.count() <= MAX_MERGE:
            self.message_user(request, f"Select between 2 and {MAX_MERGE} claims to merge.", "warning")
            return None
        form = MergeForm(request.POST if "apply" in request.POST else None, claims=selected)
        if form.is_bound and form.is_valid():
            keep = form.cleaned_data["keep"]
            others = list(selected.exclude(pk=keep.pk))
            try:
                triage.merge_claims(keep=keep, others=others, user=request.user)  # type: ignore[arg-type]
            except triage.TriageError as error:
                self.message_user(request, str(error), "error")
                return None
            self.message_user(
                request,
                format_html("Merged {} claim(s) into {}.", len(others), change_link(keep, f"claim #{keep.pk}")),
                "success",
            )
            return None
        return intermediate_page(
            self,
            request,
            selected,
            form=form,
            title="Merge duplicate claims",
            action="merge",
            objects=selected,
            submit="Merge",
            help_text="Sources, verdicts and comments of the others move to the claim you keep; "
            "the others are dismissed as its duplicates and keep their history.",
        )

    @admin.action(description="Dismiss selected claims…", permissions=("triage",))
    def dismiss(self, request: HttpRequest, queryset: QuerySet[Claim]) -> HttpResponse | None:
        if too_many(self, request, queryset):
            return None
        form = DismissForm(request.POST if "apply" in request.POST else None)
        if form.is_bound and form.is_valid():
            count = triage.dismiss_claims(claims=queryset, user=request.user, reason=form.cleaned_data["reason"])  # type: ignore[arg-type]
            self.message_user(request, f"Dismissed {count} claim(s); published or dismissed ones were left alone.")
            return None
        return intermediate_page(
            self,
            request,
            queryset,
            form=form,
            title="Dismiss claims",
            action="dismiss",
            objects=queryset,
            submit="Dismiss",
        )

    @admin.action(description="Assign selected claims…", permissions=("triage",))
    def assign(self, request: HttpRequest, queryset: QuerySet[Claim]) -> HttpResponse | None:
        if too_many(self, request, queryset):
            return None
        form = AssignForm(request.POST if "apply" in request.POST else None)
        if form.is_bound and form.is_valid():
            assignee = form.cleaned_data["assignee"]
            count = triage.assign_claims(claims=queryset, assignee=assignee, user=request.user)  # type: ignore[arg-type]
            who = assignee.display_name if assignee else "nobody"
            self.message_user(request, f"Assigned {count} claim(s) to {who}.", "success")
            return None
        return intermediate_page(
            self,
            request,
            queryset,
            form=form,
            title="Assign claims",
            action="assign",
            objects=queryset,
            submit="Assign",
        )

    @admin.action(description="Publish the approved verdicts of the selected claims", permissions=("publish",))
    def publish(self, request: HttpRequest, queryset: QuerySet[Claim]) -> None:
        approved = list(queryset.filter(status=Claim.Status.APPROVED))
        count = verification.publish_claims(claims=approved, user=request.user)  # type: ignore[arg-type]
        skipped = queryset.count() - count
        self.message_user(request, f"Published {count} verdict(s); {skipped} claim(s) were not approved.")

    @admin.action(description="Unpublish the selected claims' verdicts", permissions=("publish",))
    def unpublish(self, request: HttpRequest, queryset: QuerySet[Claim]) -> None:
        published = list(queryset.filter(status=Claim.Status.PUBLISHED))
        count = verification.unpublish_claims(claims=published, user=request.user)  # type: ignore[arg-type]
        self.message_user(request, f"Unpublished {count} verdict(s).")
