"""Matches stored for the newsroom's claims: previous fact checks and the same claim open in other articles."""

from __future__ import annotations

from collections.abc import Iterable
from functools import partial

from django.contrib.postgres.search import SearchQuery, SearchVector, TrigramSimilarity
from django.db import transaction
from django.utils import timezone

from claims.models import Claim
from matching import matcher, search
from matching.models import FactCheck, Match, MatchDecision, MatchedClaim
from matching.ranking import RankerWeights

OPEN = (Claim.Status.NEW, Claim.Status.IN_REVIEW, Claim.Status.VERDICT_PROPOSED)
# Claims whose wording is at least this similar (pg_trgm) are the same claim in another article.
DUPLICATE_SIMILARITY = 0.5
MAX_DUPLICATES = 10
REMATCH_CHUNK = 200


def _excluded(claim: Claim) -> set[int]:
    """Fact checks not to suggest: ones a reviewer said are not the same claim, and this claim's own verdict."""
    rejected = MatchDecision.objects.filter(claim=claim, decision=MatchDecision.Decision.NOT_SAME).values_list(
        "fact_check_id", flat=True
    )
    own = FactCheck.objects.filter(verdict__claim=claim).values_list("pk", flat=True)
    return set(rejected) | set(own)


def near_duplicates(claim: Claim) -> list[tuple[int, float]]:
    """Open claims of other articles with nearly the same wording: (claim id, similarity), most similar first."""
    terms = search.query_terms(claim.text)
    rare = sorted(terms.lexemes, key=lambda lexeme: (terms.documents.get(lexeme, 0), lexeme))[:8]
    if not rare:
        return []
    # The same expression as the claim_search index, so PostgreSQL selects by the GIN index.
    query = SearchQuery(" | ".join(search.quote_lexeme(lexeme) for lexeme in rare), search_type="raw")
    rows = (
        Claim.objects.annotate(search=SearchVector("text", "claimant", config="english"))
        .filter(search=query, status__in=OPEN)
        .exclude(article_id=claim.article_id)
        .annotate(similarity=TrigramSimilarity("text", claim.text))
        .filter(similarity__gte=DUPLICATE_SIMILARITY)
        .order_by("-similarity", "pk")
        .values_list("pk", "similarity")[:MAX_DUPLICATES]
    )
    return [(pk, float(similarity)) for pk, similarity in rows]


def match_claim(
    claim: Claim, *, weights: RankerWeights | None = None, statistics: tuple[int, float] | None = None
) -> list[Match]:
    """Find and store the claim's matches, replacing the previous ones; idempotent."""
    weights = weights or matcher.active_weights()
    when = claim.claimed_on or claim.article.published_on
    suggestions = matcher.match_statement(
        claim.text, when=when, weights=weights, statistics=statistics, exclude=_excluded(claim)
    )
    duplicates = near_duplicates(claim)
    rows = [
        Match(
            claim=claim,
            fact_check_id=s.fact_check_id,
            score=s.score,
            rank=rank,
            reasons=s.reasons,
            features=s.features,
        )
        for rank, s in enumerate(suggestions)
    ]
    rows += [
        Match(claim=claim, other_claim_id=pk, score=round(similarity, 4), rank=rank)
        for rank, (pk, similarity) in enumerate(duplicates)
    ]
    with transaction.atomic():
        Match.objects.filter(claim=claim).delete()
        Match.objects.bulk_create(rows)
        MatchedClaim.objects.update_or_create(claim=claim, defaults={"matched_at": timezone.now()})
    return rows


def match_claims(claims: Iterable[Claim]) -> int:
    """Match many claims with one read of the weights and archive statistics; returns how many."""
    weights = matcher.active_weights()
    statistics = search.archive_statistics()
    count = 0
    for claim in claims:
        match_claim(claim, weights=weights, statistics=statistics)
        count += 1
    return count


def match_article(*, article_id: int) -> int:
    """Match every claim of an article that is not dismissed."""
    claims = Claim.objects.filter(article_id=article_id).visible().select_related("article")
    return match_claims(claims)


def rematch_open_claims() -> int:
    """After the archive grew: match every open claim again, in chunks of REMATCH_CHUNK."""
    ids = list(Claim.objects.filter(status__in=OPEN).order_by("pk").values_list("pk", flat=True))
    done = 0
    for start in range(0, len(ids), REMATCH_CHUNK):
        chunk = Claim.objects.filter(pk__in=ids[start : start + REMATCH_CHUNK]).select_related("article")
        done += match_claims(chunk)
    return done


def schedule_rematch() -> None:
    """Enqueue rematch_open_claims after the commit; a broker outage only delays it."""
    from matching import tasks

    transaction.on_commit(partial(tasks.rematch_open_claims.delay), robust=True)
