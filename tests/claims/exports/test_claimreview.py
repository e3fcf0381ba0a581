from __future__ import annotations

import json

import pytest
from pyld import jsonld

from claims.exports import claimreview
from claims.models import Organization, Rating
from tests.claims.exports.conftest import streamed
from tests.claims.exports.data import HOSTILE

pytestmark = pytest.mark.django_db

S = "https://schema.org/"


def local_schema_org(url, options=None):
    """Serve a minimal schema.org context: the tests never fetch from the network."""
    assert url.rstrip("/") in ("https://schema.org", "http://schema.org"), url
    return {"contextUrl": None, "documentUrl": url, "document": {"@context": {"@vocab": S}}}


def expand(data):
    return jsonld.expand(data, {"documentLoader": local_schema_org})


def value(node, name):
    return node[S + name][0]


def test_the_jsonld_export_has_one_claimreview_per_published_claim(editor_client, report):
    response = editor_client.get(f"/exports/articles/{report['article'].pk}/jsonld/")
    assert response["Content-Type"] == "application/ld+json; charset=utf-8"
    expanded = expand(json.loads(streamed(response)))
    assert len(expanded) == 2  # the proposed and the bare claims are not published
    assert all(node["@type"] == [S + "ClaimReview"] for node in expanded)
    reviews = {value(node, "claimReviewed")["@value"]: node for node in expanded}
    hostile = reviews[HOSTILE]
    assert value(hostile, "url")["@value"] == (
        f"http://127.0.0.1:8000/reports/{report['article'].public_token}/claims/{report['hostile'].public_token}/"
    )
    rating = value(hostile, "reviewRating")
    assert rating["@type"] == [S + "Rating"]
    assert value(rating, "alternateName")["@value"] == "False"
    assert (value(rating, "ratingValue")["@value"], value(rating, "bestRating")["@value"]) == (1, 5)
    assert value(rating, "worstRating")["@value"] == 1
    assert value(value(hostile, "author"), "name")["@value"] == Organization.get().name
    item = value(hostile, "itemReviewed")
    assert item["@type"] == [S + "Claim"]
    claimant = value(item, "author")
    assert claimant["@type"] == [S + "Person"] and value(claimant, "name")["@value"] == "Jane Doe"
    assert value(item, "datePublished")["@value"] == "2026-03-01"
    assert value(value(item, "appearance"), "url")["@value"] == "https://news.example/cycle-lanes"
    assert value(value(item, "firstAppearance"), "url")["@value"] == "https://news.example/cycle-lanes"


def test_an_off_scale_rating_gives_its_name_only_and_the_claimant_type_is_kept(editor_client, report):
    data = json.loads(streamed(editor_client.get(f"/exports/articles/{report['article'].pk}/jsonld/")))
    off_scale = next(review for review in data if review["claimReviewed"].startswith("=1+2"))
    assert off_scale["reviewRating"] == {"@type": "Rating", "alternateName": "Unverifiable"}
    assert off_scale["itemReviewed"]["author"] == {"@type": "Organization", "name": "City Council"}
    # No claim date of its own: the article's date stands in.
    assert off_scale["itemReviewed"]["datePublished"] == "2026-03-02"


def test_the_scale_bounds_follow_the_active_on_scale_ratings(editor_client, report):
    Rating.objects.filter(slug="accurate").update(is_active=False)
    data = json.loads(streamed(editor_client.get(f"/exports/articles/{report['article'].pk}/jsonld/")))
    rated = next(review for review in data if review["claimReviewed"] == HOSTILE)
    assert (rated["reviewRating"]["bestRating"], rated["reviewRating"]["worstRating"]) == (4, 1)


def test_a_complete_review_has_no_findings(report):
    review = claimreview.claim_review(report["hostile"])
    assert claimreview.validate(review) == []
    assert claimreview.claimreview_findings(report["hostile"]) == []


def test_the_validator_lists_missing_required_and_recommended_fields():
    findings = claimreview.validate({"@type": "ClaimReview", "reviewRating": {"ratingValue": 2}, "itemReviewed": {}})
    by_field = {finding.field: finding.severity for finding in findings}
    assert by_field == {
        "claimReviewed": "required",
        "url": "required",
        "reviewRating.alternateName": "required",
        "reviewRating.bestRating": "required",
        "reviewRating.worstRating": "required",
        "author": "recommended",
        "datePublished": "recommended",
        "itemReviewed.author": "recommended",
        "itemReviewed.datePublished": "recommended",
        "itemReviewed.appearance": "recommended",
    }


def test_findings_name_what_a_claim_lacks(report, article):
    bare = report["bare"]
    assert claimreview.claimreview_findings(bare) == [
        "required: reviewRating — there is no published verdict, so there is no ClaimReview"
    ]
    article.url = ""
    article.published_on = None
    article.save()
    formula = report["formula"]
    assert claimreview.claimreview_findings(formula) == [
        "recommended: itemReviewed.datePublished — when the claim was made",
        "recommended: itemReviewed.appearance — where the claim appeared (the article's URL)",
    ]


def test_the_findings_export_reports_per_review(editor_client, report, article):
    article.published_on = None
    article.save()
    data = json.loads(streamed(editor_client.get(f"/exports/articles/{article.pk}/findings/")))
    findings = {item["claimReviewed"]: item["findings"] for item in data["findings"]}
    assert findings[HOSTILE] == []
    assert findings["=1+2 cycling rose by 38%"] == [
        {"severity": "recommended", "field": "itemReviewed.datePublished", "message": "when the claim was made"}
    ]


def test_script_json_cannot_close_its_script_tag():
    text = claimreview.to_script_json({"claimReviewed": HOSTILE})
    assert "<" not in text and ">" not in text and "&" not in text
    assert json.loads(text)["claimReviewed"] == HOSTILE
