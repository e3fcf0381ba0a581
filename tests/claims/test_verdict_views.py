from __future__ import annotations

import pytest

from claims.models import Claim, Comment, Rating, Verdict
from claims.review import triage, verification
from tests.factories import ClaimFactory, VerdictFactory

pytestmark = pytest.mark.django_db

HX = {"HX-Request": "true", "HX-Target": "claim-panel"}


@pytest.fixture
def claim(bob):
    return ClaimFactory(assignee=bob, status=Claim.Status.IN_REVIEW)


def _propose(client, claim, rationale="The report says 31%, not 38%.", rating="false", version=None):
    rating_pk = Rating.objects.get(slug=rating).pk
    data = {"rating": rating_pk, "rationale": rationale, "version": version or claim.version}
    return client.post(f"/claims/{claim.pk}/verdict/", data, headers=HX)


def test_the_golden_path_propose_approve_publish(reviewer_client, editor_client, claim):
    response = _propose(reviewer_client, claim)
    assert "Verdict proposed; an editor will review it." in response.content.decode()
    claim.refresh_from_db()
    assert claim.status == Claim.Status.VERDICT_PROPOSED

    panel = editor_client.get(claim.get_absolute_url(), headers=HX).content.decode()
    assert "Approve verdict" in panel
    editor_client.post(f"/claims/{claim.pk}/verdict/approve/", headers=HX)
    claim.refresh_from_db()
    assert claim.status == Claim.Status.APPROVED

    response = editor_client.post(f"/claims/{claim.pk}/publish/", headers=HX)
    claim.refresh_from_db()
    assert claim.status == Claim.Status.PUBLISHED
    assert "Unpublish" in response.content.decode()
    editor_client.post(f"/claims/{claim.pk}/unpublish/", headers=HX)
    claim.refresh_from_db()
    assert claim.status == Claim.Status.APPROVED


def test_nobody_approves_their_own_verdict(editor_client, alice):
    claim = ClaimFactory(status=Claim.Status.IN_REVIEW)
    _propose(editor_client, claim)
    panel = editor_client.get(claim.get_absolute_url(), headers=HX).content.decode()
    assert "Approve verdict" not in panel
    assert "another editor approves it" in panel
    response = editor_client.post(f"/claims/{claim.pk}/verdict/approve/", headers=HX)
    assert "You cannot approve your own verdict" in response.content.decode()
    assert Verdict.objects.get().approved_at is None


def test_publishing_needs_an_approved_verdict(editor_client, claim):
    response = editor_client.post(f"/claims/{claim.pk}/publish/", headers=HX)
    assert "Only an approved verdict can be published." in response.content.decode()


def test_sending_back_returns_the_claim_to_review_with_a_comment(editor_client, reviewer_client, claim):
    _propose(reviewer_client, claim)
    editor_client.post(f"/claims/{claim.pk}/verdict/send-back/", {"reason": "Cite the table"}, headers=HX)
    claim.refresh_from_db()
    assert claim.status == Claim.Status.IN_REVIEW
    assert Comment.objects.get().body == "Cite the table"


def test_a_rationale_is_required(reviewer_client, claim):
    response = _propose(reviewer_client, claim, rationale="   ")
    assert "This field is required" in response.content.decode() or "Write a rationale" in response.content.decode()
    assert not Verdict.objects.exists()


def test_double_submission_creates_one_verdict(reviewer_client, claim):
    _propose(reviewer_client, claim)
    _propose(reviewer_client, claim, version=claim.version)
    assert Verdict.objects.count() == 1


def test_a_verdict_on_a_changed_claim_shows_the_conflict_and_keeps_the_text(reviewer_client, alice, claim):
    seen = claim.version
    verification.propose_verdict(
        claim=claim, author=alice, rating=Rating.objects.get(slug="accurate"), rationale="Alice's view", version=seen
    )
    response = _propose(reviewer_client, claim, rationale="Bob's careful rationale", version=seen)
    html = response.content.decode()
    assert "This claim changed while you were writing" in html
    assert "Bob&#x27;s careful rationale" in html
    assert "Alice's view" in html
    assert f'name="version" value="{seen + 1}"' in html
    assert Verdict.objects.count() == 1


def test_the_rationale_is_rendered_as_safe_markdown(editor_client, bob):
    rationale = (
        "**Wrong.** See [the report](https://stats.example/r).\n\n"
        "<script>alert(1)</script> [click](javascript:alert(1)) <img src=x onerror=alert(1)>"
    )
    claim = ClaimFactory(status=Claim.Status.VERDICT_PROPOSED)
    VerdictFactory(claim=claim, author=bob, rationale=rationale)
    html = editor_client.get(claim.get_absolute_url()).content.decode()
    assert "<strong>Wrong.</strong>" in html
    assert '<a href="https://stats.example/r" rel="noopener noreferrer nofollow">the report</a>' in html
    assert "<script>alert(1)" not in html
    assert 'href="javascript:' not in html
    assert "<img src=x" not in html


def test_comments_are_escaped_and_not_duplicated(reviewer_client, claim):
    body = '<script>alert("c")</script> Is this the 2025 report?'
    reviewer_client.post(f"/claims/{claim.pk}/comments/", {"body": body}, headers=HX)
    response = reviewer_client.post(f"/claims/{claim.pk}/comments/", {"body": body}, headers=HX)
    html = response.content.decode()
    assert "<script>alert" not in html
    assert "&lt;script&gt;alert(&quot;c&quot;)&lt;/script&gt; Is this the 2025 report?" in html
    assert Comment.objects.count() == 1


def test_the_history_says_who_changed_what(editor_client, alice, bob):
    claim = ClaimFactory(text="Cycling rose")
    editor_client.post(f"/claims/{claim.pk}/assign/", {"assignee": bob.pk})
    editor_client.post(
        f"/claims/{claim.pk}/edit/",
        {"text": "Cycling rose by 38%", "claim_type": "quantity", "claimant": "", "recheck_by": "", "version": 2},
    )
    html = editor_client.get(claim.get_absolute_url()).content.decode()
    assert "<strong>Alice</strong> changed the claim" in html
    assert "assignee: nothing → Bob" in html
    assert "status: New → In review" in html
    assert "wording: “Cycling rose” → “Cycling rose by 38%”" in html


def test_the_panel_query_count_does_not_grow_with_history(editor_client, alice, bob, django_assert_max_num_queries):
    claim = ClaimFactory(status=Claim.Status.IN_REVIEW)
    with django_assert_max_num_queries(40) as small:
        editor_client.get(claim.get_absolute_url(), headers=HX)
    for index in range(15):
        claim = triage.edit_claim(claim=claim, user=alice, version=claim.version, text=f"Wording {index}")
        Comment.objects.create(claim=claim, author=bob, body=f"Comment {index}")
    VerdictFactory.create_batch(5, claim=claim, author=bob)
    with django_assert_max_num_queries(len(small.captured_queries)):
        response = editor_client.get(claim.get_absolute_url(), headers=HX)
    assert response.content.decode().count('class="comment"') == 15
