"""The form on the API tokens page."""

from __future__ import annotations

import datetime

from django import forms
from django.utils import timezone


class TokenForm(forms.Form):
    name = forms.CharField(max_length=100, help_text="What uses it, e.g. “CMS” or “Slack bot”.")
    expires_on = forms.DateField(
        label="Expires on",
        required=False,
        widget=forms.DateInput(attrs={"type": "date"}),
        help_text="Leave empty for a token that lasts until you revoke it.",
    )

    def clean_expires_on(self) -> datetime.date | None:
        expires_on: datetime.date | None = self.cleaned_data["expires_on"]
        if expires_on is not None and expires_on <= timezone.localdate():
            raise forms.ValidationError("Choose a date after today.", code="past")
        return expires_on

    def expires_at(self) -> datetime.datetime | None:
        expires_on = self.cleaned_data["expires_on"]
        if expires_on is None:
            return None
        return timezone.make_aware(datetime.datetime.combine(expires_on, datetime.time.min))
