from __future__ import annotations

import pytest

from claims.models import Claim, Rating
from claims.review.listing import ClaimFilter
from tests.factories import ClaimFactory, VerdictFactory

pytestmark = pytest.mark.django_db


def test_it_searches_wording_with_full_text_search():
    hit = ClaimFactory(text="Cycling trips rose by 38% since 2020")
    ClaimFactory(text="The tram opened in 2019")
    assert list(ClaimFilter({"q": "cycling trip"}).qs) == [hit]


def test_it_filters_by_current_verdict(alice):
    claim = ClaimFactory()
    VerdictFactory(claim=claim, author=alice, rating=Rating.objects.get(slug="accurate"))
    VerdictFactory(claim=claim, author=alice, rating=Rating.objects.get(slug="false"))
    other = ClaimFactory()
    VerdictFactory(claim=other, author=alice, rating=Rating.objects.get(slug="accurate"))
    false_id = Rating.objects.get(slug="false").pk
    assert list(ClaimFilter({"verdict": false_id}).qs) == [claim]


def test_it_combines_status_and_unassigned(bob):
    wanted = ClaimFactory(status=Claim.Status.NEW)
    ClaimFactory(status=Claim.Status.NEW, assignee=bob)
    ClaimFactory(status=Claim.Status.DISMISSED)
    assert list(ClaimFilter({"status": ["new"], "assignee": "null"}).qs) == [wanted]


def test_bad_values_are_reported_not_crashing():
    claim_filter = ClaimFilter({"status": ["nonsense"], "created_after": "not a date"})
    assert not claim_filter.is_valid()
    assert "status" in claim_filter.errors
