"""The article page: highlighted text, the claim list and the claim panel; and the rating colours."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.cache import cache_control
from django.views.decorators.http import require_GET, require_http_methods
from django.views.decorators.vary import vary_on_headers

from accounts.http import AuthenticatedRequest
from claims import permissions
from claims.article_page.rendering import ratings_css as build_ratings_css
from claims.intake import deletion
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


@require_http_methods(["GET", "POST"])
@login_required
def article_delete(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    """GET asks for confirmation; POST deletes the article (softly) and goes back to the dashboard."""
    article = get_article_for_user(request, pk)
    if not permissions.can_delete_article(request.user):
        raise PermissionDenied("Only editors may delete articles")
    if request.method == "POST":
        deletion.delete_article(article=article, user=request.user)
        messages.success(request, f"“{article.display_title}” was deleted. Staff can restore it from the admin.")
        return redirect("claims:dashboard")
    claim_count = article.claims.visible().count()
    return render(request, "claims/article_delete.html", {"article": article, "claim_count": claim_count})


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
