"""The change history: append-only in the database, and complete in the claim panel."""

from __future__ import annotations

import pytest
from django.db import DatabaseError, connection, transaction

from claims.models import Claim, Rating, Verdict
from tests.factories import ClaimFactory, VerdictFactory

pytestmark = pytest.mark.django_db

HX = {"HX-Request": "true", "HX-Target": "claim-panel"}


@pytest.mark.parametrize("table", ["claims_claimevent", "claims_sourceevent", "claims_verdictevent"])
@pytest.mark.parametrize("statement", ["DELETE FROM {table}", "UPDATE {table} SET pgh_label = 'rewritten'"])
def test_the_event_tables_refuse_plain_sql_rewrites(table, statement, bob):
    claim = ClaimFactory()
    VerdictFactory(claim=claim, author=bob)
    from claims.review.verification import add_source

    add_source(claim=claim, user=bob, url="https://stats.example/report", stance="supports", note="")
    with pytest.raises(DatabaseError), transaction.atomic(), connection.cursor() as cursor:
        cursor.execute(statement.format(table=table))
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT count(*) FROM {table} WHERE pgh_label = 'rewritten'")
        assert cursor.fetchone()[0] == 0
        cursor.execute(f"SELECT count(*) FROM {table}")
        assert cursor.fetchone()[0] >= 1


def test_the_panel_history_shows_verdict_changes_with_who_made_them(editor_client, staff_client, bob):
    claim = ClaimFactory(status=Claim.Status.VERDICT_PROPOSED, assignee=bob)
    verdict = VerdictFactory(
        claim=claim, author=bob, rating=Rating.objects.get(slug="false"), rationale="The report says 31%."
    )
    response = staff_client.post(
        f"/admin/claims/verdict/{verdict.pk}/change/",
        {"rating": Rating.objects.get(slug="misleading").pk, "rationale": "The report says 31%, not 38%."},
    )
    assert response.status_code == 302
    assert Verdict.objects.get(pk=verdict.pk).rationale == "The report says 31%, not 38%."
    html = editor_client.get(claim.get_absolute_url(), headers=HX).content.decode()
    assert "<strong>Staffer</strong> changed the verdict" in html
    assert "rating: False → Misleading" in html
    assert "rationale: “The report says 31%.” → “The report says 31%, not 38%.”" in html
