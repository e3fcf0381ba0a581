"""Admin actions that export the selected claims through the exports package (one way to export)."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from typing import Any

from django.contrib import admin
from django.db.models import QuerySet
from django.http import HttpRequest, StreamingHttpResponse

from claims.exports import formats
from claims.exports.files import content_disposition
from claims.exports.records import Scope
from claims.models import Claim, ClaimQuerySet


def _selection(queryset: QuerySet[Claim], *, published_only: bool = False) -> Scope:
    claims = Claim.objects.filter(pk__in=queryset.values("pk")).order_by("article", "start", "pk")
    assert isinstance(claims, ClaimQuerySet)  # the default manager is ClaimQuerySet.as_manager()
    if published_only:
        claims = claims.published()
    return Scope(title="Selected claims", queryset=claims, published_only=published_only)


def _download(
    scope: Scope, writer: Callable[[Scope], Iterator[str]], content_type: str, extension: str, suffix: str
) -> StreamingHttpResponse:
    response = StreamingHttpResponse(writer(scope), content_type=content_type)
    response["Content-Disposition"] = content_disposition(scope.title, extension, suffix=suffix)
    return response


@admin.action(description="Export the selection as CSV", permissions=("export",))
def export_csv(model_admin: Any, request: HttpRequest, queryset: QuerySet[Claim]) -> StreamingHttpResponse:
    return _download(_selection(queryset), formats.csv_chunks, "text/csv; charset=utf-8", "csv", "verdicts")


@admin.action(description="Export the selection as JSON", permissions=("export",))
def export_json(model_admin: Any, request: HttpRequest, queryset: QuerySet[Claim]) -> StreamingHttpResponse:
    return _download(_selection(queryset), formats.json_chunks, "application/json; charset=utf-8", "json", "verdicts")


@admin.action(description="Export published claims in the selection as ClaimReview", permissions=("export",))
def export_claimreview(model_admin: Any, request: HttpRequest, queryset: QuerySet[Claim]) -> StreamingHttpResponse:
    return _download(
        _selection(queryset, published_only=True),
        formats.jsonld_chunks,
        "application/ld+json; charset=utf-8",
        "jsonld",
        "claimreview",
    )
