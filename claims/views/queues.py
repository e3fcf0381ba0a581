"""Claims across articles: the filtered, searchable list and the two work queues."""

from __future__ import annotations

from typing import Any

from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.forms import ChoiceField, ModelChoiceField
from django.http import HttpResponse
from django.shortcuts import render
from django.views.decorators.http import require_GET
from django.views.decorators.vary import vary_on_headers

from accounts.http import AuthenticatedRequest
from claims import permissions
from claims.models import Claim, Rating
from claims.review.listing import ClaimFilter
from claims.views.access import require_editor, require_member

PAGE_SIZE = 50
OPEN_FOR_REVIEWER = (Claim.Status.NEW, Claim.Status.IN_REVIEW, Claim.Status.VERDICT_PROPOSED)


def _render_list(request: AuthenticatedRequest, queryset: Any, **context: Any) -> HttpResponse:
    claim_filter = ClaimFilter(request.GET or None, queryset=queryset)  # type: ignore[no-untyped-call]
    claim_filter.form.label_suffix = ""
    for field in claim_filter.form.fields.values():
        if getattr(field, "empty_label", None) is not None:
            field.empty_label = "Any"
        if isinstance(field, ChoiceField) and not isinstance(field, ModelChoiceField):
            choices = [(value, label) for value, label in field.choices if value != ""]  # type: ignore[misc, union-attr]
            field.widget.choices = [("", "Any"), *choices]
    # The list shows each article's title, never its text.
    claims = claim_filter.qs.select_related("article", "assignee").defer("article__body", "article__notices")
    if not (request.GET.get("q") or "").strip():
        claims = claims.order_by("-updated_at", "-pk")
    page = Paginator(claims, PAGE_SIZE).get_page(request.GET.get("page"))
    ratings = {rating.pk: rating for rating in Rating.objects.all()}
    for claim in page.object_list:
        claim.rating = ratings.get(claim.current_rating_id)
    query = request.GET.copy()
    query.pop("page", None)
    template_name = "claims/claim_list.html"
    if request.htmx and not request.htmx.history_restore_request:
        template_name += "#claim-table"
    return render(
        request,
        template_name,
        {
            "filter": claim_filter,
            "page": page,
            "query": query.urlencode(),
            "selected_statuses": request.GET.getlist("status"),
            "is_filtered": any(value for key, value in request.GET.items() if key != "page"),
            "is_editor": permissions.is_editor(request.user),
            **context,
        },
    )


@require_GET
@login_required
@vary_on_headers("HX-Request")
def claim_list(request: AuthenticatedRequest) -> HttpResponse:
    require_member(request)
    return _render_list(request, Claim.objects.all(), heading="All claims", queue="all")


@require_GET
@login_required
@vary_on_headers("HX-Request")
def my_claims(request: AuthenticatedRequest) -> HttpResponse:
    require_member(request)
    queryset = Claim.objects.assigned_to(request.user).filter(status__in=OPEN_FOR_REVIEWER)
    return _render_list(request, queryset, heading="My claims", queue="mine")


@require_GET
@login_required
@vary_on_headers("HX-Request")
def needs_approval(request: AuthenticatedRequest) -> HttpResponse:
    require_editor(request)
    return _render_list(request, Claim.objects.needing_approval(), heading="Needs approval", queue="approval")
