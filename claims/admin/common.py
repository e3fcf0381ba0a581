"""Helpers shared by the admin modules: links, a one-object filter and intermediate action pages."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from django import forms
from django.contrib import admin
from django.contrib.admin import helpers
from django.db.models import Model, QuerySet
from django.http import HttpRequest
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils.html import format_html
from django.utils.safestring import SafeString

# Intermediate pages carry every selected id in the form; past this a person should filter first.
MAX_INTERMEDIATE_ROWS = 500


def admin_url(model: type[Model] | Model, view: str, *args: Any) -> str:
    opts = model._meta
    return reverse(f"admin:{opts.app_label}_{opts.model_name}_{view}", args=args)


def change_link(obj: Model | None, text: str | None = None) -> SafeString | str:
    if obj is None:
        return "—"
    return format_html('<a href="{}">{}</a>', admin_url(obj, "change", obj.pk), text or str(obj))


def changelist_link(model: type[Model], text: str, **query: Any) -> SafeString:
    from urllib.parse import urlencode

    return format_html('<a href="{}?{}">{}</a>', admin_url(model, "changelist"), urlencode(query), text)


def is_changelist(request: HttpRequest) -> bool:
    match = request.resolver_match
    return bool(match and match.url_name and match.url_name.endswith("_changelist"))


class OneObjectFilter(admin.SimpleListFilter):
    """Filter by one related object given in the URL, without listing every possible object.

    A related-field filter would list all articles (thousands); this one names only the chosen one.
    """

    parameter_name: str  # SimpleListFilter refuses to start without one.
    related_model: type[Model]
    field_name: str

    def lookups(self, request: HttpRequest, model_admin: admin.ModelAdmin[Any]) -> list[tuple[str, str]]:
        value = request.GET.get(self.parameter_name, "")
        if not value.isdigit():
            return []
        obj = self.related_model._default_manager.filter(pk=int(value)).first()
        return [(value, str(obj) if obj else f"#{value}")]

    def queryset(self, request: HttpRequest, queryset: QuerySet[Any]) -> QuerySet[Any]:
        value = self.value()
        if value and value.isdigit():
            return queryset.filter(**{self.field_name: int(value)})
        return queryset


def intermediate_page(
    model_admin: admin.ModelAdmin[Any],
    request: HttpRequest,
    queryset: QuerySet[Any],
    *,
    form: forms.Form,
    title: str,
    action: str,
    objects: Iterable[Any],
    submit: str,
    help_text: str = "",
) -> TemplateResponse:
    """Render a confirmation page that posts the same action back with ``apply`` set."""
    opts = model_admin.model._meta
    context = {
        **model_admin.admin_site.each_context(request),
        "title": title,
        "subtitle": None,
        "opts": opts,
        "app_label": opts.app_label,
        "form": form,
        "objects": list(objects),
        "action_name": action,
        "selected_ids": [str(pk) for pk in queryset.values_list("pk", flat=True)],
        "action_checkbox_name": helpers.ACTION_CHECKBOX_NAME,
        "submit_label": submit,
        "help_text": help_text,
        "media": model_admin.media + form.media,
    }
    return TemplateResponse(request, "admin/claims/action_form.html", context)


def too_many(model_admin: admin.ModelAdmin[Any], request: HttpRequest, queryset: QuerySet[Any]) -> bool:
    if queryset.count() > MAX_INTERMEDIATE_ROWS:
        model_admin.message_user(
            request, f"Select at most {MAX_INTERMEDIATE_ROWS} rows for this action; filter the list first.", "error"
        )
        return True
    return False


class ReadOnlyInlineMixin:
    """For inlines that show what the workflow wrote: nothing is added, changed or deleted here."""

    extra = 0
    can_delete = False

    def has_add_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False
