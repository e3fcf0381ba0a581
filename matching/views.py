"""Matching in the UI: the claim panel's "Checked before" section, reuse and reject, and "Has this been checked?"."""

from __future__ import annotations

import dataclasses
from typing import Any

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpResponse, JsonResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_GET, require_POST
from django.views.decorators.vary import vary_on_headers

from accounts.http import AuthenticatedRequest
from claims import permissions
from claims.forms import VerdictForm
from claims.models import Claim, Source
from claims.views.access import get_claim, require, require_member
from claims.views.panel import render_panel
from matching import claim_matches, decisions, matcher
from matching.models import Match, MatchDecision, MatchedClaim

MAX_STATEMENT_CHARS = 2000


class CheckForm(forms.Form):
    q = forms.CharField(label="Statement", max_length=MAX_STATEMENT_CHARS, widget=forms.Textarea(attrs={"rows": 3}))
    date = forms.DateField(label="Said on (optional)", required=False, widget=forms.DateInput(attrs={"type": "date"}))


class ReuseForm(forms.Form):
    stance = forms.ChoiceField(choices=Source.Stance.choices, initial=Source.Stance.CONTEXT)


def _get_match(request: AuthenticatedRequest, pk: int) -> Match:
    require_member(request)
    return get_object_or_404(
        Match.objects.select_related("claim__article", "claim__assignee", "fact_check"), pk=pk, fact_check__isnull=False
    )


def matches_context(request: AuthenticatedRequest, claim: Claim) -> dict[str, Any]:
    """The claim's stored matches (matching it now if it never was), with the decisions taken on them."""
    if not MatchedClaim.objects.filter(claim=claim).exists():
        claim_matches.match_claim(claim)
    rows = list(Match.objects.filter(claim=claim).select_related("fact_check", "other_claim__article"))
    reused = set(
        MatchDecision.objects.filter(claim=claim, decision=MatchDecision.Decision.REUSED).values_list(
            "fact_check_id", flat=True
        )
    )
    return {
        "claim": claim,
        "fact_checks": [m for m in rows if m.fact_check_id],
        "duplicates": [m for m in rows if m.other_claim_id],
        "reused": reused,
        "can_reuse": permissions.can_reuse_match(request.user, claim),
        "stances": Source.Stance.choices,
    }


@require_GET
@login_required
def claim_matches_section(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    claim = get_claim(request, pk)
    return render(request, "matching/claim_matches.html#claim-matches", matches_context(request, claim))


@require_POST
@login_required
def match_reuse(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    match = _get_match(request, pk)
    require(permissions.can_reuse_match(request.user, match.claim))
    form = ReuseForm(request.POST)
    stance = form.cleaned_data["stance"] if form.is_valid() else Source.Stance.CONTEXT
    try:
        reuse = decisions.reuse_match(match=match, user=request.user, stance=stance)
    except decisions.DecisionError as error:
        messages.error(request, str(error))
        return _after(request, match.claim)
    messages.success(
        request,
        "Reused as a source; fetching the page…" if reuse.created else "That fact check is already a source.",
    )
    claim = Claim.objects.select_related("article", "assignee").get(pk=match.claim_id)
    if not request.htmx:
        return redirect(claim.get_absolute_url())
    overrides: dict[str, Any] = {}
    if permissions.can_research(request.user, claim):
        # The previous rating is the starting point of a verdict: the reviewer still proposes it.
        initial = {"rating": reuse.rating.pk if reuse.rating else None, "rationale": reuse.rationale}
        overrides = {"verdict_form": VerdictForm(initial=initial | {"version": claim.version}), "open_verdict": True}
    return render_panel(request, claim, **overrides)


@require_POST
@login_required
def match_not_same(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    match = _get_match(request, pk)
    require(permissions.can_reuse_match(request.user, match.claim))
    claim = match.claim
    decisions.reject_match(match=match, user=request.user)
    messages.success(request, "Marked as not the same claim; it will not be suggested again.")
    return _after(request, claim)


def _after(request: AuthenticatedRequest, claim: Claim) -> HttpResponse:
    if request.htmx:
        return render(request, "matching/claim_matches.html#claim-matches", matches_context(request, claim))
    return redirect(claim.get_absolute_url())


@require_GET
@login_required
@vary_on_headers("Accept")
def check(request: AuthenticatedRequest) -> HttpResponse:
    """Paste any statement, see the previous fact checks that match it (JSON with ?format=json)."""
    require_member(request)
    require(permissions.can_match(request.user))
    form = CheckForm(request.GET or None)
    suggestions: list[matcher.Suggestion] | None = None
    if form.is_valid():
        suggestions = matcher.match_statement(form.cleaned_data["q"], when=form.cleaned_data["date"])
    if request.GET.get("format") == "json":
        if suggestions is None:
            return JsonResponse(
                {"errors": form.errors.get_json_data() if form.is_bound else {"q": "required"}}, status=400
            )
        return JsonResponse({"matches": [_as_json(s) for s in suggestions]})
    return render(request, "matching/check.html", {"form": form, "suggestions": suggestions})


def _as_json(suggestion: matcher.Suggestion) -> dict[str, Any]:
    data = dataclasses.asdict(suggestion)
    data["date"] = suggestion.date.isoformat() if suggestion.date else None
    return data
