"""The rating scale (ordered, with a badge preview) and the publishing organisation's profile."""

from __future__ import annotations

import json
import re
from typing import Any

from django import forms
from django.conf import settings
from django.contrib import admin
from django.db.models import Count, QuerySet
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.utils.html import format_html
from django.utils.safestring import SafeString

from claims.models import Organization, Rating

from .common import admin_url

COLOUR = re.compile(r"^#[0-9a-fA-F]{6}$")
FALLBACK_COLOUR = "#6b7280"


def rating_badge(label: str | None, colour: str | None) -> SafeString | str:
    """A coloured badge as inline SVG: presentation attributes are not inline styles, so CSP allows them."""
    if not label:
        return "—"
    fill = colour if colour and COLOUR.match(colour) else FALLBACK_COLOUR
    # A rough width so the label fits in the admin's font without measuring text.
    width = 16 + 7 * len(label)
    return format_html(
        '<svg class="rating-badge" xmlns="http://www.w3.org/2000/svg" width="{}" height="20" role="img" aria-label="{}">'
        '<rect width="{}" height="20" rx="4" fill="{}"></rect>'
        '<text x="8" y="14" fill="#ffffff" font-size="12" font-family="sans-serif">{}</text></svg>',
        width,
        label,
        width,
        fill,
        label,
    )


@admin.register(Rating)
class RatingAdmin(admin.ModelAdmin[Rating]):
    list_display = ("label", "preview", "value", "position", "colour", "is_active", "verdict_count")
    list_display_links = ("label",)
    list_editable = ("position", "is_active")
    list_filter = ("is_active",)
    search_fields = ("label", "slug", "description")
    ordering = ("position", "pk")
    prepopulated_fields = {"slug": ("label",)}
    readonly_fields = ("preview", "verdict_count")
    fields = ("label", "slug", "preview", "value", "position", "colour", "description", "is_active", "verdict_count")

    def get_queryset(self, request: HttpRequest) -> QuerySet[Rating]:
        return super().get_queryset(request).annotate(verdict_total=Count("verdicts"))

    @admin.display(description="Preview")
    def preview(self, obj: Rating) -> SafeString | str:
        return rating_badge(obj.label, obj.colour)

    @admin.display(description="Verdicts", ordering="verdict_total")
    def verdict_count(self, obj: Rating) -> int:
        return getattr(obj, "verdict_total", 0)


class OrganizationForm(forms.ModelForm[Organization]):
    class Meta:
        model = Organization
        fields = ("name", "url", "logo_url", "same_as")

    def clean_same_as(self) -> list[str]:
        value = self.cleaned_data["same_as"] or []
        if not isinstance(value, list):
            raise forms.ValidationError("Give a JSON list of profile URLs.")
        validator = forms.URLField()
        return [validator.clean(item) for item in value]


@admin.register(Organization)
class OrganizationAdmin(admin.ModelAdmin[Organization]):
    """One row: ClaimReview names it as the author of every review."""

    form = OrganizationForm
    list_display = ("name", "url")
    readonly_fields = ("claimreview_author",)

    def has_add_permission(self, request: HttpRequest) -> bool:
        return not Organization.objects.exists() and super().has_add_permission(request)

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    def changelist_view(self, request: HttpRequest, extra_context: dict[str, Any] | None = None) -> HttpResponse:
        organization = Organization.objects.first()
        if organization is not None and self.has_view_or_change_permission(request, organization):
            return HttpResponseRedirect(admin_url(Organization, "change", organization.pk))
        return super().changelist_view(request, extra_context)

    @admin.display(description="As ClaimReview's author")
    def claimreview_author(self, obj: Organization) -> SafeString:
        author: dict[str, Any] = {"@type": "Organization", "name": obj.name, "url": obj.url or settings.SITE_URL}
        if obj.logo_url:
            author["logo"] = obj.logo_url
        if obj.same_as:
            author["sameAs"] = obj.same_as
        return format_html("<pre>{}</pre>", json.dumps(author, indent=2, ensure_ascii=False))
