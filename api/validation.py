"""Input rules come from the UI's forms (claims/forms.py), so the API never keeps a second copy of them."""

from __future__ import annotations

from typing import Any

from django import forms

from api.problems import Problem

# Form error codes that mean "too big" rather than "wrong".
TOO_LARGE_CODES = frozenset({"too_large", "too_long"})


def cleaned(form: forms.Form) -> dict[str, Any]:
    """The form's cleaned data, or a 422 problem listing each field's errors (413 when it is too large)."""
    if form.is_valid():
        return form.cleaned_data
    errors: list[dict[str, Any]] = [
        {"loc": ["body", field], "msg": str(error.message % (error.params or {})), "type": error.code or "invalid"}
        for field, field_errors in form.errors.as_data().items()
        for error in field_errors
    ]
    messages = [str(error["msg"]) for error in errors]
    if any(error["type"] in TOO_LARGE_CODES for error in errors):
        raise Problem(413, messages[0], kind="too-large", errors=errors)
    raise Problem(422, "; ".join(messages), kind="validation-error", errors=errors)
