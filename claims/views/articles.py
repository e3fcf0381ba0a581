"""The article page."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.http import HttpResponse
from django.shortcuts import render
from django.views.decorators.http import require_GET

from claims.views.access import get_article_for_user, get_claim_for_user
from workbench.http import AuthenticatedRequest


@require_GET
@login_required
def article_detail(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    article = get_article_for_user(request, pk)
    claims = article.claims.visible().select_related("assignee")
    return render(request, "claims/article_detail.html", {"article": article, "claims": claims})


@require_GET
@login_required
def claim_detail(request: AuthenticatedRequest, article_pk: int, pk: int) -> HttpResponse:
    claim = get_claim_for_user(request, article_pk, pk)
    article = claim.article
    claims = article.claims.visible().select_related("assignee")
    return render(request, "claims/article_detail.html", {"article": article, "claims": claims, "current_claim": claim})
