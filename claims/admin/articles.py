"""Articles: claim counts, import status, a bounded claims inline and the re-run actions."""

from __future__ import annotations

from django.contrib import admin
from django.db.models import QuerySet
from django.forms.models import BaseInlineFormSet
from django.http import HttpRequest
from django.utils.html import format_html, format_html_join
from django.utils.safestring import SafeString

from claims import permissions
from claims.intake import deletion, finding, importing
from claims.models import Article, ArticleQuerySet, Claim

from .common import ReadOnlyInlineMixin, change_link, changelist_link, is_changelist

# An article can have hundreds of claims; the change page shows the first ones and links to the rest.
INLINE_CLAIMS = 25
# Claim detection runs in the request; more articles than this belong in a background job.
MAX_RERUN_ARTICLES = 25


class FirstClaimsFormSet(BaseInlineFormSet):  # type: ignore[type-arg]
    def get_queryset(self) -> QuerySet[Claim]:
        if not hasattr(self, "_first_claims"):
            self._first_claims = super().get_queryset()[:INLINE_CLAIMS]
        return self._first_claims


class ClaimInline(ReadOnlyInlineMixin, admin.TabularInline[Claim, Article]):
    """Read-only: claims are edited on their own page, where history and locking apply."""

    model = Claim
    formset = FirstClaimsFormSet
    fields = ("claim", "status", "bucket", "checkworthiness", "assignee")
    readonly_fields = fields
    show_change_link = False
    verbose_name_plural = f"Claims (the first {INLINE_CLAIMS} in text order)"

    def get_queryset(self, request: HttpRequest) -> QuerySet[Claim]:
        return super().get_queryset(request).select_related("assignee").order_by("start", "pk")

    @admin.display(description="Claim")
    def claim(self, obj: Claim) -> SafeString | str:
        return change_link(obj, obj.text[:120])


class DeletedFilter(admin.SimpleListFilter):
    title = "deleted"
    parameter_name = "deleted"

    def lookups(self, request: HttpRequest, model_admin: object) -> list[tuple[str, str]]:
        return [("yes", "Deleted"), ("no", "Not deleted")]

    def queryset(self, request: HttpRequest, queryset: QuerySet[Article]) -> QuerySet[Article]:
        if self.value() == "yes":
            return queryset.filter(deleted_at__isnull=False)
        if self.value() == "no":
            return queryset.filter(deleted_at__isnull=True)
        return queryset


