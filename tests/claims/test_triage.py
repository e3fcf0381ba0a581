from __future__ import annotations

import pytest

from claims.models import Claim, DetectorDecision
from claims.review import triage
from tests.factories import (
    ArticleFactory,
    ClaimFactory,
    CommentFactory,
    SourceFactory,
    UrlDocumentFactory,
    VerdictFactory,
)

pytestmark = pytest.mark.django_db


def test_keeping_moves_a_claim_into_review_and_records_the_decision(alice):
    claim = ClaimFactory(features={"has_number": 1.0})
    claim = triage.keep_claim(claim=claim, user=alice, version=claim.version)
    assert (claim.status, claim.version) == (Claim.Status.IN_REVIEW, 2)
    decision = DetectorDecision.objects.get()
    assert (decision.action, decision.label, decision.features) == ("kept", True, {"has_number": 1.0})


def test_dismissing_keeps_the_reason_and_teaches_the_detector(alice):
    claim = ClaimFactory()
    claim = triage.dismiss_claim(claim=claim, user=alice, reason="Opinion", version=1)
    assert (claim.status, claim.dismissal_reason) == (Claim.Status.DISMISSED, "Opinion")
    assert DetectorDecision.objects.get().label is False


def test_a_stale_edit_raises_a_conflict_with_the_current_wording(alice, dave):
    claim = ClaimFactory(text="Original")
    triage.edit_claim(claim=claim, user=alice, version=1, text="Alice's wording")
    with pytest.raises(triage.EditConflict) as conflict:
        triage.edit_claim(claim=claim, user=dave, version=1, text="Dave's wording")
    assert conflict.value.current.text == "Alice's wording"
    claim.refresh_from_db()
    assert (claim.text, claim.version, claim.edited) == ("Alice's wording", 2, True)


def test_adding_a_claim_from_a_selection_anchors_it(alice):
    article = ArticleFactory(body="Intro. Cycling rose by 38% since 2020. Outro.")
    claim = triage.add_claim(article=article, user=alice, start=6, end=39)
    assert claim.quote == "Cycling rose by 38% since 2020."
    assert article.body[claim.start : claim.end] == claim.quote
    assert (claim.origin, claim.status) == (Claim.Origin.MANUAL, Claim.Status.IN_REVIEW)
    assert DetectorDecision.objects.get().action == "added"


@pytest.mark.parametrize(("start", "end"), [(-1, 4), (5, 5), (0, 10_000), (0, 1)])
def test_it_refuses_selections_outside_the_text_or_empty(alice, start, end):
    article = ArticleFactory(body=" Some text")
    with pytest.raises(triage.TriageError):
        triage.add_claim(article=article, user=alice, start=start, end=end)


def test_splitting_makes_two_claims_on_the_same_span(alice):
    claim = ClaimFactory(start=3, end=30)
    first, second = triage.split_claim(claim=claim, user=alice, version=1, first="A did X.", second="B did Y.")
    assert (first.start, first.end, second.start, second.end) == (3, 30, 3, 30)
    claim.refresh_from_db()
    assert claim.status == Claim.Status.DISMISSED


def test_merging_keeps_every_source_verdict_and_comment(alice):
    article = ArticleFactory()
    keep, dup1, dup2 = ClaimFactory.create_batch(3, article=article)
    shared = UrlDocumentFactory()
    SourceFactory(claim=keep, document=shared, note="Keep's note")
    SourceFactory(claim=dup1, document=shared, note="Dup's note", excerpt="Key passage")
    SourceFactory(claim=dup2)
    VerdictFactory(claim=dup1, author=alice)
    CommentFactory(claim=dup2, author=alice)

    triage.merge_claims(keep=keep, others=[dup1, dup2], user=alice)

    assert keep.sources.count() == 2
    assert "Dup's note" in keep.sources.get(document=shared).note
    assert "Key passage" in keep.sources.get(document=shared).note
    assert keep.verdicts.count() == 1 and keep.comments.count() == 1
    for dup in (dup1, dup2):
        dup.refresh_from_db()
        assert (dup.status, dup.duplicate_of_id) == (Claim.Status.DISMISSED, keep.pk)


def test_bulk_assignment_moves_new_claims_into_review(alice, bob):
    claims = ClaimFactory.create_batch(3)
    published = ClaimFactory(status=Claim.Status.PUBLISHED)
    changed = triage.assign_claims(claims=Claim.objects.all(), assignee=bob, user=alice)
    assert changed == 3
    assert set(Claim.objects.filter(pk__in=[c.pk for c in claims]).values_list("status", "assignee")) == {
        ("in_review", bob.pk)
    }
    published.refresh_from_db()
    assert published.assignee is None


def test_bulk_dismissal_records_each_decision(alice):
    ClaimFactory.create_batch(4)
    assert triage.dismiss_claims(claims=Claim.objects.all(), user=alice, reason="Furniture") == 4
    assert DetectorDecision.objects.filter(label=False).count() == 4


def test_adding_the_same_selection_twice_makes_one_claim(alice):
    article = ArticleFactory()
    first = triage.add_claim(article=article, user=alice, start=4, end=51)
    second = triage.add_claim(article=article, user=alice, start=4, end=51)
    assert first == second
    assert article.claims.count() == 1
    assert DetectorDecision.objects.count() == 1
