"""schema.org ClaimReview for published verdicts, following Google's fact-check guidelines, and a validator.

One ClaimReview per claim, whose ``url`` is the claim's public report page. ``reviewRating`` carries
``ratingValue``/``bestRating``/``worstRating`` from the active on-scale ratings; a rating off the
scale ("Unverifiable") gives ``alternateName`` only.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, replace
from typing import Any

from django.db.models import Max, Min

from claims.exports.records import ClaimRecord, article_scope, iter_records
from claims.models import Claim, Organization, Rating

CONTEXT = "https://schema.org"


@dataclass(frozen=True)
class RatingScale:
    worst: int | None
    best: int | None


@dataclass(frozen=True)
class Finding:
    severity: str  # "required" or "recommended"
    field: str
    message: str

    def __str__(self) -> str:
        return f"{self.severity}: {self.field} — {self.message}"


def rating_scale() -> RatingScale:
    bounds = Rating.objects.filter(is_active=True, value__isnull=False).aggregate(worst=Min("value"), best=Max("value"))
    return RatingScale(worst=bounds["worst"], best=bounds["best"])


def organization_json(organization: Organization) -> dict[str, Any]:
    author: dict[str, Any] = {"@type": "Organization", "name": organization.name}
    if organization.url:
        author["url"] = organization.url
    if organization.logo_url:
        author["logo"] = {"@type": "ImageObject", "url": organization.logo_url}
    if organization.same_as:
        author["sameAs"] = list(organization.same_as)
    return author


def build(record: ClaimRecord, *, organization: Organization, scale: RatingScale) -> dict[str, Any]:
    """The ClaimReview of a claim record; the record should carry a published verdict."""
    review: dict[str, Any] = {
        "@context": CONTEXT,
        "@type": "ClaimReview",
        "url": record.public_url,
        "claimReviewed": record.text,
        "author": organization_json(organization),
    }
    verdict = record.verdict
    if verdict is not None:
        if verdict.published_at:
            review["datePublished"] = verdict.published_at.date().isoformat()
        rating: dict[str, Any] = {"@type": "Rating", "alternateName": verdict.rating}
        if verdict.rating_value is not None and scale.best is not None and scale.worst is not None:
            rating.update(ratingValue=verdict.rating_value, bestRating=scale.best, worstRating=scale.worst)
        review["reviewRating"] = rating
    item: dict[str, Any] = {"@type": "Claim"}
    if record.claimant:
        item["author"] = {"@type": record.claimant_type or Claim.ClaimantType.PERSON, "name": record.claimant}
    claimed_on = record.claimed_on or record.article.published_on
    if claimed_on:
        item["datePublished"] = claimed_on.isoformat()
    if record.article.url:
        appearance: dict[str, Any] = {"@type": "CreativeWork", "url": record.article.url}
        if record.article.title:
            appearance["headline"] = record.article.title
        if record.article.publisher:
            appearance["publisher"] = {"@type": "Organization", "name": record.article.publisher}
        item["appearance"] = [appearance]
        item["firstAppearance"] = appearance
    review["itemReviewed"] = item
    return review


def validate(review: dict[str, Any]) -> list[Finding]:
    """List what Google's guidelines require or recommend and the review lacks."""
    findings: list[Finding] = []

    def missing(severity: str, name: str, message: str) -> None:
        findings.append(Finding(severity, name, message))

    if review.get("@type") != "ClaimReview":
        missing("required", "@type", "must be ClaimReview")
    if not str(review.get("claimReviewed") or "").strip():
        missing("required", "claimReviewed", "the claim's wording is empty")
    if not str(review.get("url") or "").startswith(("http://", "https://")):
        missing("required", "url", "needs the absolute URL of the page with the review")
    rating = review.get("reviewRating")
    if not isinstance(rating, dict):
        missing("required", "reviewRating", "there is no published verdict")
    else:
        if not str(rating.get("alternateName") or "").strip():
            missing("required", "reviewRating.alternateName", "the verdict needs a rating label")
        if "ratingValue" in rating:
            for name in ("bestRating", "worstRating"):
                if rating.get(name) is None:
                    missing("required", f"reviewRating.{name}", "a numeric rating needs the scale's bounds")
    author = review.get("author")
    if not isinstance(author, dict) or not str(author.get("name") or "").strip():
        missing("recommended", "author", "name the publishing organisation")
    if not review.get("datePublished"):
        missing("recommended", "datePublished", "the date the verdict was published")
    item = review.get("itemReviewed")
    if not isinstance(item, dict):
        missing("recommended", "itemReviewed", "describe the claim that was reviewed")
        return findings
    if not isinstance(item.get("author"), dict) or not item["author"].get("name"):
        missing("recommended", "itemReviewed.author", "who made the claim (the claimant)")
    elif item["author"].get("@type") not in ("Person", "Organization"):
        missing("recommended", "itemReviewed.author.@type", "the claimant should be a Person or an Organization")
    if not item.get("datePublished"):
        missing("recommended", "itemReviewed.datePublished", "when the claim was made")
    if not item.get("appearance") and not item.get("firstAppearance"):
        missing("recommended", "itemReviewed.appearance", "where the claim appeared (the article's URL)")
    return findings


def review_context() -> tuple[Organization, RatingScale]:
    """What every ClaimReview of an export shares, read once."""
    return Organization.get(), rating_scale()


def claim_review(claim: Claim) -> dict[str, Any] | None:
    """The ClaimReview of one claim's published verdict, or None when nothing is published."""
    scope = article_scope(claim.article, published_only=True)
    record = next(iter_records(replace(scope, queryset=scope.queryset.filter(pk=claim.pk))), None)
    if record is None:
        return None
    organization, scale = review_context()
    return build(record, organization=organization, scale=scale)


def claimreview_findings(claim: Claim) -> list[str]:
    """Human-readable findings for one claim, for the admin: what its ClaimReview lacks."""
    review = claim_review(claim)
    if review is None:
        return ["required: reviewRating — there is no published verdict, so there is no ClaimReview"]
    return [str(finding) for finding in validate(review)]


def to_script_json(data: Any) -> str:
    """JSON that is safe inside <script>: '<', '>' and '&' cannot close the tag or start markup."""
    text = json.dumps(data, ensure_ascii=False, indent=2)
    return text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")
