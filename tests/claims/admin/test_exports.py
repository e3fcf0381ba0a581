from __future__ import annotations

import csv
import io
import json

import pytest
from django.utils import timezone

from claims.models import Claim, Organization
from tests.factories import ClaimFactory, VerdictFactory

pytestmark = pytest.mark.django_db


def _export(client, action: str, claims):
    response = client.post("/admin/claims/claim/", {"action": action, "_selected_action": [c.pk for c in claims]})
    return response, b"".join(response.streaming_content).decode()


def test_it_exports_the_selection_as_formula_safe_csv(staff_client, alice):
    claim = ClaimFactory(text='=HYPERLINK("https://evil.example","click")', claimant="@mayor")
    VerdictFactory(claim=claim, author=alice)
    ClaimFactory(text="Not selected")

    response, body = _export(staff_client, "export_csv", [claim])

    assert response["Content-Type"] == "text/csv; charset=utf-8"
    assert response["Content-Disposition"].startswith('attachment; filename="selected-claims-verdicts.csv"')
    rows = list(csv.DictReader(io.StringIO(body.lstrip("\ufeff"))))
    assert len(rows) == 1
    assert rows[0]["claim"] == '\'=HYPERLINK("https://evil.example","click")'
    assert rows[0]["claimant"] == "'@mayor"
    assert rows[0]["rating"] == "False"


def test_it_exports_the_selection_as_json(staff_client, alice):
    claim = ClaimFactory(text="Cycling rose by 38%.")
    VerdictFactory(claim=claim, author=alice, rationale="The count says 12%.")

    response, body = _export(staff_client, "export_json", [claim])

    assert response["Content-Type"] == "application/json; charset=utf-8"
    [row] = json.loads(body)["claims"]
    assert (row["id"], row["text"]) == (claim.pk, "Cycling rose by 38%.")
    assert (row["verdict"]["rating"], row["verdict"]["rating_value"]) == ("False", 1)
    assert row["verdict"]["rationale"] == "The count says 12%."


def test_it_exports_only_published_claims_as_claimreview(staff_client, alice, dave):
    Organization.objects.update(name="Evening News Fact Check", url="https://factcheck.example")
    now = timezone.now()
    published = ClaimFactory(status=Claim.Status.PUBLISHED, text="Cycling rose by 38%.", claimant="The mayor")
    VerdictFactory(claim=published, author=alice, approved_by=dave, approved_at=now, published_at=now)
    draft = ClaimFactory(status=Claim.Status.IN_REVIEW)

    response, body = _export(staff_client, "export_claimreview", [published, draft])

    assert response["Content-Type"] == "application/ld+json; charset=utf-8"
    [review] = json.loads(body)
    assert review["@type"] == "ClaimReview"
    assert review["claimReviewed"] == "Cycling rose by 38%."
    assert review["author"]["name"] == "Evening News Fact Check"
    assert review["reviewRating"]["alternateName"] == "False"


def test_its_query_count_does_not_grow_with_the_selection(staff_client, alice, django_assert_max_num_queries):
    claims = [ClaimFactory() for _ in range(30)]
    for claim in claims:
        VerdictFactory(claim=claim, author=alice)

    with django_assert_max_num_queries(14):
        _, body = _export(staff_client, "export_json", claims)

    assert len(json.loads(body)["claims"]) == 30
