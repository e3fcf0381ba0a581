"""Staff curate API tokens (revoke), webhooks (register, with the safe fetcher's address rules) and
deliveries (read the log, replay)."""

from __future__ import annotations

from typing import Any

from django import forms
from django.contrib import admin
from django.db.models import QuerySet
from django.http import HttpRequest
from django.utils.html import format_html
from django.utils.safestring import SafeString

from api import tokens, webhooks
from api.models import ApiToken, Webhook, WebhookDelivery
from documents.fetch_errors import FetchError


@admin.register(ApiToken)
class ApiTokenAdmin(admin.ModelAdmin[ApiToken]):
    list_display = ("name", "user", "prefix", "created_at", "last_used_at", "expires_at", "revoked_at")
    list_filter = ("revoked_at",)
    list_select_related = ("user",)
    search_fields = ("name", "prefix", "user__username")
    readonly_fields = ("user", "name", "prefix", "created_at", "last_used_at", "expires_at", "revoked_at")
    actions = ("revoke",)

    def has_add_permission(self, request: HttpRequest) -> bool:
        # Tokens are created by their owner, who is the only one ever to see them.
        return False

    @admin.action(description="Revoke the selected tokens")
    def revoke(self, request: HttpRequest, queryset: QuerySet[ApiToken]) -> None:
        count = sum(tokens.revoke_token(token=token) for token in queryset)
        self.message_user(request, f"Revoked {count} token(s).", "success")


class WebhookForm(forms.ModelForm[Webhook]):
    events = forms.MultipleChoiceField(
        choices=[(name, f"{name} — {text}") for name, text in webhooks.EVENTS.items()],
        widget=forms.CheckboxSelectMultiple,
    )

    class Meta:
        model = Webhook
        fields = ("url", "events", "description", "is_active")

    def clean_url(self) -> str:
        url: str = self.cleaned_data["url"]
        try:
            webhooks.check_url(url)
        except FetchError as error:
            raise forms.ValidationError(error.message, code="blocked") from error
        return url


@admin.register(Webhook)
class WebhookAdmin(admin.ModelAdmin[Webhook]):
    form = WebhookForm
    list_display = ("url", "event_list", "is_active", "created_by", "created_at")
    list_select_related = ("created_by",)
    readonly_fields = ("signing_secret", "created_by", "created_at")

    @admin.display(description="Events")
    def event_list(self, obj: Webhook) -> str:
        return ", ".join(obj.events)

    @admin.display(description="Signing secret")
    def signing_secret(self, obj: Webhook) -> SafeString | str:
        if not obj.secret:
            return "Created when you save."
        return format_html("<code>{}</code>", obj.secret)

    def save_model(self, request: HttpRequest, obj: Webhook, form: Any, change: bool) -> None:
        if not obj.secret:
            obj.secret = webhooks.new_secret()
        if not change:
            obj.created_by = request.user  # type: ignore[assignment]
        super().save_model(request, obj, form, change)


@admin.register(WebhookDelivery)
class WebhookDeliveryAdmin(admin.ModelAdmin[WebhookDelivery]):
    list_display = ("event", "webhook", "status", "attempts", "response_status", "created_at", "delivered_at")
    list_filter = ("status", "event")
    list_select_related = ("webhook",)
    readonly_fields = [field.name for field in WebhookDelivery._meta.fields]
    actions = ("replay",)

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    @admin.action(description="Replay the selected deliveries", permissions=("view",))
    def replay(self, request: HttpRequest, queryset: QuerySet[WebhookDelivery]) -> None:
        count = len([webhooks.replay(delivery=delivery) for delivery in queryset])
        self.message_user(request, f"Queued {count} delivery(ies) again.", "success")
