"""A claim as the API shows it after any read or write: the full detail, with its ETag."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

from django.db import transaction
from django.http import HttpResponse
from django.urls import reverse

from accounts.http import AuthenticatedRequest
from api.etags import claim_etag, require_claim_version
from api.representations import claim_out, comment_out, history_out, source_out, verdict_out
from claims.models import Claim
from claims.review.history import claim_history


def claim_detail(claim: Claim) -> dict[str, Any]:
    verdicts = list(claim.verdicts.select_related("rating", "author", "approved_by").order_by("-created_at", "-pk"))
    current = verdicts[0] if verdicts else None
    return {
        **claim_out(claim, rating_label=current.rating.label if current else None),
        "claimant_type": claim.claimant_type,
        "claimed_on": claim.claimed_on,
        "origin": claim.origin,
        "edited": claim.edited,
        "dismissal_reason": claim.dismissal_reason,
        "duplicate_of": claim.duplicate_of_id,
        "recheck_by": claim.recheck_by,
        "verdict": verdict_out(current) if current else None,
        "verdicts": [verdict_out(verdict) for verdict in verdicts],
        "sources": [source_out(source) for source in claim.sources.select_related("document", "added_by")],
        "comments": [comment_out(comment) for comment in claim.comments.select_related("author")],
        "history": [history_out(entry) for entry in claim_history(claim)],
        "links": {
            "self": reverse("api-v1:claim", args=[claim.pk]),
            "article": reverse("api-v1:article", args=[claim.article_id]),
            "web": claim.get_absolute_url(),
        },
    }


def fresh(claim_id: int) -> Claim:
    return Claim.objects.select_related("article", "assignee").get(pk=claim_id)


def respond(response: HttpResponse, claim_id: int) -> dict[str, Any]:
    """The claim as it is now, with its ETag for the next edit."""
    claim = fresh(claim_id)
    response["ETag"] = claim_etag(claim)
    return claim_detail(claim)


@contextmanager
def at_version(request: AuthenticatedRequest, claim: Claim) -> Iterator[Claim]:
    """Hold the claim's row while an action runs, after checking If-Match against it (412 when stale)."""
    with transaction.atomic():
        locked = Claim.objects.select_for_update(of=("self",)).select_related("article", "assignee").get(pk=claim.pk)
        require_claim_version(request, locked, current=claim_out(locked))
        yield locked
