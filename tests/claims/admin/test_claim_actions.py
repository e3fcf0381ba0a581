from __future__ import annotations

import pytest
from django.contrib.messages import get_messages
from django.utils import timezone

from claims.models import Claim, DetectorDecision, Verdict
from tests.factories import ArticleFactory, ClaimFactory, CommentFactory, SourceFactory, VerdictFactory

pytestmark = pytest.mark.django_db

CLAIMS = "/admin/claims/claim/"


def _act(client, action: str, claims, **extra):
    return client.post(CLAIMS, {"action": action, "_selected_action": [c.pk for c in claims], **extra})


def _messages(response) -> list[str]:
    return [str(m) for m in get_messages(response.wsgi_request)]


def test_it_asks_which_claim_to_keep_before_merging(staff_client):
    article = ArticleFactory()
    first = ClaimFactory(article=article, text="Cycling rose by 38% since 2020.")
    second = ClaimFactory(article=article, text="Cycling is up 38 percent since 2020.")

    response = _act(staff_client, "merge", [first, second])

    assert response.status_code == 200
    page = response.content.decode()
    assert "Merge duplicate claims" in page
    assert f'value="{first.pk}"' in page and "Cycling rose by 38% since 2020." in page
    assert f'value="{second.pk}"' in page and "Cycling is up 38 percent since 2020." in page
    # Nothing is merged until the choice is confirmed.
    assert Claim.objects.filter(status=Claim.Status.DISMISSED).count() == 0


def test_it_merges_keeping_every_source_verdict_comment_and_history(staff_client, alice):
    article = ArticleFactory()
    keep = ClaimFactory(article=article)
    duplicate = ClaimFactory(article=article)
    other = ClaimFactory(article=article)
    kept_source = SourceFactory(claim=keep)
    SourceFactory(claim=duplicate, document=kept_source.document, excerpt="Table 3 of the report.")
    moved_source = SourceFactory(claim=other)
    verdict = VerdictFactory(claim=duplicate, author=alice)
    comment = CommentFactory(claim=other, author=alice)

    response = _act(staff_client, "merge", [keep, duplicate, other], apply="1", keep=keep.pk)

    assert response.status_code == 302
    assert _messages(response) == [
        f'Merged 2 claim(s) into <a href="/admin/claims/claim/{keep.pk}/change/">claim #{keep.pk}</a>.'
    ]
    assert set(keep.sources.values_list("pk", flat=True)) == {kept_source.pk, moved_source.pk}
    kept_source.refresh_from_db()
    assert "Table 3 of the report." in kept_source.note
    assert list(keep.verdicts.all()) == [verdict]
    assert list(keep.comments.all()) == [comment]
    for claim in (duplicate, other):
        claim.refresh_from_db()
        assert claim.status == Claim.Status.DISMISSED
        assert claim.duplicate_of == keep
        # The merged claim's history is still there to read.
        history = staff_client.get(f"/admin/claims/claimevent/?pgh_obj={claim.pk}")
        assert history.status_code == 200
        assert "status: in_review → dismissed" in history.content.decode() or "status: new → dismissed" in (
            history.content.decode()
        )


def test_it_refuses_to_merge_a_single_claim(staff_client):
    claim = ClaimFactory()

    response = _act(staff_client, "merge", [claim], apply="1", keep=claim.pk)

    assert _messages(response) == ["Select between 2 and 20 claims to merge."]
    claim.refresh_from_db()
    assert claim.status == Claim.Status.NEW


def test_it_will_not_keep_a_claim_outside_the_selection(staff_client):
    first, second, outsider = ClaimFactory(), ClaimFactory(), ClaimFactory()

    response = _act(staff_client, "merge", [first, second], apply="1", keep=outsider.pk)

    assert response.status_code == 200
    assert "Select a valid choice" in response.content.decode()
    assert Claim.objects.filter(status=Claim.Status.DISMISSED).count() == 0


