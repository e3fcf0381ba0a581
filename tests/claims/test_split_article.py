from __future__ import annotations

import pytest

from claims.intake.finding import claimant_type, split_article
from claims.models import Claim
from tests.factories import ArticleFactory, ClaimFactory, CommentFactory, SourceFactory, VerdictFactory

pytestmark = pytest.mark.django_db

BODY = (
    "Road injuries to cyclists fell by 22% on streets with protected lanes, the council report found. "
    "The mayor, Jane Doe, said the scheme cost £12 million in 2024. "
    "Cycling trips rose by 38% since 2020, while car journeys fell by a fifth."
)


def test_it_saves_each_candidate_as_a_new_detected_claim():
    article = ArticleFactory(body=BODY, published_on="2025-03-04")
    created = split_article(article=article)
    claims = list(article.claims.all())
    assert created == len(claims) >= 2
    for claim in claims:
        assert (claim.status, claim.origin) == (Claim.Status.NEW, Claim.Origin.DETECTED)
        assert claim.quote == BODY[claim.start : claim.end]
        assert 0 <= claim.checkworthiness <= 1 and claim.reasons and claim.features
        assert str(claim.claimed_on) == "2025-03-04"


def test_resplitting_keeps_claims_with_work_and_does_not_duplicate_them(alice, django_assert_max_num_queries):
    article = ArticleFactory(body=BODY)
    split_article(article=article)
    claims = list(article.claims.all())
    with_source, with_verdict = claims[0], claims[1]
    SourceFactory(claim=with_source)
    VerdictFactory(claim=with_verdict, author=alice)
    with_comment = ClaimFactory(article=article, text="A note", start=0, end=5)
    CommentFactory(claim=with_comment, author=alice)
    edited = ClaimFactory(article=article, text="Edited wording", start=1, end=6, edited=True)
    untouched = ClaimFactory(article=article, text="Nobody touched me", start=None, end=None)
    kept_ids = {with_source.pk, with_verdict.pk, with_comment.pk, edited.pk}

    # A fixed number of queries however many claims: one delete per related table, one insert.
    # 16: deleting the untouched claims also deletes their stored matches (two) and unlinks decisions on them.
    with django_assert_max_num_queries(16):
        split_article(article=article)

    remaining = list(article.claims.all())
    assert kept_ids <= {c.pk for c in remaining}
    assert untouched.pk not in {c.pk for c in remaining}
    spans = [(c.start, c.end) for c in remaining if c.pk not in kept_ids]
    for claim in (with_source, with_verdict):
        assert all(end <= claim.start or start >= claim.end for start, end in spans)
    texts = [c.text for c in remaining]
    assert len(texts) == len(set(texts))


@pytest.mark.parametrize(
    ("claimant", "kind"),
    [
        ("Jane Doe", "Person"),
        ("Tsui", "Person"),
        ("Ursula von der Leyen", "Person"),
        ("the council", "Organization"),
        ("Mozilla Foundation", "Organization"),
        ("The Department of Health", "Organization"),
        ("NHS", "Organization"),
        (None, ""),
    ],
)
def test_claimant_type(claimant, kind):
    assert claimant_type(claimant) == kind


def test_claims_with_work_follow_their_words_when_the_text_changes(alice):
    article = ArticleFactory(body=BODY)
    split_article(article=article)
    claim = article.claims.get(quote__contains="22%")
    SourceFactory(claim=claim)
    mayor = BODY.index("The mayor, Jane Doe")
    gone = ClaimFactory(
        article=article, text="Gone", quote="The mayor, Jane Doe", start=mayor, end=mayor + 19, edited=True
    )

    article.body = "A new first paragraph was added.\n\n" + BODY.replace("The mayor, Jane Doe", "Jane Doe")
    article.save()
    split_article(article=article)

    claim.refresh_from_db()
    gone.refresh_from_db()
    assert article.body[claim.start : claim.end] == claim.quote
    assert (gone.start, gone.end) == (None, None)


def test_a_claim_keeps_the_article_s_words_and_stores_a_bracketed_rewrite_beside_them():
    body = "DeepSeek is a Chinese AI lab. It released the R1 model in January 2025 for $5.6 million."
    article = ArticleFactory(body=body)
    split_article(article=article)
    released = article.claims.get(text__startswith="It released")
    assert released.text == released.quote == body[released.start : released.end]
    assert released.rewrite == "[DeepSeek] released the R1 model in January 2025 for $5.6 million."
    assert article.claims.get(text__startswith="DeepSeek is").rewrite == ""
