"""Claims: the filtered, searchable list with cursor pagination, one claim in full, and editors' triage."""

from __future__ import annotations

import base64
import binascii
import datetime
from typing import Any

from django.http import HttpResponse, QueryDict
from ninja import P, Query, QueryEx, Router

from accounts.http import AuthenticatedRequest
from api import schemas
from api.access import get_claim, require, require_member
from api.claimviews import at_version, claim_detail, respond
from api.etags import claim_etag, require_claim_version, stale
from api.problems import Problem
from api.representations import claim_out
from api.validation import cleaned
from claims import permissions
from claims.forms import AssignForm, ClaimEditForm, DismissForm, MergeForm, SplitForm
from claims.models import Claim
from claims.review import triage
from claims.review.listing import ClaimFilter
from claims.review.triage import EditConflict, TriageError

router = Router(tags=["claims"])

DEFAULT_LIMIT = 50
# Statuses and errors each triage action answers with besides 200.
ACTION = {200: schemas.ClaimDetailOut}


def _decode_cursor(cursor: str) -> int:
    try:
        kind, _, value = base64.urlsafe_b64decode(cursor.encode() + b"==").decode().partition(":")
        if kind != "before" or not value.isdigit():
            raise ValueError(cursor)
        return int(value)
    except (ValueError, binascii.Error, UnicodeDecodeError) as error:
        raise Problem(
            400, "The cursor is not valid; use next_cursor from the previous page.", kind="bad-cursor"
        ) from error


def _encode_cursor(pk: int) -> str:
    return base64.urlsafe_b64encode(f"before:{pk}".encode()).decode().rstrip("=")


@router.get("/claims", response=schemas.ClaimPageOut, url_name="list_claims", summary="List claims")
def list_claims(
    request: AuthenticatedRequest,
    q: QueryEx[str | None, P(description="Full-text search over wording and claimant.")] = None,
    status: Query[list[schemas.ClaimStatus] | None] = None,
    verdict: QueryEx[int | None, P(description="A rating id: the claim's current verdict.")] = None,
    claim_type: schemas.ClaimType | None = None,
    bucket: schemas.Bucket | None = None,
    assignee: QueryEx[str | None, P(description="A user id, or `null` for unassigned claims.")] = None,
    article: int | None = None,
    created_after: datetime.date | None = None,
    created_before: datetime.date | None = None,
    recheck_by_after: datetime.date | None = None,
    recheck_by_before: datetime.date | None = None,
    cursor: str | None = None,
    limit: QueryEx[int, P(ge=1, le=100)] = DEFAULT_LIMIT,
) -> dict[str, Any]:
    """The claims list's filters (as on /claims/), newest first. Pages are stable: new claims never shift them."""
    require_member(request)
    params = QueryDict(mutable=True)
    for name, value in {
        "q": q,
        "verdict": verdict,
        "claim_type": claim_type,
        "bucket": bucket,
        "assignee": assignee,
        "article": article,
        "created_after": created_after,
        "created_before": created_before,
        "recheck_by_after": recheck_by_after,
        "recheck_by_before": recheck_by_before,
    }.items():
        if value is not None and value != "":
            params[name] = str(value)
    params.setlist("status", list(status or []))
    claim_filter = ClaimFilter(params, queryset=Claim.objects.all())  # type: ignore[no-untyped-call]
    if not claim_filter.is_valid():
        errors = [
            {"loc": ["query", field], "msg": str(message), "type": "invalid"}
            for field, messages in claim_filter.errors.items()
            for message in messages
        ]
        raise Problem(422, "The filter is not valid; see errors.", kind="validation-error", errors=errors)
    claims = claim_filter.qs.select_related("assignee").order_by("-pk")
    if cursor:
        claims = claims.filter(pk__lt=_decode_cursor(cursor))
    page = list(claims[: limit + 1])
    more = len(page) > limit
    page = page[:limit]
    return {
        "items": [claim_out(claim) for claim in page],
        "next_cursor": _encode_cursor(page[-1].pk) if more else None,
    }


@router.get("/claims/{claim_id}", response=schemas.ClaimDetailOut, url_name="claim", summary="A claim in full")
def get_claim_detail(request: AuthenticatedRequest, response: HttpResponse, claim_id: int) -> dict[str, Any]:
    """Offsets, bucket, score, reasons, sources, the current verdict and earlier ones, comments and history.

    The ETag header is the claim's version: send it back in If-Match with any change.
    """
    claim = get_claim(request, claim_id)
    response["ETag"] = claim_etag(claim)
    return claim_detail(claim)


def _triage_claim(request: AuthenticatedRequest, claim_id: int) -> Claim:
    claim = get_claim(request, claim_id)
    require(permissions.can_triage(request.user), "Only editors triage claims.")
    return claim


def _run(request: AuthenticatedRequest, response: HttpResponse, claim: Claim, action: Any) -> dict[str, Any]:
    """Run a versioned triage action: 412 with the current claim when stale, 409 when the state forbids it."""
    version = require_claim_version(request, claim, current=claim_out(claim))
    try:
        result = action(version)
    except EditConflict as conflict:
        raise stale(conflict.current, claim_out(conflict.current)) from conflict
    except TriageError as error:
        raise Problem(409, str(error), kind="not-allowed-now") from error
    return respond(response, result.pk if isinstance(result, Claim) else claim.pk)


