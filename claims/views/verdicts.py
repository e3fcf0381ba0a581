"""Verdicts and discussion: propose, approve, send back, publish, unpublish, comment."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.http import HttpResponse
from django.views.decorators.http import require_POST

from accounts.http import AuthenticatedRequest
from claims import permissions
from claims.errors import ActionRefused
from claims.forms import CommentForm, SendBackForm, VerdictForm
from claims.review import verification
from claims.review.triage import EditConflict
from claims.views.access import get_claim, require
from claims.views.panel import done, refusals_as_messages, render_panel


@require_POST
@login_required
def verdict_propose(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    claim = get_claim(request, pk)
    require(permissions.can_research(request.user, claim))
    form = VerdictForm(request.POST)
    if not form.is_valid():
        return render_panel(request, claim, verdict_form=form)
    data = form.cleaned_data
    try:
        verification.propose_verdict(
            claim=claim,
            author=request.user,
            rating=data["rating"],
            rationale=data["rationale"],
            version=data["version"],
        )
    except EditConflict as conflict:
        current = conflict.current
        retry = VerdictForm(
            initial={"rating": data["rating"], "rationale": data["rationale"], "version": current.version}
        )
        return render_panel(request, current, verdict_form=retry, verdict_conflict=True)
    except ActionRefused as error:
        form.add_error(None, str(error))
        return render_panel(request, claim, verdict_form=form)
    return done(request, claim, "Verdict proposed; an editor will review it.")


@require_POST
@login_required
@refusals_as_messages
def verdict_approve(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    claim = get_claim(request, pk)
    require(permissions.is_editor(request.user))
    verdict = verification.current_verdict(claim)
    if verdict is None or not permissions.awaits_approval(claim, verdict):
        return done(request, claim, "There is no proposed verdict to approve.", error=True)
    verification.approve_verdict(verdict=verdict, user=request.user)
    return done(request, claim, "Verdict approved. It can now be published.")


@require_POST
@login_required
@refusals_as_messages
def verdict_send_back(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    claim = get_claim(request, pk)
    require(permissions.is_editor(request.user))
    form = SendBackForm(request.POST)
    form.is_valid()
    verification.send_back(claim=claim, user=request.user, reason=form.cleaned_data.get("reason", ""))
    return done(request, claim, "Sent back to the reviewer.")


@require_POST
@login_required
@refusals_as_messages
def claim_publish(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    claim = get_claim(request, pk)
    require(permissions.is_editor(request.user))
    verification.publish_claim(claim=claim, user=request.user)
    return done(request, claim, "Published.")


@require_POST
@login_required
def claim_unpublish(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    claim = get_claim(request, pk)
    require(permissions.is_editor(request.user))
    if not verification.unpublish_claims(claims=[claim], user=request.user):
        return done(request, claim, "Only a published claim can be unpublished.", error=True)
    return done(request, claim, "Unpublished: the verdict is off the public pages.")


@require_POST
@login_required
def comment_add(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    claim = get_claim(request, pk)
    require(permissions.can_comment(request.user, claim))
    form = CommentForm(request.POST)
    if not form.is_valid():
        return render_panel(request, claim, comment_form=form)
    verification.add_comment(claim=claim, author=request.user, body=form.cleaned_data["body"])
    return done(request, claim)
