"""Research and verdicts: sources (fetched in the background), stance and excerpt; propose, approve,
send back, publish and unpublish a verdict; comments."""

from __future__ import annotations

from typing import Any

from django.db import transaction
from django.http import HttpResponse
from ninja import Router, Status

from accounts.http import AuthenticatedRequest
from api import schemas
from api.access import get_claim, get_source, require
from api.claimviews import at_version, respond
from api.etags import if_match_tags, require_claim_version, stale
from api.problems import Problem
from api.representations import claim_out, comment_out, source_out
from api.validation import cleaned
from claims import permissions
from claims.forms import CommentForm, SendBackForm, SourceAddForm, SourceUpdateForm, VerdictForm
from claims.models import Claim, Source
from claims.review import verification
from claims.review.triage import EditConflict
from claims.review.verification import WorkflowError

router = Router(tags=["research and verdicts"])

ACTION = {200: schemas.ClaimDetailOut}


def source_etag(source: Source) -> str:
    return f'"source-{source.pk}-{int(source.updated_at.timestamp() * 1_000_000)}"'


def _research_claim(request: AuthenticatedRequest, claim_id: int) -> Claim:
    claim = get_claim(request, claim_id)
    require(permissions.can_research(request.user, claim), "Only the assignee or an editor works on this claim.")
    return claim


def _editor_claim(request: AuthenticatedRequest, claim_id: int) -> Claim:
    claim = get_claim(request, claim_id)
    require(permissions.is_editor(request.user), "Only editors approve, send back and publish.")
    return claim


# ---- Sources ------------------------------------------------------------------------


@router.post(
    "/claims/{claim_id}/sources",
    response={200: schemas.SourceOut, 201: schemas.SourceOut},
    url_name="add_source",
    summary="Add a source",
)
def add_source(
    request: AuthenticatedRequest, response: HttpResponse, claim_id: int, payload: schemas.SourceIn
) -> Status[dict[str, Any]]:
    """Cite a URL; a worker fetches the page safely (poll GET /sources/{id}). The same URL twice is one source."""
    claim = _research_claim(request, claim_id)
    data = cleaned(SourceAddForm({"url": payload.url, "stance": payload.stance, "note": payload.note}))
    source, created = verification.add_source(claim=claim, user=request.user, excerpt=payload.excerpt, **data)
    source = Source.objects.select_related("document", "added_by").get(pk=source.pk)
    response["ETag"] = source_etag(source)
    return Status(201 if created else 200, source_out(source))


@router.get("/sources/{source_id}", response=schemas.SourceOut, url_name="source", summary="A source")
def get_source_detail(request: AuthenticatedRequest, response: HttpResponse, source_id: int) -> dict[str, Any]:
    """The source with its fetch status (queued, fetching, ready, failed) and the page's title and publisher."""
    source = get_source(request, source_id)
    response["ETag"] = source_etag(source)
    return source_out(source)


@router.patch(
    "/sources/{source_id}", response=schemas.SourceOut, url_name="update_source", summary="Set stance, excerpt, note"
)
def update_source(
    request: AuthenticatedRequest, response: HttpResponse, source_id: int, payload: schemas.SourcePatchIn
) -> dict[str, Any]:
    """Change the stance, the excerpt that matters or the note. Fields left out keep their value. Needs If-Match."""
    source = get_source(request, source_id)
    require(permissions.can_research(request.user, source.claim), "Only the assignee or an editor works on this claim.")
    with transaction.atomic():
        locked = Source.objects.select_for_update(of=("self",)).select_related("document", "added_by").get(pk=source.pk)
        tags = if_match_tags(request)
        if tags is None:
            raise Problem(
                428, "Send If-Match with the source's ETag (from GET /sources/{id}).", kind="precondition-required"
            )
        if "*" not in tags and source_etag(locked) not in tags:
            raise Problem(
                412,
                "This source was changed since the version you sent; here it is as it is now.",
                kind="edit-conflict",
                headers={"ETag": source_etag(locked)},
                current=source_out(locked),
            )
        data = cleaned(
            SourceUpdateForm(
                {
                    "stance": payload.stance or locked.stance,
                    "excerpt": locked.excerpt if payload.excerpt is None else payload.excerpt,
                    "note": locked.note if payload.note is None else payload.note,
                }
            )
        )
        verification.update_source(source=locked, **data)
    locked.refresh_from_db()
    response["ETag"] = source_etag(locked)
    return source_out(locked)


@router.delete("/sources/{source_id}", response={204: None}, url_name="remove_source", summary="Remove a source")
def remove_source(request: AuthenticatedRequest, source_id: int) -> Status[None]:
    source = get_source(request, source_id)
    require(permissions.can_research(request.user, source.claim), "Only the assignee or an editor works on this claim.")
    verification.remove_source(source=source)
    return Status(204, None)


