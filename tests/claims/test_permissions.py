from __future__ import annotations

import pytest

from claims import permissions
from claims.models import Claim
from tests.factories import ClaimFactory, VerdictFactory

pytestmark = pytest.mark.django_db


def test_editors_triage_and_import(alice, bob, charlie):
    assert permissions.can_triage(alice) and permissions.can_import(alice)
    assert not permissions.can_triage(bob) and not permissions.can_import(bob)
    assert not permissions.is_member(charlie)


def test_reviewers_research_only_their_claims(alice, bob):
    mine = ClaimFactory(assignee=bob)
    other = ClaimFactory()
    assert permissions.can_research(bob, mine)
    assert not permissions.can_research(bob, other)
    assert permissions.can_research(alice, other)


def test_nobody_researches_a_published_or_dismissed_claim(alice):
    assert not permissions.can_research(alice, ClaimFactory(status=Claim.Status.PUBLISHED))
    assert not permissions.can_research(alice, ClaimFactory(status=Claim.Status.DISMISSED))


def test_only_another_editor_approves(alice, dave, bob):
    verdict = VerdictFactory(author=alice)
    assert not permissions.can_approve(alice, verdict)
    assert not permissions.can_approve(bob, verdict)
    assert permissions.can_approve(dave, verdict)


def test_inactive_users_have_no_role(alice):
    alice.is_active = False
    assert not permissions.is_member(alice)


def test_roles_are_looked_up_once_per_user_object(alice, django_assert_num_queries):
    with django_assert_num_queries(1):
        permissions.is_editor(alice)
        permissions.is_reviewer(alice)
        permissions.can_import(alice)


def test_the_panel_offers_what_the_claims_status_allows(alice, bob):
    new = permissions.actions_for(alice, ClaimFactory(status=Claim.Status.NEW), verdict=None)
    assert (new.can_keep, new.can_split, new.can_edit, new.can_restore) == (True, True, True, False)
    dismissed = permissions.actions_for(alice, ClaimFactory(status=Claim.Status.DISMISSED), verdict=None)
    assert (dismissed.can_keep, dismissed.can_edit, dismissed.can_restore) == (False, False, True)
    reviewer = permissions.actions_for(bob, ClaimFactory(status=Claim.Status.NEW), verdict=None)
    assert not (reviewer.can_triage or reviewer.can_keep or reviewer.can_restore)


def test_the_panel_offers_approval_to_another_editor_only(alice, dave):
    claim = ClaimFactory(status=Claim.Status.VERDICT_PROPOSED)
    verdict = VerdictFactory(claim=claim, author=alice)
    own = permissions.actions_for(alice, claim, verdict=verdict)
    assert (own.can_approve, own.own_verdict, own.can_send_back) == (False, True, True)
    other = permissions.actions_for(dave, claim, verdict=verdict)
    assert (other.can_approve, other.own_verdict, other.can_send_back) == (True, False, True)
    assert other.as_context()["can_approve"] is True
    assert not permissions.awaits_approval(claim, None)