def test_it_dismisses_with_a_reason_and_leaves_published_claims_alone(staff_client):
    open_claim = ClaimFactory()
    published = ClaimFactory(status=Claim.Status.PUBLISHED)

    confirm = _act(staff_client, "dismiss", [open_claim, published])
    assert confirm.status_code == 200
    assert 'name="reason"' in confirm.content.decode()

    response = _act(staff_client, "dismiss", [open_claim, published], apply="1", reason="Opinion, not a claim")

    assert _messages(response) == ["Dismissed 1 claim(s); published or dismissed ones were left alone."]
    open_claim.refresh_from_db()
    published.refresh_from_db()
    assert (open_claim.status, open_claim.dismissal_reason) == (Claim.Status.DISMISSED, "Opinion, not a claim")
    assert published.status == Claim.Status.PUBLISHED
    # The detector learns from the dismissal.
    assert DetectorDecision.objects.get(claim=open_claim).label is False


def test_it_assigns_to_a_reviewer_chosen_on_an_intermediate_page(staff_client, bob, charlie):
    claims = [ClaimFactory(), ClaimFactory()]

    confirm = _act(staff_client, "assign", claims)
    page = confirm.content.decode()
    assert f'<option value="{bob.pk}">bob</option>' in page
    # Only newsroom members can be given claims.
    assert f'<option value="{charlie.pk}"' not in page

    response = _act(staff_client, "assign", claims, apply="1", assignee=bob.pk)

    assert _messages(response) == ["Assigned 2 claim(s) to Bob."]
    for claim in claims:
        claim.refresh_from_db()
        assert claim.assignee == bob
        assert claim.status == Claim.Status.IN_REVIEW


def test_it_unassigns_when_nobody_is_chosen(staff_client, bob):
    claim = ClaimFactory(assignee=bob, status=Claim.Status.IN_REVIEW)

    _act(staff_client, "assign", [claim], apply="1", assignee="")

    claim.refresh_from_db()
    assert claim.assignee is None


def _approved_claim(author, approver) -> Claim:
    claim = ClaimFactory(status=Claim.Status.APPROVED)
    VerdictFactory(claim=claim, author=author, approved_by=approver, approved_at=timezone.now())
    return claim


def test_it_publishes_only_approved_verdicts(staff_client, alice, dave):
    approved = _approved_claim(alice, dave)
    in_review = ClaimFactory(status=Claim.Status.IN_REVIEW)

    response = _act(staff_client, "publish", [approved, in_review])

    assert _messages(response) == ["Published 1 verdict(s); 1 claim(s) were not approved."]
    approved.refresh_from_db()
    assert approved.status == Claim.Status.PUBLISHED
    assert Verdict.objects.get(claim=approved).published_at is not None
    in_review.refresh_from_db()
    assert in_review.status == Claim.Status.IN_REVIEW


def test_it_unpublishes(staff_client, alice, dave):
    claim = _approved_claim(alice, dave)
    _act(staff_client, "publish", [claim])

    response = _act(staff_client, "unpublish", [claim])

    assert _messages(response)[-1] == "Unpublished 1 verdict(s)."
    claim.refresh_from_db()
    assert claim.status == Claim.Status.APPROVED
    assert Verdict.objects.get(claim=claim).published_at is None


def test_it_offers_no_bulk_delete_of_claims(staff_client):
    ClaimFactory()

    response = staff_client.get(CLAIMS)

    assert 'value="delete_selected"' not in response.content.decode()
    assert 'value="merge"' in response.content.decode()


def test_it_keeps_triage_actions_from_staff_who_are_not_editors(client, bob):
    bob.is_staff = True
    bob.save()
    client.force_login(bob)
    claims = [ClaimFactory(), ClaimFactory()]

    page = client.get(CLAIMS).content.decode()
    response = _act(client, "merge", claims, apply="1", keep=claims[0].pk)

    # Reviewers may change claims (their model permission) but triage is editors' work.
    for action in ("merge", "dismiss", "assign", "publish", "unpublish"):
        assert f'value="{action}"' not in page
    assert 'value="export_csv"' in page
    assert response.status_code == 302
    assert Claim.objects.filter(status=Claim.Status.DISMISSED).count() == 0
