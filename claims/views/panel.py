"""The claim panel: what it shows, to whom, and how actions answer (partial for htmx, redirect otherwise)."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace
from functools import wraps
from typing import Any

from django.contrib import messages
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils.safestring import mark_safe
from django_htmx.http import trigger_client_event

from accounts.http import AuthenticatedRequest
from claims import permissions
from claims.article_page import workspace
from claims.article_page.rendering import claim_rows_html
from claims.article_page.workspace import View
from claims.errors import ActionRefused
from claims.forms import (
    AddClaimForm,
    AssignForm,
    BulkForm,
    ClaimEditForm,
    CommentForm,
    DismissForm,
    MergeForm,
    SendBackForm,
    SourceAddForm,
    SplitForm,
    VerdictForm,
)
from claims.models import Article, Claim, Rating
from claims.review.history import claim_history
from claims.review.verification import current_verdict
from claims.views.access import get_claim

MERGE_LIST_LIMIT = 200


def panel_context(request: AuthenticatedRequest, claim: Claim, **overrides: Any) -> dict[str, Any]:
    """Everything the panel shows; ``overrides`` carry bound forms (errors, conflicts) to re-render."""
    verdict = current_verdict(claim)
    actions = permissions.actions_for(request.user, claim, verdict=verdict)
    numbers = workspace.claim_numbers(claim.article)
    context: dict[str, Any] = {
        "claim": claim,
        "claim_number": numbers.get(claim.pk),
        "article": claim.article,
        "verdict": verdict,
        "sources": list(claim.sources.select_related("document", "added_by")),
        "comments": list(claim.comments.select_related("author")),
        "history": claim_history(claim),
        **actions.as_context(),
    }
    if actions.can_edit:
        context["edit_form"] = ClaimEditForm(
            initial={
                "text": claim.text,
                "claim_type": claim.claim_type,
                "claimant": claim.claimant,
                "recheck_by": claim.recheck_by,
                "version": claim.version,
            }
        )
        context["dismiss_form"] = DismissForm(initial={"version": claim.version})
        context["assign_form"] = AssignForm(initial={"assignee": claim.assignee_id})
        # Iterated, not len()-ed: a loop over the field's choices (or list()) would count them first, a query more.
        context["assignee_choices"] = [choice for choice in context["assign_form"].fields["assignee"].choices]  # noqa: C416
        # Options rendered by hand: Django's widget templates cost a template per option.
        candidates = MergeForm(claim=claim).fields["other"].queryset.only("pk", "text")  # type: ignore[attr-defined]
        # Past a few hundred, a list to scroll is no help: the editor types the duplicate's number.
        context["merge_candidates"] = [(numbers.get(other.pk), other) for other in candidates[: MERGE_LIST_LIMIT + 1]]
    if actions.can_split:
        context["split_form"] = SplitForm(initial={"first": claim.text, "second": claim.text, "version": claim.version})
    if actions.can_research:
        context["source_form"] = SourceAddForm()
        initial: dict[str, Any] = {"version": claim.version}
        if verdict is not None and verdict.approved_at is None:
            initial |= {"rating": verdict.rating_id, "rationale": verdict.rationale}
        context["verdict_form"] = VerdictForm(initial=initial)
    if actions.can_comment:
        context["comment_form"] = CommentForm()
    if actions.can_send_back:
        context["send_back_form"] = SendBackForm()
    context.update(overrides)
    return context


# Glyphs beside each highlight (app.css draws them by status), so status never rests on colour alone.
STATUS_GLYPHS = {
    Claim.Status.NEW: "○",
    Claim.Status.IN_REVIEW: "◐",
    Claim.Status.VERDICT_PROPOSED: "◑",
    Claim.Status.APPROVED: "✓",
    Claim.Status.PUBLISHED: "★",
    Claim.Status.DISMISSED: "×",
}
# The list's bucket filter: a short label to see, the rest of the bucket's name for screen readers.
BUCKET_CHIPS = {
    Claim.Bucket.WORTH_CHECKING: ("Worth", "checking"),
    Claim.Bucket.MAY_BE_WORTH_CHECKING: ("May be", "worth checking"),
    Claim.Bucket.NOT_WORTH_CHECKING: ("Not worth", "checking"),
}
# Regions of the article page that render on their own: the text, the list and its windows.
REGIONS = {"article-text", "claim-list", "claim-more", "claim-earlier"}


def article_context(
    request: AuthenticatedRequest,
    article: Article,
    claim: Claim | None = None,
    *,
    region: str | None = None,
    view: View | None = None,
) -> dict[str, Any]:
    """What the article page (or one of its ``REGIONS``) shows, for the view in the query string.

    The cost follows what is shown: the highlighted text comes from the cache while the article's
    claims are unchanged, and the list renders one window of rows.
    """
    view = view or View.from_query(request.GET)
    ratings = {rating.pk: rating for rating in Rating.objects.all()}
    can_triage = permissions.can_triage(request.user)
    context: dict[str, Any] = {
        "article": article,
        "claim": claim,
        "view": view,
        "view_query": view.query(),
        "region": region,
        "can_triage": can_triage,
        "claim_url_template": reverse("claims:claim-detail", args=[article.pk, 0]).replace("/0/", "/{pk}/"),
    }
    if region in (None, "article-text", "claim-list"):
        if region == "claim-list":
            counts = workspace.claim_counts(article)
        else:
            html, counts = workspace.highlighted_text(article, view, ratings)
            context["highlighted"] = mark_safe(html)  # noqa: S308 - escaped piece by piece in rendering.py
        shown = counts.shown(view)
        context |= {
            "counts": counts,
            "shown_total": sum(shown.values()),
            "listed_total": shown.get(view.bucket, 0) if view.bucket else sum(shown.values()),
            "bucket_links": [
                ("", "All", "", sum(shown.values()), view.query(bucket="")),
                *(
                    (value, short, rest, shown.get(value, 0), view.query(bucket=value))
                    for value, (short, rest) in BUCKET_CHIPS.items()
                ),
            ],
        }
    if region != "article-text":
        if claim is not None and "page" not in request.GET:
            view = replace(view, page=workspace.page_of(article, view, claim))
        upto = request.GET.get("upto", "")
        window = workspace.list_window(article, view, ratings, last=int(upto) if upto.isdigit() else None)
        context |= {
            "window": window,
            "rows_html": claim_rows_html(
                window.rows,
                url_template=context["claim_url_template"],
                query=context["view_query"],
                can_triage=can_triage,
                current=claim.pk if claim else None,
                numbers=workspace.claim_numbers(article),
            ),
            "earlier_query": view.query(page=window.first - 1),
            "more_query": view.query(page=window.last + 1),
        }
    if region is None:
        context |= {
            "ratings": ratings.values(),
            "statuses": [(value, label, STATUS_GLYPHS[Claim.Status(value)]) for value, label in Claim.Status.choices],
        }
        context["can_delete"] = permissions.can_delete_article(request.user)
        if can_triage:
            context["add_form"] = AddClaimForm()
    if can_triage and region in (None, "claim-list"):
        context["bulk_form"] = BulkForm(claims=Claim.objects.none())
        # As for the panel's reviewer list: iterated, so no count query first.
        context["bulk_assignee_choices"] = [choice for choice in context["bulk_form"].fields["assignee"].choices]  # noqa: C416
    if claim is not None and region is None:
        context.update(panel_context(request, claim))
    return context


def render_region(request: AuthenticatedRequest, article: Article, region: str) -> HttpResponse:
    """One region of the article page; the view switch also brings the list, which follows it."""
    context = article_context(request, article, region=region)
    partial = "claim-rows" if region in ("claim-more", "claim-earlier") else region
    response = render(request, f"claims/article_detail.html#{partial}", context)
    if region == "article-text" and request.htmx.trigger == "text-view":
        context = article_context(request, article, region="claim-list") | {"oob": True}
        response.content += render_to_string("claims/article_detail.html#claim-list", context, request).encode()
    return response


def render_panel(request: AuthenticatedRequest, claim: Claim, **overrides: Any) -> HttpResponse:
    """Re-render the panel; a plain POST that needs the form again gets the whole page."""
    if request.htmx:
        response = render(request, "claims/article_detail.html#claim-panel", panel_context(request, claim, **overrides))
        return trigger_client_event(response, "claim-updated")
    context = article_context(request, claim.article)
    context.update(panel_context(request, claim, **overrides))
    return render(request, "claims/article_detail.html", context)


def done(request: AuthenticatedRequest, claim: Claim, message: str = "", *, error: bool = False) -> HttpResponse:
    """After an action: htmx gets the fresh panel, a plain POST is redirected to the claim."""
    if message:
        (messages.error if error else messages.success)(request, message)
    if request.htmx:
        claim = Claim.objects.select_related("article", "assignee").get(pk=claim.pk)
        return render_panel(request, claim)
    return redirect(claim.get_absolute_url())


PanelAction = Callable[..., HttpResponse]


def refusals_as_messages(view: PanelAction) -> PanelAction:
    """Answer an ActionRefused from the domain as done() answers any failed action on the claim ``pk``.

    The reason becomes an error message; htmx gets the claim's fresh panel, a plain POST a redirect to it.
    """

    @wraps(view)
    def wrapper(request: AuthenticatedRequest, pk: int, *args: Any, **kwargs: Any) -> HttpResponse:
        try:
            return view(request, pk, *args, **kwargs)
        except ActionRefused as refusal:
            messages.error(request, str(refusal))
            # Read afresh, as done() would: the panel shows the claim as it is now.
            claim = get_claim(request, pk)
            if request.htmx:
                return render_panel(request, claim)
            return redirect(claim.get_absolute_url())

    return wrapper
