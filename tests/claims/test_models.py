from __future__ import annotations

import pytest
from django.db import IntegrityError, transaction

from claims.models import Claim, Verdict
from tests.factories import ArticleFactory, ClaimFactory, VerdictFactory

pytestmark = pytest.mark.django_db


def test_a_claim_span_must_be_valid():
    with pytest.raises(IntegrityError), transaction.atomic():
        ClaimFactory(start=10, end=5)
    with pytest.raises(IntegrityError), transaction.atomic():
        ClaimFactory(start=10, end=None)
    assert ClaimFactory(start=None, end=None).start is None


def test_nobody_approves_their_own_verdict(alice):
    verdict = VerdictFactory(author=alice)
    with pytest.raises(IntegrityError), transaction.atomic():
        Verdict.objects.filter(pk=verdict.pk).update(approved_by=alice)


def test_a_verdict_is_approved_before_it_is_published(alice):
    from django.utils import timezone

    verdict = VerdictFactory(author=alice)
    with pytest.raises(IntegrityError), transaction.atomic():
        Verdict.objects.filter(pk=verdict.pk).update(published_at=timezone.now())


def test_importing_the_same_thing_twice_is_refused_by_the_database():
    ArticleFactory(dedupe_key="text:abc")
    with pytest.raises(IntegrityError), transaction.atomic():
        ArticleFactory(dedupe_key="text:abc")


def test_history_records_bulk_updates(alice):
    claim = ClaimFactory(text="Before")
    Claim.objects.filter(pk=claim.pk).update(text="After", version=2)
    events = list(claim.events.order_by("pgh_id").values_list("pgh_label", "text"))
    assert events == [("insert", "Before"), ("update", "After")]


def test_the_default_rating_scale_is_seeded():
    from claims.models import Rating

    assert list(Rating.objects.values_list("label", "value")) == [
        ("False", 1),
        ("Misleading", 2),
        ("Mixed", 3),
        ("Mostly accurate", 4),
        ("Accurate", 5),
        ("Unverifiable", None),
    ]


def test_roles_exist_with_permissions():
    from django.contrib.auth.models import Group

    editors = Group.objects.get(name="Editors")
    reviewers = Group.objects.get(name="Reviewers")
    assert editors.permissions.filter(codename="delete_claim").exists()
    assert not reviewers.permissions.filter(codename="delete_claim").exists()
    assert reviewers.permissions.filter(codename="add_source").exists()
