"""The dashboard: recent articles with their import status and claim counts."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import HttpResponse
from django.shortcuts import render
from django.views.decorators.http import require_GET
from django.views.decorators.vary import vary_on_headers

from accounts.http import AuthenticatedRequest
from claims import permissions
from claims.models import Article, Claim


@require_GET
@login_required
@vary_on_headers("HX-Request")
def dashboard(request: AuthenticatedRequest) -> HttpResponse:
    if not permissions.is_member(request.user):
        return render(request, "claims/no_role.html", status=403)
    articles = Article.objects.live().with_claim_counts().select_related("imported_by").order_by("-created_at", "-pk")
    page = Paginator(articles, 25).get_page(request.GET.get("page"))
    context = {
        "page": page,
        "in_progress": Article.objects.live().in_progress().count(),
        "my_claims": Claim.objects.live()
        .assigned_to(request.user)
        .filter(status__in=(Claim.Status.NEW, Claim.Status.IN_REVIEW))
        .count(),
        "needs_approval": Claim.objects.live().needing_approval().count() if permissions.is_editor(request.user) else 0,
        "can_import": permissions.can_import(request.user),
    }
    template_name = "claims/dashboard.html"
    if request.htmx and not request.htmx.history_restore_request:
        template_name += "#article-table"
    return render(request, template_name, context)
