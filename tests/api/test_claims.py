from __future__ import annotations

import pytest

from claims.models import Claim
from tests.api.conftest import assert_problem
from tests.factories import ArticleFactory, ClaimFactory, CommentFactory, SourceFactory, VerdictFactory

pytestmark = pytest.mark.django_db


def ids(response) -> list[int]:
    return [item["id"] for item in response.json()["items"]]


def test_it_filters_like_the_claims_list(editor_api, bob):
    article = ArticleFactory()
    worth = ClaimFactory(article=article, bucket=Claim.Bucket.WORTH_CHECKING, assignee=bob)
    ClaimFactory(article=article, bucket=Claim.Bucket.NOT_WORTH_CHECKING)
    other = ClaimFactory(status=Claim.Status.DISMISSED, text="Unemployment fell to 4% last year.")
    assert ids(editor_api.get("/claims", {"article": article.pk, "bucket": "worth_checking"})) == [worth.pk]
    assert ids(editor_api.get("/claims", {"assignee": bob.pk})) == [worth.pk]
    assert ids(editor_api.get("/claims", {"status": ["dismissed"]})) == [other.pk]
    assert ids(editor_api.get("/claims", {"q": "unemployment"})) == [other.pk]
    assert_problem(editor_api.get("/claims", {"bucket": "nonsense"}), 422)


def test_cursor_pages_are_stable_when_claims_are_added_meanwhile(editor_api):
    claims = [ClaimFactory() for _ in range(5)]
    first = editor_api.get("/claims", {"limit": 2})
    assert ids(first) == [claims[4].pk, claims[3].pk]
    ClaimFactory()  # a new claim must not shift the next page
    second = editor_api.get("/claims", {"limit": 2, "cursor": first.json()["next_cursor"]})
    assert ids(second) == [claims[2].pk, claims[1].pk]
    last = editor_api.get("/claims", {"limit": 2, "cursor": second.json()["next_cursor"]})
    assert ids(last) == [claims[0].pk]
    assert last.json()["next_cursor"] is None
    assert_problem(editor_api.get("/claims", {"cursor": "garbage!"}), 400)


def test_the_list_costs_the_same_queries_at_any_size(editor_api, django_assert_num_queries):
    for _ in range(3):
        ClaimFactory(assignee=None)
    editor_api.get("/me")  # records the token's last use, which is then not written again for a minute
    with django_assert_num_queries(3) as small:  # the token, the caller's roles, the page
        editor_api.get("/claims")
    for _ in range(30):
        ClaimFactory()
    with django_assert_num_queries(len(small.captured_queries)):
        assert len(editor_api.get("/claims").json()["items"]) == 33


def test_one_claim_in_full_with_its_etag(editor_api, alice):
    claim = ClaimFactory(reasons=["a number", "a named source"])
    source = SourceFactory(claim=claim, stance="refutes", excerpt="Cycling rose 12%.")
    VerdictFactory(claim=claim, author=alice)
    CommentFactory(claim=claim, author=alice)
    response = editor_api.get(f"/claims/{claim.pk}")
    body = response.json()
    assert response["ETag"] == f'"claim-{claim.pk}-v1"'
    assert (body["start"], body["end"], body["bucket"], body["checkworthiness"]) == (0, 10, "worth_checking", 0.8)
    assert body["reasons"] == ["a number", "a named source"]
    assert body["sources"][0]["id"] == source.pk and body["sources"][0]["stance"] == "refutes"
    assert body["verdict"]["rating"]["label"] == "False"
    assert body["current_rating"] == "False"
    assert body["comments"][0]["author"]["username"] == "alice"
    assert any(entry["summary"] == "created the claim" for entry in body["history"])


def test_outsiders_and_anonymous_callers_see_no_claims(outsider_api, anonymous_api):
    claim = ClaimFactory()
    assert_problem(outsider_api.get("/claims"), 404)
    assert_problem(outsider_api.get(f"/claims/{claim.pk}"), 404)
    assert_problem(anonymous_api.get(f"/claims/{claim.pk}"), 401)
