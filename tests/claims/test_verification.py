from __future__ import annotations

import pytest

from claims.models import Claim, Rating
from claims.review import verification
from claims.review.triage import EditConflict
from documents.models import Document
from tests.factories import ClaimFactory, VerdictFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def false():
    return Rating.objects.get(slug="false")


def test_adding_a_source_queues_a_fetch_once(bob, django_capture_on_commit_callbacks):
    claim = ClaimFactory(assignee=bob)
    with django_capture_on_commit_callbacks() as callbacks:
        source, created = verification.add_source(claim=claim, user=bob, url="https://stats.example/report")
        again, created_again = verification.add_source(claim=claim, user=bob, url="https://stats.example/report")
    assert (created, created_again, again.pk) == (True, False, source.pk)
    assert source.document.status == Document.Status.QUEUED
    assert len(callbacks) == 1
    claim.refresh_from_db()
    assert claim.status == Claim.Status.IN_REVIEW


def test_the_golden_path_from_proposal_to_publication(bob, alice, false):
    claim = ClaimFactory(assignee=bob, status=Claim.Status.IN_REVIEW)
    verdict = verification.propose_verdict(
        claim=claim, author=bob, rating=false, rationale="The report says 4%.", version=1
    )
    claim.refresh_from_db()
    assert claim.status == Claim.Status.VERDICT_PROPOSED

    verification.approve_verdict(verdict=verdict, user=alice)
    claim.refresh_from_db()
    assert claim.status == Claim.Status.APPROVED

    verification.publish_claim(claim=claim, user=alice)
    claim.refresh_from_db()
    verdict.refresh_from_db()
    assert claim.status == Claim.Status.PUBLISHED and verdict.published_at is not None

    assert verification.unpublish_claims(claims=[claim], user=alice) == 1
    verdict.refresh_from_db()
    assert verdict.published_at is None


def test_a_double_submitted_proposal_is_stored_once(bob, false):
    claim = ClaimFactory(assignee=bob)
    first = verification.propose_verdict(claim=claim, author=bob, rating=false, rationale="Why.", version=1)
    second = verification.propose_verdict(claim=claim, author=bob, rating=false, rationale="Why.", version=1)
    assert first.pk == second.pk and claim.verdicts.count() == 1


def test_a_proposal_on_a_stale_claim_conflicts(bob, alice, false):
    claim = ClaimFactory(assignee=bob)
    verification.propose_verdict(claim=claim, author=alice, rating=false, rationale="Alice's view.", version=1)
    with pytest.raises(EditConflict) as conflict:
        verification.propose_verdict(claim=claim, author=bob, rating=false, rationale="Bob's view.", version=1)
    assert conflict.value.current.version == 2


def test_nobody_approves_their_own_verdict(alice):
    verdict = VerdictFactory(author=alice, claim=ClaimFactory(status=Claim.Status.VERDICT_PROPOSED))
    with pytest.raises(verification.WorkflowError, match="own verdict"):
        verification.approve_verdict(verdict=verdict, user=alice)


def test_only_the_current_verdict_can_be_approved(alice, bob, dave, false):
    claim = ClaimFactory(status=Claim.Status.IN_REVIEW)
    old = verification.propose_verdict(claim=claim, author=bob, rating=false, rationale="First.", version=1)
    verification.propose_verdict(claim=claim, author=alice, rating=false, rationale="Second.", version=2)
    with pytest.raises(verification.WorkflowError, match="newer verdict"):
        verification.approve_verdict(verdict=old, user=dave)


def test_unapproved_claims_are_not_published(alice):
    claim = ClaimFactory(status=Claim.Status.VERDICT_PROPOSED)
    VerdictFactory(claim=claim, author=alice)
    with pytest.raises(verification.WorkflowError):
        verification.publish_claim(claim=claim, user=alice)


def test_sending_back_returns_the_claim_to_review_with_a_comment(alice, bob, false):
    claim = ClaimFactory(assignee=bob)
    verification.propose_verdict(claim=claim, author=bob, rating=false, rationale="Why.", version=1)
    claim.refresh_from_db()
    verification.send_back(claim=claim, user=alice, reason="Cite the report itself.")
    claim.refresh_from_db()
    assert claim.status == Claim.Status.IN_REVIEW
    assert claim.comments.get().body == "Cite the report itself."


def test_a_double_submitted_comment_is_stored_once(bob):
    claim = ClaimFactory()
    first = verification.add_comment(claim=claim, author=bob, body="Is this the 2025 report?")
    second = verification.add_comment(claim=claim, author=bob, body=" Is this the 2025 report? ")
    assert first == second
    assert claim.comments.count() == 1
