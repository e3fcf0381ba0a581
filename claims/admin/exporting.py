"""Exports of a claim selection from the admin: CSV (formula-safe), JSON and ClaimReview JSON-LD.

A minimal stand-in for ``claims/exports``: one query per export, streamed for CSV.
"""

from __future__ import annotations

import csv
import json
from collections.abc import Iterable, Iterator
from datetime import date, datetime
from typing import Any

from django.conf import settings
from django.contrib import admin
from django.db.models import OuterRef, QuerySet, Subquery
from django.http import HttpRequest, HttpResponse, StreamingHttpResponse
from django.utils import timezone

from claims.models import Claim, Organization, Verdict

FIELDS = (
    "id",
    "article",
    "article_url",
    "text",
    "claimant",
    "claimed_on",
    "claim_type",
    "status",
    "rating",
    "rating_value",
    "rationale",
    "published_at",
)
# A spreadsheet runs a cell starting with these as a formula (CSV injection).
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r", "\n")


def safe_cell(value: Any) -> str:
    text = "" if value is None else str(value)
    return "'" + text if text.startswith(FORMULA_STARTS) else text


def export_rows(claims: QuerySet[Claim]) -> Iterator[dict[str, Any]]:
    """One dict per claim with its current verdict, from a single streamed query."""
    latest = Verdict.objects.filter(claim=OuterRef("pk")).order_by("-created_at", "-pk")
    rows = (
        claims.order_by("pk")
        .annotate(
            rating_label=Subquery(latest.values("rating__label")[:1]),
            rating_value=Subquery(latest.values("rating__value")[:1]),
            rationale=Subquery(latest.values("rationale")[:1]),
            verdict_published_at=Subquery(latest.values("published_at")[:1]),
        )
        .values(
            "id",
            "article__title",
            "article__url",
            "text",
            "claimant",
            "claimant_type",
            "claimed_on",
            "claim_type",
            "status",
            "rating_label",
            "rating_value",
            "rationale",
            "verdict_published_at",
            "public_token",
        )
    )
    for row in rows.iterator(chunk_size=500):
        yield {
            "id": row["id"],
            "article": row["article__title"],
            "article_url": row["article__url"],
            "text": row["text"],
            "claimant": row["claimant"],
            "claimant_type": row["claimant_type"],
            "claimed_on": row["claimed_on"],
            "claim_type": row["claim_type"],
            "status": row["status"],
            "rating": row["rating_label"],
            "rating_value": row["rating_value"],
            "rationale": row["rationale"],
            "published_at": row["verdict_published_at"],
        }


class _Echo:
    def write(self, value: str) -> str:
        return value


def _csv_lines(rows: Iterable[dict[str, Any]]) -> Iterator[str]:
    writer = csv.writer(_Echo())
    yield writer.writerow(FIELDS)
    for row in rows:
        yield writer.writerow([safe_cell(row[field]) for field in FIELDS])


def _filename(extension: str) -> str:
    return f"claims-{timezone.now():%Y%m%d-%H%M}.{extension}"


def _json_default(value: Any) -> str:
    if isinstance(value, date | datetime):
        return value.isoformat()
    raise TypeError(f"Cannot export {type(value).__name__}")


def _attachment(body: str, content_type: str, extension: str) -> HttpResponse:
    response = HttpResponse(body, content_type=content_type)
    response["Content-Disposition"] = f'attachment; filename="{_filename(extension)}"'
    return response


def claimreview(row: dict[str, Any], organization: Organization) -> dict[str, Any]:
    """A minimal schema.org ClaimReview for one published claim."""
    item: dict[str, Any] = {"@type": "Claim", "appearance": {"@type": "CreativeWork", "url": row["article_url"]}}
    if row["claimant"]:
        item["author"] = {"@type": row["claimant_type"] or "Person", "name": row["claimant"]}
    if row["claimed_on"]:
        item["datePublished"] = row["claimed_on"]
    rating: dict[str, Any] = {"@type": "Rating", "alternateName": row["rating"]}
    if row["rating_value"] is not None:
        rating.update(ratingValue=row["rating_value"], worstRating=1, bestRating=5)
    return {
        "@context": "https://schema.org",
        "@type": "ClaimReview",
        "claimReviewed": row["text"],
        "datePublished": row["published_at"],
        "author": {"@type": "Organization", "name": organization.name, "url": organization.url or settings.SITE_URL},
        "reviewRating": rating,
        "itemReviewed": item,
    }


@admin.action(description="Export the selection as CSV", permissions=("export",))
def export_csv(model_admin: Any, request: HttpRequest, queryset: QuerySet[Claim]) -> StreamingHttpResponse:
    response = StreamingHttpResponse(_csv_lines(export_rows(queryset)), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{_filename("csv")}"'
    return response


@admin.action(description="Export the selection as JSON", permissions=("export",))
def export_json(model_admin: Any, request: HttpRequest, queryset: QuerySet[Claim]) -> HttpResponse:
    rows = [{key: row[key] for key in FIELDS} for row in export_rows(queryset)]
    return _attachment(json.dumps(rows, default=_json_default, indent=2), "application/json", "json")


@admin.action(description="Export published claims in the selection as ClaimReview", permissions=("export",))
def export_claimreview(model_admin: Any, request: HttpRequest, queryset: QuerySet[Claim]) -> HttpResponse:
    organization = Organization.get()
    published = queryset.filter(status=Claim.Status.PUBLISHED)
    reviews = [claimreview(row, organization) for row in export_rows(published)]
    return _attachment(json.dumps(reviews, default=_json_default, indent=2), "application/ld+json", "jsonld")
