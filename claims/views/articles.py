"""The article page: highlighted text, the claim list and the claim panel; and the rating colours."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.http import HttpResponse
from django.shortcuts import render
from django.views.decorators.cache import cache_control
from django.views.decorators.http import require_GET
from django.views.decorators.vary import vary_on_headers

from accounts.http import AuthenticatedRequest
from claims.article_page.rendering import ratings_css as build_ratings_css
from claims.models import Rating
from claims.views.access import get_article_for_user, get_claim_for_user
from claims.views.panel import REGIONS, article_context, panel_context, render_region


@require_GET
@login_required
@vary_on_headers("HX-Request", "HX-Target", "HX-Trigger")
def article_detail(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    article = get_article_for_user(request, pk)
    if request.htmx and not request.htmx.history_restore_request and request.htmx.target in REGIONS:
        return render_region(request, article, request.htmx.target)
    return render(request, "claims/article_detail.html", article_context(request, article))


@require_GET
@login_required
@vary_on_headers("HX-Request", "HX-Target", "HX-Trigger")
def claim_detail(request: AuthenticatedRequest, article_pk: int, pk: int) -> HttpResponse:
    claim = get_claim_for_user(request, article_pk, pk)
    if request.htmx and not request.htmx.history_restore_request:
        if request.htmx.target in REGIONS:
            return render_region(request, claim.article, request.htmx.target)
        return render(request, "claims/article_detail.html#claim-panel", panel_context(request, claim))
    return render(request, "claims/article_detail.html", article_context(request, claim.article, claim))


@require_GET
@cache_control(max_age=300)
def ratings_css(request: AuthenticatedRequest) -> HttpResponse:
    """The rating scale's colours as CSS classes: the CSP allows no inline styles.

    Public on purpose: every page links it, the login page included, and the scale is no secret.
    """
    return HttpResponse(build_ratings_css(Rating.objects.all()), content_type="text/css; charset=utf-8")