@admin.register(Article)
class ArticleAdmin(admin.ModelAdmin[Article]):
    list_display = (
        "display_title",
        "publisher",
        "status",
        "claim_count",
        "open_claim_count",
        "published_claim_count",
        "imported_by",
        "created_at",
        "deleted_at",
    )
    list_filter = (DeletedFilter, "status", "language", "created_at")
    search_fields = ("title", "url", "publisher")
    date_hierarchy = "created_at"
    list_select_related = ("imported_by",)
    autocomplete_fields = ("document", "imported_by")
    show_full_result_count = False
    inlines = (ClaimInline,)
    actions = ("rerun_extraction", "rerun_detection", "restore_articles")
    readonly_fields = (
        "claims_overview",
        "import_status",
        "status",
        "status_changed_at",
        "attempts",
        "dedupe_key",
        "public_token",
        "body",
        "created_at",
        "updated_at",
        "deleted_at",
        "deleted_by",
    )
    fieldsets = (
        (None, {"fields": ("title", "url", "canonical_url", "publisher", "authors", "published_on", "language")}),
        ("Claims", {"fields": ("claims_overview",)}),
        ("Import", {"fields": ("import_status", "document", "imported_by", "dedupe_key", "public_token")}),
        # Claim offsets point into the body, so it is never edited here.
        ("Text", {"fields": ("body",), "classes": ("collapse",)}),
        ("Dates", {"fields": ("created_at", "updated_at", "deleted_at", "deleted_by")}),
    )

    def get_queryset(self, request: HttpRequest) -> QuerySet[Article]:
        queryset = super().get_queryset(request)
        assert isinstance(queryset, ArticleQuerySet)  # Article.objects is ArticleQuerySet.as_manager()
        queryset = queryset.with_claim_counts()
        if is_changelist(request):
            # The body can be 200,000 characters; the list never shows it.
            queryset = queryset.defer("body", "notices")
        return queryset

    @admin.display(description="Title", ordering="title")
    def display_title(self, obj: Article) -> str:
        return obj.display_title[:120]

    @admin.display(description="Claims", ordering="claim_count")
    def claim_count(self, obj: Article) -> int:
        return getattr(obj, "claim_count", 0)

    @admin.display(description="Open", ordering="open_claim_count")
    def open_claim_count(self, obj: Article) -> int:
        return getattr(obj, "open_claim_count", 0)

    @admin.display(description="Published", ordering="published_claim_count")
    def published_claim_count(self, obj: Article) -> int:
        return getattr(obj, "published_claim_count", 0)

    @admin.display(description="Claims")
    def claims_overview(self, obj: Article) -> SafeString | str:
        if obj.pk is None:
            return "—"
        total = getattr(obj, "claim_count", 0)
        return format_html(
            "{} claims ({} open, {} published) · {}",
            total,
            getattr(obj, "open_claim_count", 0),
            getattr(obj, "published_claim_count", 0),
            changelist_link(Claim, "See every claim of this article", article=obj.pk),
        )

    @admin.display(description="Import status")
    def import_status(self, obj: Article) -> SafeString | str:
        if obj.pk is None:
            return "—"
        notices = format_html_join("", "<li>{}</li>", ((str(notice),) for notice in obj.notices or []))
        return format_html(
            "<strong>{}</strong> since {} after {} attempt(s){}{}",
            obj.get_status_display(),
            obj.status_changed_at.strftime("%Y-%m-%d %H:%M"),
            obj.attempts,
            format_html("<br>Error: {}", obj.error) if obj.error else "",
            format_html("<ul>{}</ul>", notices) if notices else "",
        )

    def has_add_permission(self, request: HttpRequest) -> bool:
        # Articles come in through the import page, which extracts the text and finds the claims.
        return False

    def has_triage_permission(self, request: HttpRequest) -> bool:
        return permissions.can_import(request.user) and self.has_change_permission(request)

    @admin.action(description="Re-run extraction for the selected articles", permissions=("triage",))
    def rerun_extraction(self, request: HttpRequest, queryset: QuerySet[Article]) -> None:
        articles = list(queryset.defer("body")[: MAX_RERUN_ARTICLES + 1])
        if len(articles) > MAX_RERUN_ARTICLES:
            self.message_user(request, f"Select at most {MAX_RERUN_ARTICLES} articles at a time.", "error")
            return
        queued = sum(importing.rerun_import(article=article) for article in articles)
        message = f"Extraction will run again for {queued} article(s)."
        if queued < len(articles):
            message += f" {len(articles) - queued} still importing were left alone."
        self.message_user(request, message, "success")

    @admin.action(description="Re-run claim detection for the selected articles", permissions=("triage",))
    def rerun_detection(self, request: HttpRequest, queryset: QuerySet[Article]) -> None:
        articles = list(queryset[: MAX_RERUN_ARTICLES + 1])
        if len(articles) > MAX_RERUN_ARTICLES:
            self.message_user(request, f"Select at most {MAX_RERUN_ARTICLES} articles at a time.", "error")
            return
        for article in articles:
            finding.split_article(article=article)
        self.message_user(request, f"Claim detection ran again for {len(articles)} article(s).", "success")

    @admin.action(description="Restore the selected deleted articles", permissions=("change",))
    def restore_articles(self, request: HttpRequest, queryset: QuerySet[Article]) -> None:
        restored = 0
        for article in queryset.filter(deleted_at__isnull=False).defer("body", "notices"):
            try:
                restored += deletion.restore_article(article=article)
            except deletion.LiveTwinExists as error:
                self.message_user(
                    request,
                    format_html(
                        "“{}” was not restored: {}. Delete {} first to restore this one.",
                        article.display_title,
                        error,
                        change_link(error.twin, "that article"),
                    ),
                    "error",
                )
        if restored:
            self.message_user(request, f"Restored {restored} article(s), with their claims.", "success")
