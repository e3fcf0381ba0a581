"""Optimistic locking over HTTP: a claim's ETag is its version, and writes must send it back in If-Match."""

from __future__ import annotations

import re
from typing import Any

from django.http import HttpRequest

from api.problems import Problem
from claims.models import Claim

_TAG = re.compile(r'(?:W/)?"([^"]*)"')


def claim_etag(claim: Claim) -> str:
    return f'"claim-{claim.pk}-v{claim.version}"'


def if_match_tags(request: HttpRequest) -> list[str] | None:
    header = request.headers.get("If-Match")
    if header is None:
        return None
    if header.strip() == "*":
        return ["*"]
    return [f'"{tag}"' for tag in _TAG.findall(header)]


def require_claim_version(request: HttpRequest, claim: Claim, current: Any) -> int:
    """The version the client based its edit on; 428 without If-Match, 412 when it is not the current one.

    ``current`` is what a 412 shows: the claim as it is now, so the client can compare and decide.
    """
    tags = if_match_tags(request)
    if tags is None:
        raise Problem(
            428,
            "Send If-Match with the claim's ETag (from GET /claims/{id}), so an edit never overwrites a newer one.",
            kind="precondition-required",
        )
    if "*" in tags or claim_etag(claim) in tags:
        return claim.version
    raise stale(claim, current)


def stale(claim: Claim, current: Any) -> Problem:
    return Problem(
        412,
        "This claim was changed since the version you sent; here it is as it is now.",
        kind="edit-conflict",
        headers={"ETag": claim_etag(claim)},
        current=current,
    )
