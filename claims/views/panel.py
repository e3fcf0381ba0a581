"""The claim panel: what it shows, to whom, and how actions answer (partial for htmx, redirect otherwise)."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django_htmx.http import trigger_client_event

from claims import permissions
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
from claims.history import claim_history
from claims.models import Article, Claim, Rating
from claims.rendering import highlighted_html, segments
from claims.verification import current_verdict
from claims.views.access import require_member
from workbench.http import AuthenticatedRequest

MERGE_LIST_LIMIT = 200


def get_claim(request: AuthenticatedRequest, pk: int) -> Claim:
    require_member(request)
    return get_object_or_404(Claim.objects.select_related("article", "assignee"), pk=pk)


def require(allowed: bool) -> None:
    if not allowed:
        raise PermissionDenied("You may not do this")


def panel_context(request: AuthenticatedRequest, claim: Claim, **overrides: Any) -> dict[str, Any]:
    """Everything the panel shows; ``overrides`` carry bound forms (errors, conflicts) to re-render."""
    user = request.user
    verdict = current_verdict(claim)
    status = claim.status
    can_triage = permissions.can_triage(user)
    can_research = permissions.can_research(user, claim)
    is_editor = permissions.is_editor(user)
    proposed = verdict is not None and status == Claim.Status.VERDICT_PROPOSED
    context: dict[str, Any] = {
        "claim": claim,
        "article": claim.article,
        "verdict": verdict,
        "sources": list(claim.sources.select_related("document", "added_by")),
        "comments": list(claim.comments.select_related("author")),
        "history": claim_history(claim),
        "can_triage": can_triage,
        "can_edit": can_triage and status not in (Claim.Status.DISMISSED, Claim.Status.PUBLISHED),
        "can_keep": can_triage and status == Claim.Status.NEW,
        "can_split": can_triage and status in (Claim.Status.NEW, Claim.Status.IN_REVIEW),
        "can_restore": can_triage and status == Claim.Status.DISMISSED,
        "can_research": can_research,
        "can_comment": permissions.can_comment(user, claim),
        "can_approve": proposed and permissions.can_approve(user, verdict),  # type: ignore[arg-type]
        "own_verdict": proposed and verdict.author_id == user.pk,  # type: ignore[union-attr]
        "can_send_back": proposed and is_editor,
        "can_publish": verdict is not None and permissions.can_publish(user, claim),
        "can_unpublish": permissions.can_unpublish(user, claim),
    }
    if context["can_edit"]:
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
        # Options rendered by hand: Django's widget templates cost a template per option.
        candidates = MergeForm(claim=claim).fields["other"].queryset.only("pk", "text")  # type: ignore[attr-defined]
        # Past a few hundred, a list to scroll is no help: the editor types the duplicate's number.
        context["merge_candidates"] = list(candidates[: MERGE_LIST_LIMIT + 1])
    if context["can_split"]:
        context["split_form"] = SplitForm(initial={"first": claim.text, "second": claim.text, "version": claim.version})
    if can_research:
        context["source_form"] = SourceAddForm()
        initial: dict[str, Any] = {"version": claim.version}
        if verdict is not None and verdict.approved_at is None:
            initial |= {"rating": verdict.rating_id, "rationale": verdict.rationale}
        context["verdict_form"] = VerdictForm(initial=initial)
    if context["can_comment"]:
        context["comment_form"] = CommentForm()
    if context["can_send_back"]:
        context["send_back_form"] = SendBackForm()
    context.update(overrides)
    return context


# Glyphs beside each highlight, so status never rests on colour alone.
STATUS_GLYPHS = {
    Claim.Status.NEW: "○",
    Claim.Status.IN_REVIEW: "◐",
    Claim.Status.VERDICT_PROPOSED: "◑",
    Claim.Status.APPROVED: "✓",
    Claim.Status.PUBLISHED: "★",
    Claim.Status.DISMISSED: "×",
}


def article_context(request: AuthenticatedRequest, article: Article, claim: Claim | None = None) -> dict[str, Any]:
    ratings = {rating.pk: rating for rating in Rating.objects.all()}
    claims = list(article.claims.visible().select_related("assignee").with_current_verdict())
    # Labels and URLs resolved once here: the template loop over thousands of claims stays cheap.
    statuses = {str(value): str(label) for value, label in Claim.Status.choices}
    types = {str(value): str(label) for value, label in Claim.Type.choices}
    buckets = {str(value): str(label) for value, label in Claim.Bucket.choices}
    for item in claims:
        item.rating = ratings.get(item.current_rating_id)  # type: ignore[attr-defined]
        item.glyph = STATUS_GLYPHS.get(Claim.Status(item.status), "")  # type: ignore[attr-defined]
        item.status_label = statuses.get(item.status, item.status)  # type: ignore[attr-defined]
        item.type_label = types.get(item.claim_type, item.claim_type)  # type: ignore[attr-defined]
        item.bucket_label = buckets.get(item.bucket, item.bucket)  # type: ignore[attr-defined]
        item.url = reverse("claims:claim-detail", args=[article.pk, item.pk])  # type: ignore[attr-defined]
    runs = segments(article.body, claims)
    can_triage = permissions.can_triage(request.user)
    context: dict[str, Any] = {
        "article": article,
        "claims": claims,
        "segments": runs,
        "highlighted": highlighted_html(runs, claim.pk if claim else None),
        "ratings": ratings.values(),
        "statuses": [(value, label, STATUS_GLYPHS[Claim.Status(value)]) for value, label in Claim.Status.choices],
        "dismissed_count": article.claims.filter(status=Claim.Status.DISMISSED).count(),
        "can_triage": can_triage,
        "claim": claim,
    }
    if can_triage:
        context["add_form"] = AddClaimForm()
        context["bulk_form"] = BulkForm(claims=Claim.objects.none())
    if claim is not None:
        context.update(panel_context(request, claim))
    return context


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
