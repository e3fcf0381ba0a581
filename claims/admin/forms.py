"""Forms and filters of the claim admin: the version guard, the action pages, newsroom members."""

from __future__ import annotations

from typing import Any

from django import forms
from django.contrib import admin
from django.db.models import QuerySet
from django.http import HttpRequest

from accounts.models import User
from claims import permissions
from claims.models import Claim


def newsroom_members() -> QuerySet[User]:
    members = User.objects.filter(is_active=True, groups__name__in=(permissions.EDITORS, permissions.REVIEWERS))
    return members.distinct().order_by("username")


class AssigneeFilter(admin.SimpleListFilter):
    """Lists newsroom members only, not every account."""

    title = "assignee"
    parameter_name = "assignee"

    def lookups(self, request: HttpRequest, model_admin: Any) -> list[tuple[str, str]]:
        return [("none", "Nobody"), *((str(user.pk), user.username) for user in newsroom_members())]

    def queryset(self, request: HttpRequest, queryset: QuerySet[Claim]) -> QuerySet[Claim]:
        if self.value() == "none":
            return queryset.filter(assignee__isnull=True)
        if self.value() and self.value().isdigit():  # type: ignore[union-attr]
            return queryset.filter(assignee_id=int(self.value()))  # type: ignore[arg-type]
        return queryset


class ClaimForm(forms.ModelForm[Claim]):
    """Carries the version the editor saw, so a save never overwrites someone else's change."""

    seen_version = forms.IntegerField(widget=forms.HiddenInput, required=False)

    class Meta:
        model = Claim
        fields = ("text", "claimant", "claimant_type", "claimed_on", "claim_type", "assignee", "recheck_by")

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if self.instance.pk:
            self.fields["seen_version"].initial = self.instance.version
        if "assignee" in self.fields:
            self.fields["assignee"].queryset = newsroom_members()  # type: ignore[attr-defined]

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        seen = cleaned.get("seen_version")
        if self.instance.pk and seen is not None:
            current = Claim.objects.filter(pk=self.instance.pk).values_list("version", flat=True).first()
            if current != seen:
                raise forms.ValidationError("Someone changed this claim since you opened it. Reload and try again.")
        return cleaned


class MergeForm(forms.Form):
    keep = forms.ModelChoiceField(
        queryset=Claim.objects.none(), widget=forms.RadioSelect, empty_label=None, label="Claim to keep"
    )

    def __init__(self, *args: Any, claims: QuerySet[Claim], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        keep = self.fields["keep"]
        assert isinstance(keep, forms.ModelChoiceField)  # declared above; narrows Field for the type checker
        keep.queryset = claims


class DismissForm(forms.Form):
    reason = forms.CharField(max_length=255, initial="Not worth checking")


class AssignForm(forms.Form):
    assignee = forms.ModelChoiceField(
        queryset=User.objects.none(), required=False, empty_label="Nobody (unassign)", label="Reviewer"
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["assignee"].queryset = newsroom_members()  # type: ignore[attr-defined]
