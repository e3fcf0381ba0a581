from __future__ import annotations

import json

import pytest

from tests.claims.exports.conftest import streamed
from tests.claims.exports.data import HOSTILE

pytestmark = pytest.mark.django_db


def test_it_round_trips_the_article_and_its_claims(reviewer_client, report):
    response = reviewer_client.get(f"/exports/articles/{report['article'].pk}/json/")
    assert response["Content-Type"] == "application/json; charset=utf-8"
    data = json.loads(streamed(response))
    assert data["export"]["article"]["title"] == "Council backs “cycle lanes” — ünïcode édition"
    assert data["export"]["published_only"] is False
    claims = {claim["id"]: claim for claim in data["claims"]}
    hostile = claims[report["hostile"].pk]
    assert hostile["text"] == HOSTILE
    assert hostile["claimant"] == "Jane Doe" and hostile["claimant_type"] == "Person"
    assert hostile["verdict"]["state"] == "published" and hostile["verdict"]["rating"] == "False"
    assert hostile["sources"][0]["accessed_at"].startswith("2026-03-04T10:30")
    assert hostile["sources"][0]["stance"] == "refutes"
    assert claims[report["proposed"].pk]["verdict"]["state"] == "proposed"
    assert claims[report["bare"].pk]["verdict"] is None


def test_an_article_without_claims_gives_an_empty_list(editor_client, article):
    data = json.loads(streamed(editor_client.get(f"/exports/articles/{article.pk}/json/")))
    assert data["claims"] == []
