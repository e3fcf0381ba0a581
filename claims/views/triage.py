"""Editors' triage actions: keep, dismiss, restore, edit, split, merge, assign, add, bulk."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_POST
from django_htmx.http import trigger_client_event

from accounts.http import AuthenticatedRequest
from claims import permissions
from claims.article_page.workspace import View
from claims.errors import ActionRefused
from claims.forms import (
    AddClaimForm,
    AssignForm,
    BulkForm,
    ClaimEditForm,
    DismissForm,
    MergeForm,
    SplitForm,
    VersionForm,
)
from claims.models import Claim
from claims.review import triage
from claims.review.triage import EditConflict
from claims.views.access import get_article_for_user, get_claim, require
from claims.views.panel import article_context, done, refusals_as_messages, render_panel

CONFLICT = "Someone else changed this claim while you were editing it. Your text is kept below, beside theirs."
CHANGED_MEANWHILE = "Someone changed this claim just now; here it is as it is now."


@require_POST
@login_required
@refusals_as_messages
def claim_keep(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    claim = get_claim(request, pk)
    require(permissions.can_triage(request.user))
    form = VersionForm(request.POST)
    if not form.is_valid():
        return done(request, claim, "The form was incomplete; reload and try again.", error=True)
    try:
        triage.keep_claim(claim=claim, user=request.user, version=form.cleaned_data["version"])
    except EditConflict:
        return done(request, claim, CHANGED_MEANWHILE, error=True)
    return done(request, claim, "Claim kept for checking.")


@require_POST
@login_required
@refusals_as_messages
def claim_dismiss(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    claim = get_claim(request, pk)
    require(permissions.can_triage(request.user))
    form = DismissForm(request.POST)
    if not form.is_valid():
        return render_panel(request, claim, dismiss_form=form, open_dismiss=True)
    try:
        triage.dismiss_claim(
            claim=claim, user=request.user, reason=form.cleaned_data["reason"], version=form.cleaned_data["version"]
        )
    except EditConflict:
        return done(request, claim, CHANGED_MEANWHILE, error=True)
    return done(request, claim, "Claim dismissed.")


@require_POST
@login_required
@refusals_as_messages
def claim_restore(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    claim = get_claim(request, pk)
    require(permissions.can_triage(request.user))
    triage.restore_claim(claim=claim, user=request.user, version=claim.version)
    return done(request, claim, "Claim restored to triage.")


@require_POST
@login_required
def claim_edit(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    claim = get_claim(request, pk)
    require(permissions.can_triage(request.user))
    form = ClaimEditForm(request.POST)
    if not form.is_valid():
        return render_panel(request, claim, edit_form=form, open_edit=True)
    data = form.cleaned_data
    try:
        triage.edit_claim(
            claim=claim,
            user=request.user,
            version=data["version"],
            text=data["text"],
            claim_type=data["claim_type"],
            claimant=data["claimant"],
            recheck_by=data["recheck_by"],
        )
    except EditConflict as conflict:
        current = conflict.current
        # Keep what they typed, against the newest version, so saving again is a deliberate choice.
        retry = ClaimEditForm(initial={**data, "version": current.version})
        return render_panel(request, current, edit_form=retry, open_edit=True, edit_conflict=current)
    except ActionRefused as error:
        form.add_error("text", str(error))
        return render_panel(request, claim, edit_form=form, open_edit=True)
    return done(request, claim, "Claim saved.")


@require_POST
@login_required
@refusals_as_messages
def claim_split(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    claim = get_claim(request, pk)
    require(permissions.can_triage(request.user))
    form = SplitForm(request.POST)
    if not form.is_valid():
        return render_panel(request, claim, split_form=form, open_split=True)
    try:
        first, _ = triage.split_claim(
            claim=claim,
            user=request.user,
            version=form.cleaned_data["version"],
            first=form.cleaned_data["first"],
            second=form.cleaned_data["second"],
        )
    except EditConflict:
        return done(request, claim, CHANGED_MEANWHILE, error=True)
    return done(request, first, "Claim split in two; showing the first.")


@require_POST
@login_required
@refusals_as_messages
def claim_merge(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    claim = get_claim(request, pk)
    require(permissions.can_triage(request.user))
    form = MergeForm(request.POST, claim=claim)
    if not form.is_valid():
        return done(request, claim, "Choose another claim of this article to merge.", error=True)
    triage.merge_claims(keep=claim, others=[form.cleaned_data["other"]], user=request.user)
    return done(request, claim, "Duplicate merged into this claim.")


@require_POST
@login_required
def claim_assign(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    claim = get_claim(request, pk)
    require(permissions.can_triage(request.user))
    form = AssignForm(request.POST)
    if not form.is_valid():
        return render_panel(request, claim, assign_form=form)
    assignee = form.cleaned_data["assignee"]
    changed = triage.assign_claims(claims=Claim.objects.filter(pk=claim.pk), assignee=assignee, user=request.user)
    if not changed:
        return done(request, claim, "Published or dismissed claims cannot be assigned.", error=True)
    return done(request, claim, f"Assigned to {assignee.display_name}." if assignee else "Unassigned.")


@require_POST
@login_required
def claim_add(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    article = get_article_for_user(request, pk)
    require(permissions.can_triage(request.user))
    form = AddClaimForm(request.POST)
    if form.is_valid():
        try:
            claim = triage.add_claim(article=article, user=request.user, **form.cleaned_data)
        except ActionRefused as error:
            messages.error(request, str(error))
        else:
            return done(request, claim, "Claim added from your selection.")
    else:
        messages.error(request, "Select a passage of the article text first.")
    if request.htmx:
        return HttpResponse(status=204)
    return redirect(article.get_absolute_url())


@require_POST
@login_required
def claims_bulk(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    article = get_article_for_user(request, pk)
    require(permissions.can_triage(request.user))
    form = BulkForm(request.POST, claims=article.claims.all())
    if not form.is_valid():
        errors = "; ".join(str(error) for errors in form.errors.values() for error in errors)
        messages.error(request, errors)
    else:
        data = form.cleaned_data
        selected = Claim.objects.filter(pk__in=[claim.pk for claim in data["claims"]])
        try:
            if data["action"] == "dismiss":
                count = triage.dismiss_claims(claims=selected, user=request.user, reason=data["reason"])
                messages.success(request, f"Dismissed {count} claim{'s' if count != 1 else ''}.")
            elif data["action"] == "assign":
                count = triage.assign_claims(claims=selected, assignee=data["assignee"], user=request.user)
                messages.success(request, f"Assigned {count} claim{'s' if count != 1 else ''}.")
            else:
                count = triage.change_claim_types(claims=selected, claim_type=data["claim_type"], user=request.user)
                messages.success(request, f"Changed the type of {count} claim{'s' if count != 1 else ''}.")
        except ActionRefused as error:
            messages.error(request, str(error))
    if request.htmx:
        article = get_article_for_user(request, pk)  # again: the action changed its claims revision
        context = article_context(request, article, region="claim-list", view=View.from_query(request.POST))
        response = render(request, "claims/article_detail.html#claim-list", context)
        return trigger_client_event(response, "claims-changed")
    return redirect(article.get_absolute_url())
