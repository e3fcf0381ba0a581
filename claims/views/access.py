"""Access helpers shared by the views: 404 for what a user may not see, 403 for what they may not do."""

from __future__ import annotations

from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.shortcuts import get_object_or_404

from accounts.http import AuthenticatedRequest
from claims import permissions
from claims.models import Article, Claim, Source


def require(allowed: bool) -> None:
    """Turn a rule from claims.permissions into a 403."""
    if not allowed:
        raise PermissionDenied("You may not do this")


def require_member(request: AuthenticatedRequest) -> None:
    if not permissions.is_member(request.user):
        raise Http404("Not a member of the newsroom")


def require_editor(request: AuthenticatedRequest) -> None:
    require_member(request)
    if not permissions.is_editor(request.user):
        raise PermissionDenied("Only editors may do this")


def get_article_for_user(request: AuthenticatedRequest, pk: int) -> Article:
    require_member(request)
    return get_object_or_404(Article.objects.live().select_related("claims_revision"), pk=pk)


def get_claim_for_user(request: AuthenticatedRequest, article_pk: int, pk: int) -> Claim:
    require_member(request)
    return get_object_or_404(
        Claim.objects.live().select_related("article__claims_revision", "assignee"), pk=pk, article_id=article_pk
    )


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
