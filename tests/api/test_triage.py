from __future__ import annotations

import pytest

from claims.models import Claim, DetectorDecision
from tests.api.conftest import assert_problem
from tests.factories import ArticleFactory, ClaimFactory

pytestmark = pytest.mark.django_db


def etag(claim: Claim) -> dict[str, str]:
    return {"If-Match": f'"claim-{claim.pk}-v{claim.version}"'}


def test_it_keeps_a_claim_with_the_current_etag_and_answers_the_next_one(editor_api):
    claim = ClaimFactory()
    response = editor_api.post(f"/claims/{claim.pk}/keep", headers=etag(claim))
    assert response.status_code == 200
    assert response.json()["status"] == "in_review"
    assert response["ETag"] == f'"claim-{claim.pk}-v2"'
    assert DetectorDecision.objects.filter(claim=claim, action="kept").exists()


def test_a_stale_etag_gets_412_with_the_current_claim_and_nothing_is_overwritten(editor_api, second_editor_api):
    claim = ClaimFactory(text="Cycling rose by 38% since 2020.")
    seen = editor_api.get(f"/claims/{claim.pk}")["ETag"]
    first = second_editor_api.patch(f"/claims/{claim.pk}", {"text": "Cycling rose by 40%."}, headers={"If-Match": seen})
    assert first.status_code == 200
    second = editor_api.patch(f"/claims/{claim.pk}", {"text": "Cycling fell."}, headers={"If-Match": seen})
    body = assert_problem(second, 412)
    assert body["current"]["text"] == "Cycling rose by 40%."
    assert body["current"]["version"] == 2
    assert second["ETag"] == first["ETag"]
    claim.refresh_from_db()
    assert claim.text == "Cycling rose by 40%."


def test_an_edit_without_if_match_is_refused_with_428(editor_api):
    claim = ClaimFactory()
    assert_problem(editor_api.patch(f"/claims/{claim.pk}", {"text": "New wording."}), 428)
    claim.refresh_from_db()
    assert claim.version == 1


def test_reviewers_may_not_triage_and_outsiders_see_nothing(reviewer_api, outsider_api):
    claim = ClaimFactory()
    assert_problem(reviewer_api.post(f"/claims/{claim.pk}/keep", headers=etag(claim)), 403)
    assert_problem(outsider_api.post(f"/claims/{claim.pk}/keep", headers=etag(claim)), 404)


def test_dismiss_needs_a_reason_and_restore_brings_it_back(editor_api):
    claim = ClaimFactory()
    assert_problem(editor_api.post(f"/claims/{claim.pk}/dismiss", {"reason": ""}, headers=etag(claim)), 422)
    response = editor_api.post(f"/claims/{claim.pk}/dismiss", {"reason": "Opinion"}, headers=etag(claim))
    assert (response.json()["status"], response.json()["dismissal_reason"]) == ("dismissed", "Opinion")
    claim.refresh_from_db()
    response = editor_api.post(f"/claims/{claim.pk}/restore", headers=etag(claim))
    assert response.json()["status"] == "new"


def test_keeping_a_claim_twice_is_a_409(editor_api):
    claim = ClaimFactory()
    editor_api.post(f"/claims/{claim.pk}/keep", headers=etag(claim))
    claim.refresh_from_db()
    body = assert_problem(editor_api.post(f"/claims/{claim.pk}/keep", headers=etag(claim)), 409)
    assert body["detail"] == "Only new claims can be kept."


def test_it_splits_merges_and_assigns(editor_api, bob):
    article = ArticleFactory()
    claim = ClaimFactory(article=article)
    response = editor_api.post(
        f"/claims/{claim.pk}/split", {"first": "The plan cost £12m.", "second": "It was approved."}, headers=etag(claim)
    )
    first, second = (part["id"] for part in response.json()["claims"])
    keep = Claim.objects.get(pk=first)
    response = editor_api.post(f"/claims/{first}/merge", {"others": [second]}, headers=etag(keep))
    assert response.status_code == 200
    assert Claim.objects.get(pk=second).duplicate_of_id == first
    keep.refresh_from_db()
    response = editor_api.post(f"/claims/{first}/assign", {"assignee": bob.pk}, headers=etag(keep))
    assert response.json()["assignee"]["username"] == "bob"


def test_merging_a_claim_of_another_article_is_refused(editor_api):
    claim, other = ClaimFactory(), ClaimFactory()
    assert_problem(editor_api.post(f"/claims/{claim.pk}/merge", {"others": [other.pk]}, headers=etag(claim)), 422)


def test_it_adds_a_claim_by_offsets_once(editor_api):
    article = ArticleFactory()
    first = editor_api.post(f"/articles/{article.pk}/claims", {"start": 52, "end": 83})
    assert first.status_code == 201
    assert first.json()["quote"] == "Cycling rose by 38% since 2020."
    again = editor_api.post(f"/articles/{article.pk}/claims", {"start": 52, "end": 83})
    assert (again.status_code, again.json()["id"]) == (200, first.json()["id"])
    assert_problem(editor_api.post(f"/articles/{article.pk}/claims", {"start": 50, "end": 5000}), 422)
