from __future__ import annotations

import csv
import io
import json

import pytest
from django.utils import timezone

from claims.admin.exporting import safe_cell
from claims.models import Claim, Organization
from tests.factories import ClaimFactory, VerdictFactory

pytestmark = pytest.mark.django_db


def _export(client, action: str, claims):
    return client.post("/admin/claims/claim/", {"action": action, "_selected_action": [c.pk for c in claims]})


@pytest.mark.parametrize("start", ["=", "+", "-", "@", "\t", "\r", "\n"])
def test_it_defuses_cells_a_spreadsheet_would_run(start):
    assert safe_cell(f"{start}SUM(A1:A9)") == f"'{start}SUM(A1:A9)"


def test_it_leaves_ordinary_cells_alone():
    assert safe_cell("Cycling rose by 38%") == "Cycling rose by 38%"
    assert safe_cell(None) == ""
    assert safe_cell(12) == "12"


def test_it_exports_the_selection_as_formula_safe_csv(staff_client, alice):
    claim = ClaimFactory(text='=HYPERLINK("https://evil.example","click")', claimant="@mayor")
    VerdictFactory(claim=claim, author=alice)
    ClaimFactory(text="Not selected")

    response = _export(staff_client, "export_csv", [claim])

    assert response["Content-Type"] == "text/csv; charset=utf-8"
    assert response["Content-Disposition"].startswith('attachment; filename="claims-')
    rows = list(csv.DictReader(io.StringIO(b"".join(response.streaming_content).decode())))
    assert len(rows) == 1
    assert rows[0]["text"] == '\'=HYPERLINK("https://evil.example","click")'
    assert rows[0]["claimant"] == "'@mayor"
    assert rows[0]["rating"] == "False"


def test_it_exports_the_selection_as_json(staff_client, alice):
    claim = ClaimFactory(text="Cycling rose by 38%.")
    VerdictFactory(claim=claim, author=alice, rationale="The count says 12%.")

    response = _export(staff_client, "export_json", [claim])

    assert response["Content-Type"] == "application/json"
    [row] = json.loads(response.content)
    assert row["id"] == claim.pk
    assert row["text"] == "Cycling rose by 38%."
    assert (row["rating"], row["rating_value"], row["rationale"]) == ("False", 1, "The count says 12%.")


def test_it_exports_only_published_claims_as_claimreview(staff_client, alice, dave):
    Organization.objects.update(name="Evening News Fact Check", url="https://factcheck.example")
    now = timezone.now()
    published = ClaimFactory(status=Claim.Status.PUBLISHED, text="Cycling rose by 38%.", claimant="The mayor")
    VerdictFactory(claim=published, author=alice, approved_by=dave, approved_at=now, published_at=now)
    draft = ClaimFactory(status=Claim.Status.IN_REVIEW)

    response = _export(staff_client, "export_claimreview", [published, draft])

    assert response["Content-Type"] == "application/ld+json"
    [review] = json.loads(response.content)
    assert review["@type"] == "ClaimReview"
    assert review["claimReviewed"] == "Cycling rose by 38%."
    assert review["author"] == {
        "@type": "Organization",
        "name": "Evening News Fact Check",
        "url": "https://factcheck.example",
    }
    assert review["reviewRating"]["alternateName"] == "False"
    assert review["itemReviewed"]["author"] == {"@type": "Person", "name": "The mayor"}


def test_it_exports_in_one_query_however_many_claims(staff_client, alice, django_assert_max_num_queries):
    claims = [ClaimFactory() for _ in range(30)]
    for claim in claims:
        VerdictFactory(claim=claim, author=alice)

    with django_assert_max_num_queries(8):
        response = _export(staff_client, "export_json", claims)

    assert len(json.loads(response.content)) == 30
