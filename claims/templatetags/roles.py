"""Role checks for templates, answered by claims.permissions."""

from __future__ import annotations

from typing import Any

from django import template

from claims import permissions

register = template.Library()


@register.filter
def is_editor(user: Any) -> bool:
    return permissions.is_editor(user)


@register.filter
def is_member(user: Any) -> bool:
    return permissions.is_member(user)


@register.filter
def can_import(user: Any) -> bool:
    return permissions.can_import(user)
