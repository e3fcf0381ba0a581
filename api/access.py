"""Loading objects for API routes: the same 404/403 rules as the UI (claims.views.access, claims.permissions)."""

from __future__ import annotations

from django.core.exceptions import PermissionDenied

from claims.views.access import get_article_for_user, get_claim, get_source, require_editor, require_member

__all__ = ["get_article_for_user", "get_claim", "get_source", "require", "require_editor", "require_member"]


def require(allowed: bool, message: str = "You may not do this.") -> None:
    if not allowed:
        raise PermissionDenied(message)
