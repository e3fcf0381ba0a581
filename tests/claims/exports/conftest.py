from __future__ import annotations

import datetime

import pytest

from claims.models import Claim, Rating
from claims.review import verification
from tests.claims.exports.data import HOSTILE, cite, published_claim
from tests.factories import ArticleFactory, ClaimFactory


@pytest.fixture
def article(db):
    return ArticleFactory(
        title="Council backs “cycle lanes” — ünïcode édition",
        publisher="Evening News",
        url="https://news.example/cycle-lanes",
        published_on=datetime.date(2026, 3, 2),
    )


@pytest.fixture
def report(article, alice, dave, bob):
    """An article with a published hostile claim, a published off-scale claim, a proposed one and a bare one."""
    hostile = published_claim(
        article,
        text=HOSTILE,
        rating="false",
        reviewer=bob,
        editor=alice,
        claimant="Jane Doe",
        claimant_type=Claim.ClaimantType.PERSON,
        claimed_on=datetime.date(2026, 3, 1),
        start=0,
        end=10,
        rationale="See [the report](https://stats.example/r) and <script>alert(2)</script> **bold**",
    )
    cite(hostile, title='=HYPERLINK("http://evil.example") Transport statistics')
    formula = published_claim(
        article,
        text="=1+2 cycling rose by 38%",
        rating="unverifiable",
        reviewer=bob,
        editor=alice,
        claimant="City Council",
        claimant_type=Claim.ClaimantType.ORGANIZATION,
        start=20,
        end=30,
    )
    proposed = ClaimFactory(
        article=article, text="Bus fares fell by a third.", status=Claim.Status.IN_REVIEW, start=40, end=50
    )
    verification.propose_verdict(
        claim=proposed, author=bob, rating=Rating.objects.get(slug="accurate"), rationale="Fares data.", version=1
    )
    bare = ClaimFactory(article=article, text="Trams run every 5 minutes.", start=60, end=70)
    ClaimFactory(article=article, text="Dismissed claim", status=Claim.Status.DISMISSED, start=80, end=90)
    return {"article": article, "hostile": hostile, "formula": formula, "proposed": proposed, "bare": bare}


def streamed(response) -> str:
    assert response.streaming
    return b"".join(response.streaming_content).decode("utf-8")
