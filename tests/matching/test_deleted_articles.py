from __future__ import annotations

import pytest

from claims.intake import deletion
from matching import archive, claim_matches
from matching.models import Match
from tests.factories import ClaimFactory

pytestmark = pytest.mark.django_db

WORDING = "The mayor said the harbour tunnel cost 90 million pounds last year."


def test_open_claims_of_a_deleted_article_are_not_offered_as_duplicates(alice):
    claim = ClaimFactory(text=WORDING)
    twin = ClaimFactory(text=WORDING + "!")
    archive.refresh_statistics()
    assert [pk for pk, _ in claim_matches.near_duplicates(claim)] == [twin.pk]

    deletion.delete_article(article=twin.article, user=alice)
    assert claim_matches.near_duplicates(claim) == []
    claim_matches.match_claim(claim)
    assert not Match.objects.filter(claim=claim, other_claim=twin).exists()