@router.post("/claims/{claim_id}/keep", response=ACTION, url_name="keep_claim", summary="Keep for checking")
def keep_claim(request: AuthenticatedRequest, response: HttpResponse, claim_id: int) -> dict[str, Any]:
    """Accept a detected claim for checking (new → in review). Needs If-Match."""
    claim = _triage_claim(request, claim_id)
    return _run(
        request, response, claim, lambda version: triage.keep_claim(claim=claim, user=request.user, version=version)
    )


@router.post("/claims/{claim_id}/dismiss", response=ACTION, url_name="dismiss_claim", summary="Dismiss with a reason")
def dismiss_claim(
    request: AuthenticatedRequest, response: HttpResponse, claim_id: int, payload: schemas.DismissIn
) -> dict[str, Any]:
    """Dismiss the claim with a reason; it can be restored. Needs If-Match."""
    claim = _triage_claim(request, claim_id)
    data = cleaned(DismissForm({"reason": payload.reason, "version": claim.version}))
    return _run(
        request,
        response,
        claim,
        lambda version: triage.dismiss_claim(claim=claim, user=request.user, reason=data["reason"], version=version),
    )


@router.post("/claims/{claim_id}/restore", response=ACTION, url_name="restore_claim", summary="Restore to triage")
def restore_claim(request: AuthenticatedRequest, response: HttpResponse, claim_id: int) -> dict[str, Any]:
    """Bring a dismissed claim back to triage. Needs If-Match."""
    claim = _triage_claim(request, claim_id)
    return _run(
        request, response, claim, lambda version: triage.restore_claim(claim=claim, user=request.user, version=version)
    )


@router.patch("/claims/{claim_id}", response=ACTION, url_name="edit_claim", summary="Edit wording and details")
def edit_claim(
    request: AuthenticatedRequest, response: HttpResponse, claim_id: int, payload: schemas.EditIn
) -> dict[str, Any]:
    """Change the wording, type, claimant or re-check date. Fields left out keep their value. Needs If-Match."""
    claim = _triage_claim(request, claim_id)
    given = payload.model_fields_set
    form = ClaimEditForm(
        {
            "text": payload.text,
            "claim_type": payload.claim_type or claim.claim_type,
            "claimant": payload.claimant if "claimant" in given else claim.claimant,
            "recheck_by": payload.recheck_by if "recheck_by" in given else claim.recheck_by,
            "version": claim.version,
        }
    )
    data = cleaned(form)
    return _run(
        request,
        response,
        claim,
        lambda version: triage.edit_claim(
            claim=claim,
            user=request.user,
            version=version,
            text=data["text"],
            claim_type=data["claim_type"],
            claimant=data["claimant"],
            claimant_type=payload.claimant_type,
            recheck_by=data["recheck_by"],
        ),
    )


@router.post(
    "/claims/{claim_id}/split", response={200: schemas.SplitOut}, url_name="split_claim", summary="Split in two"
)
def split_claim(request: AuthenticatedRequest, claim_id: int, payload: schemas.SplitIn) -> dict[str, Any]:
    """Replace the claim by two with the same span; the original is dismissed as split. Needs If-Match."""
    claim = _triage_claim(request, claim_id)
    data = cleaned(SplitForm({"first": payload.first, "second": payload.second, "version": claim.version}))
    version = require_claim_version(request, claim, current=claim_out(claim))
    try:
        parts = triage.split_claim(
            claim=claim, user=request.user, version=version, first=data["first"], second=data["second"]
        )
    except EditConflict as conflict:
        raise stale(conflict.current, claim_out(conflict.current)) from conflict
    except TriageError as error:
        raise Problem(409, str(error), kind="not-allowed-now") from error
    return {"claims": [claim_out(part) for part in parts]}


@router.post("/claims/{claim_id}/merge", response=ACTION, url_name="merge_claims", summary="Merge duplicates into it")
def merge_claims(
    request: AuthenticatedRequest, response: HttpResponse, claim_id: int, payload: schemas.MergeIn
) -> dict[str, Any]:
    """Merge other claims of the same article into this one: their sources, verdicts and comments move. Needs If-Match."""
    claim = _triage_claim(request, claim_id)
    others = [cleaned(MergeForm({"other": other}, claim=claim))["other"] for other in payload.others]
    with at_version(request, claim) as locked:
        try:
            triage.merge_claims(keep=locked, others=others, user=request.user)
        except TriageError as error:
            raise Problem(409, str(error), kind="not-allowed-now") from error
    return respond(response, claim.pk)


@router.post("/claims/{claim_id}/assign", response=ACTION, url_name="assign_claim", summary="Assign a reviewer")
def assign_claim(
    request: AuthenticatedRequest, response: HttpResponse, claim_id: int, payload: schemas.AssignIn
) -> dict[str, Any]:
    """Assign the claim to an editor or reviewer (null unassigns); a new claim moves into review. Needs If-Match."""
    claim = _triage_claim(request, claim_id)
    assignee = cleaned(AssignForm({"assignee": payload.assignee or ""}))["assignee"]
    with at_version(request, claim) as locked:
        if not triage.assign_claims(claims=Claim.objects.filter(pk=locked.pk), assignee=assignee, user=request.user):
            raise Problem(409, "Published or dismissed claims cannot be assigned.", kind="not-allowed-now")
    return respond(response, claim.pk)
