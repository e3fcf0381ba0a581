"""A deleted article is gone from the API: its article, its claims, the claims list and matching results."""

from __future__ import annotations

import pytest

from claims.intake import deletion
from claims.models import Claim
from tests.api.conftest import client_for
from tests.claims.exports.data import published_claim
from tests.factories import ArticleFactory, ClaimFactory, SourceFactory

pytestmark = pytest.mark.django_db

FERRY = "The ferry fleet doubled to 14 boats in 2023."


def test_its_article_claims_and_sources_answer_404_and_the_list_leaves_them_out(editor_api, alice):
    article = ArticleFactory()
    claim = ClaimFactory(article=article, text="Bus fares fell by a third.")
    source = SourceFactory(claim=claim)
    other = ClaimFactory(text="Train fares rose by a tenth.")
    assert editor_api.get(f"/articles/{article.pk}").status_code == 200
    deletion.delete_article(article=article, user=alice)

    assert editor_api.get(f"/articles/{article.pk}").status_code == 404
    assert editor_api.get(f"/articles/{article.pk}/status").status_code == 404
    assert editor_api.get(f"/claims/{claim.pk}").status_code == 404
    assert editor_api.get(f"/sources/{source.pk}").status_code in (404, 405)
    listed = [item["id"] for item in editor_api.get("/claims").json()["items"]]
    assert listed == [other.pk]
    assert editor_api.get("/claims", {"q": "fares"}).json()["items"][0]["id"] == other.pk
    assert len(editor_api.get("/claims", {"q": "fares"}).json()["items"]) == 1


def test_its_published_verdicts_leave_the_matching_results_until_restored(alice, bob):
    article = ArticleFactory()
    published_claim(article, text=FERRY, rating="false", reviewer=bob, editor=alice)
    api = client_for(alice)

    def matched() -> list[str]:
        return [match["claim"] for match in api.get("/fact-checks/matches", {"q": FERRY}).json()]

    assert matched() == [FERRY]
    deletion.delete_article(article=article, user=alice)
    assert matched() == []
    deletion.restore_article(article=article)
    assert matched() == [FERRY]
    assert Claim.objects.live().filter(article=article).count() == 1
