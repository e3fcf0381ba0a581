"""Loading objects for API routes: the same 404/403 rules as the UI (claims.views.access, claims.permissions)."""

from __future__ import annotations

from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404

from claims.models import Claim, Source
from claims.views.access import get_article_for_user, require_editor, require_member
from workbench.http import AuthenticatedRequest

__all__ = ["get_article_for_user", "get_claim", "get_source", "require", "require_editor", "require_member"]


def get_claim(request: AuthenticatedRequest, pk: int) -> Claim:
    require_member(request)
    return get_object_or_404(Claim.objects.live().select_related("article", "assignee"), pk=pk)


def get_source(request: AuthenticatedRequest, pk: int) -> Source:
    require_member(request)
    return get_object_or_404(
        Source.objects.select_related("claim__article", "claim__assignee", "document"),
        pk=pk,
        claim__article__deleted_at__isnull=True,
    )


def require(allowed: bool, message: str = "You may not do this.") -> None:
    if not allowed:
        raise PermissionDenied(message)
