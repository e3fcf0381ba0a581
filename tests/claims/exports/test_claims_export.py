from __future__ import annotations

import json

import pytest

from claims.models import Claim, Rating
from tests.claims.exports.conftest import streamed
from tests.factories import ClaimFactory, VerdictFactory

pytestmark = pytest.mark.django_db


def test_it_exports_the_filtered_claims_list(editor_client, report):
    other_article_claim = ClaimFactory(text="Cycling is up everywhere")
    false = Rating.objects.get(slug="false").pk
    data = json.loads(streamed(editor_client.get(f"/exports/claims/json/?verdict={false}")))
    assert [claim["id"] for claim in data["claims"]] == [report["hostile"].pk]
    assert data["export"]["filter"] == f"verdict={false}"
    data = json.loads(streamed(editor_client.get("/exports/claims/json/?q=cycling")))
    assert {claim["id"] for claim in data["claims"]} == {report["formula"].pk, other_article_claim.pk}


def test_dismissed_claims_appear_only_when_the_filter_asks(editor_client, report):
    data = json.loads(streamed(editor_client.get("/exports/claims/json/")))
    assert "Dismissed claim" not in {claim["text"] for claim in data["claims"]}
    data = json.loads(streamed(editor_client.get("/exports/claims/json/?status=dismissed")))
    assert [claim["text"] for claim in data["claims"]] == ["Dismissed claim"]


def test_published_only_applies_to_filtered_lists(editor_client, report, alice):
    VerdictFactory(claim=ClaimFactory(status=Claim.Status.APPROVED), author=alice)
    data = json.loads(streamed(editor_client.get("/exports/claims/json/?published=1")))
    assert {claim["id"] for claim in data["claims"]} == {report["hostile"].pk, report["formula"].pk}


def test_an_invalid_filter_is_a_bad_request(editor_client, report):
    response = editor_client.get("/exports/claims/csv/?status=nonsense")
    assert response.status_code == 400
    assert "status" in response.content.decode()


def test_the_export_menu_links_keep_the_query_string(report, rf, alice):
    from django.template.loader import render_to_string

    html = render_to_string("claims/exports_menu.html", {"query": "status=published&q=bike"})
    assert 'href="/exports/claims/csv/?status=published&amp;q=bike"' in html
    html = render_to_string("claims/exports_menu.html", {"article": report["article"]})
    assert f'href="/exports/articles/{report["article"].pk}/pdf/"' in html
    assert f"/reports/{report['article'].public_token}/" in html
