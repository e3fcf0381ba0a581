from __future__ import annotations

import pytest

from claims.models import Claim, Rating, Source
from tests.api.conftest import assert_problem
from tests.factories import ClaimFactory, SourceFactory

pytestmark = pytest.mark.django_db


def if_match(api, claim_id: int) -> dict[str, str]:
    return {"If-Match": api.get(f"/claims/{claim_id}")["ETag"]}


def test_a_verdict_goes_from_proposal_to_publication_and_back(editor_api, second_editor_api, reviewer_api, bob):
    claim = ClaimFactory(assignee=bob, status=Claim.Status.IN_REVIEW)
    rating = Rating.objects.get(slug="false")
    response = reviewer_api.post(
        f"/claims/{claim.pk}/verdicts",
        {"rating": rating.pk, "rationale": "The report says 12%."},
        headers=if_match(reviewer_api, claim.pk),
    )
    assert (response.status_code, response.json()["status"]) == (200, "verdict_proposed")
    assert_problem(
        reviewer_api.post(f"/claims/{claim.pk}/verdict/approve", headers=if_match(reviewer_api, claim.pk)), 403
    )
    sent = editor_api.post(
        f"/claims/{claim.pk}/verdict/send-back", {"reason": "Cite the table."}, headers=if_match(editor_api, claim.pk)
    )
    assert sent.json()["status"] == "in_review" and sent.json()["comments"][0]["body"] == "Cite the table."
    reviewer_api.post(
        f"/claims/{claim.pk}/verdicts",
        {"rating": rating.pk, "rationale": "Table 3 of the report says 12%."},
        headers=if_match(reviewer_api, claim.pk),
    )
    approved = editor_api.post(f"/claims/{claim.pk}/verdict/approve", headers=if_match(editor_api, claim.pk))
    assert approved.json()["status"] == "approved"
    assert approved.json()["verdict"]["approved_by"]["username"] == "alice"
    published = second_editor_api.post(f"/claims/{claim.pk}/publish", headers=if_match(second_editor_api, claim.pk))
    assert published.json()["status"] == "published" and published.json()["verdict"]["published_at"]
    unpublished = editor_api.post(f"/claims/{claim.pk}/unpublish", headers=if_match(editor_api, claim.pk))
    assert unpublished.json()["status"] == "approved"


def test_nobody_approves_their_own_verdict(editor_api):
    claim = ClaimFactory(status=Claim.Status.IN_REVIEW)
    rating = Rating.objects.get(slug="false")
    editor_api.post(
        f"/claims/{claim.pk}/verdicts",
        {"rating": rating.pk, "rationale": "No."},
        headers=if_match(editor_api, claim.pk),
    )
    body = assert_problem(
        editor_api.post(f"/claims/{claim.pk}/verdict/approve", headers=if_match(editor_api, claim.pk)), 403
    )
    assert "own verdict" in body["detail"]


def test_a_stale_proposal_gets_412_and_publishing_an_unapproved_claim_409(editor_api):
    claim = ClaimFactory(status=Claim.Status.IN_REVIEW)
    stale = {"If-Match": f'"claim-{claim.pk}-v0"'}
    rating = Rating.objects.get(slug="false")
    body = assert_problem(
        editor_api.post(f"/claims/{claim.pk}/verdicts", {"rating": rating.pk, "rationale": "No."}, headers=stale), 412
    )
    assert body["current"]["status"] == "in_review"
    assert_problem(editor_api.post(f"/claims/{claim.pk}/publish", headers=if_match(editor_api, claim.pk)), 409)
    assert_problem(editor_api.post(f"/claims/{claim.pk}/publish", headers=stale), 412)


def test_a_reviewer_researches_only_claims_assigned_to_them(reviewer_api, bob):
    mine = ClaimFactory(assignee=bob)
    other = ClaimFactory()
    assert reviewer_api.post(f"/claims/{mine.pk}/sources", {"url": "https://stats.example/t3"}).status_code == 201
    assert_problem(reviewer_api.post(f"/claims/{other.pk}/sources", {"url": "https://stats.example/t3"}), 403)


def test_a_source_is_fetched_in_the_background_and_added_once(editor_api, django_capture_on_commit_callbacks):
    claim = ClaimFactory()
    with django_capture_on_commit_callbacks() as callbacks:
        response = editor_api.post(
            f"/claims/{claim.pk}/sources", {"url": "https://stats.example/t3", "stance": "refutes", "excerpt": "12%"}
        )
    body = response.json()
    assert response.status_code == 201
    assert (body["fetch_status"], body["stance"], body["excerpt"]) == ("queued", "refutes", "12%")
    assert len(callbacks) == 1
    again = editor_api.post(f"/claims/{claim.pk}/sources", {"url": "https://stats.example/t3"})
    assert (again.status_code, again.json()["id"]) == (200, body["id"])


def test_stance_and_excerpt_are_edited_with_if_match(editor_api):
    source = SourceFactory(stance=Source.Stance.CONTEXT)
    etag = editor_api.get(f"/sources/{source.pk}")["ETag"]
    response = editor_api.patch(
        f"/sources/{source.pk}", {"stance": "supports", "excerpt": "Up 38%."}, headers={"If-Match": etag}
    )
    assert (response.json()["stance"], response.json()["excerpt"]) == ("supports", "Up 38%.")
    body = assert_problem(
        editor_api.patch(f"/sources/{source.pk}", {"stance": "refutes"}, headers={"If-Match": etag}), 412
    )
    assert body["current"]["stance"] == "supports"
    assert_problem(editor_api.patch(f"/sources/{source.pk}", {"stance": "refutes"}), 428)
    assert editor_api.delete(f"/sources/{source.pk}").status_code == 204
    assert not Source.objects.exists()


def test_members_comment(reviewer_api):
    claim = ClaimFactory()
    response = reviewer_api.post(f"/claims/{claim.pk}/comments", {"body": "Which table?"})
    assert (response.status_code, response.json()["body"]) == (201, "Which table?")
