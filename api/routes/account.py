"""Who am I, and the rating scale a verdict is chosen from."""

from __future__ import annotations

from typing import Any

from ninja import Router

from accounts.http import AuthenticatedRequest
from api import schemas
from api.access import require_member
from api.representations import rating_out, user_ref
from claims import permissions
from claims.models import Rating

router = Router(tags=["account"])


@router.get("/me", response=schemas.MeOut, url_name="me", summary="The caller")
def me(request: AuthenticatedRequest) -> dict[str, Any]:
    """The user the token (or session) belongs to, with their newsroom roles."""
    user = request.user
    return {**(user_ref(user) or {}), "roles": sorted(permissions.roles(user)), "is_staff": user.is_staff}


@router.get("/ratings", response=list[schemas.RatingOut], url_name="ratings", summary="The rating scale")
def ratings(request: AuthenticatedRequest) -> list[dict[str, Any]]:
    """Active ratings, lowest first; a verdict names one by id."""
    require_member(request)
    return [rating_out(rating) for rating in Rating.objects.filter(is_active=True)]