# ---- Verdicts -----------------------------------------------------------------------


@router.post("/claims/{claim_id}/verdicts", response=ACTION, url_name="propose_verdict", summary="Propose a verdict")
def propose_verdict(
    request: AuthenticatedRequest, response: HttpResponse, claim_id: int, payload: schemas.VerdictIn
) -> dict[str, Any]:
    """Propose a rating with a Markdown rationale; the claim moves to 'verdict proposed'. Needs If-Match."""
    claim = _research_claim(request, claim_id)
    data = cleaned(VerdictForm({"rating": payload.rating, "rationale": payload.rationale, "version": claim.version}))
    version = require_claim_version(request, claim, current=claim_out(claim))
    try:
        verification.propose_verdict(
            claim=claim, author=request.user, rating=data["rating"], rationale=data["rationale"], version=version
        )
    except EditConflict as conflict:
        raise stale(conflict.current, claim_out(conflict.current)) from conflict
    except WorkflowError as error:
        raise Problem(409, str(error), kind="not-allowed-now") from error
    return respond(response, claim.pk)


@router.post("/claims/{claim_id}/verdict/approve", response=ACTION, url_name="approve_verdict", summary="Approve")
def approve_verdict(request: AuthenticatedRequest, response: HttpResponse, claim_id: int) -> dict[str, Any]:
    """Approve the proposed verdict; only another editor may (never its author). Needs If-Match."""
    claim = _editor_claim(request, claim_id)
    with at_version(request, claim) as locked:
        verdict = verification.current_verdict(locked)
        if verdict is None or locked.status != Claim.Status.VERDICT_PROPOSED:
            raise Problem(409, "There is no proposed verdict to approve.", kind="not-allowed-now")
        require(
            permissions.can_approve(request.user, verdict), "You cannot approve your own verdict; ask another editor."
        )
        try:
            verification.approve_verdict(verdict=verdict, user=request.user)
        except WorkflowError as error:
            raise Problem(409, str(error), kind="not-allowed-now") from error
    return respond(response, claim.pk)


@router.post("/claims/{claim_id}/verdict/send-back", response=ACTION, url_name="send_back", summary="Send back")
def send_back(
    request: AuthenticatedRequest, response: HttpResponse, claim_id: int, payload: schemas.SendBackIn
) -> dict[str, Any]:
    """Return the proposed verdict to the reviewer with a comment; the claim goes back into review. Needs If-Match."""
    claim = _editor_claim(request, claim_id)
    data = cleaned(SendBackForm({"reason": payload.reason}))
    with at_version(request, claim) as locked:
        try:
            verification.send_back(claim=locked, user=request.user, reason=data["reason"])
        except WorkflowError as error:
            raise Problem(409, str(error), kind="not-allowed-now") from error
    return respond(response, claim.pk)


@router.post("/claims/{claim_id}/publish", response=ACTION, url_name="publish_claim", summary="Publish the verdict")
def publish_claim(request: AuthenticatedRequest, response: HttpResponse, claim_id: int) -> dict[str, Any]:
    """Publish the approved verdict: it joins the public report pages and exports. Needs If-Match."""
    claim = _editor_claim(request, claim_id)
    with at_version(request, claim) as locked:
        try:
            verification.publish_claim(claim=locked, user=request.user)
        except WorkflowError as error:
            raise Problem(409, str(error), kind="not-allowed-now") from error
    return respond(response, claim.pk)


@router.post("/claims/{claim_id}/unpublish", response=ACTION, url_name="unpublish_claim", summary="Unpublish")
def unpublish_claim(request: AuthenticatedRequest, response: HttpResponse, claim_id: int) -> dict[str, Any]:
    """Take the verdict off the public pages and exports; the claim returns to approved. Needs If-Match."""
    claim = _editor_claim(request, claim_id)
    with at_version(request, claim) as locked:
        if not verification.unpublish_claims(claims=[locked], user=request.user):
            raise Problem(409, "Only a published claim can be unpublished.", kind="not-allowed-now")
    return respond(response, claim.pk)


@router.post(
    "/claims/{claim_id}/comments", response={201: schemas.CommentOut}, url_name="add_comment", summary="Comment"
)
def add_comment(request: AuthenticatedRequest, claim_id: int, payload: schemas.CommentIn) -> Status[dict[str, Any]]:
    claim = get_claim(request, claim_id)
    require(permissions.can_comment(request.user, claim))
    data = cleaned(CommentForm({"body": payload.body}))
    try:
        comment = verification.add_comment(claim=claim, author=request.user, body=data["body"])
    except WorkflowError as error:
        raise Problem(422, str(error), kind="validation-error") from error
    return Status(201, comment_out(comment))
