"""Matches stored for the newsroom's claims: previous fact checks and the same claim open in other articles."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from concurrent.futures import ThreadPoolExecutor
from functools import partial

from django.contrib.postgres.search import SearchQuery, SearchVector, TrigramSimilarity
from django.db import connection, connections, transaction
from django.utils import timezone

from claims.models import Claim
from matching import matcher, search, signals
from matching.models import FactCheck, Match, MatchDecision, MatchedClaim
from matching.ranking import RankerWeights

OPEN = (Claim.Status.NEW, Claim.Status.IN_REVIEW, Claim.Status.VERDICT_PROPOSED)
# Claims whose wording is at least this similar (pg_trgm) are the same claim in another article.
DUPLICATE_SIMILARITY = 0.5
MAX_DUPLICATES = 10
REMATCH_CHUNK = 200
# Threads that search for an article's claims at once: PostgreSQL works for each in its own backend.
THREADS = 3


def _excluded(claims: list[Claim]) -> dict[int, set[int]]:
    """Per claim, fact checks not to suggest: ones a reviewer said are not the same claim, and its own verdict."""
    excluded: dict[int, set[int]] = {claim.pk: set() for claim in claims}
    rejected = MatchDecision.objects.filter(claim__in=claims, decision=MatchDecision.Decision.NOT_SAME)
    for claim_id, fact_check_id in rejected.values_list("claim_id", "fact_check_id"):
        excluded[claim_id].add(fact_check_id)
    own = FactCheck.objects.filter(verdict__claim__in=claims).values_list("verdict__claim_id", "pk")
    for claim_id, fact_check_id in own:
        excluded[claim_id].add(fact_check_id)
    return excluded


def near_duplicates(claim: Claim, terms: search.QueryTerms | None = None) -> list[tuple[int, float]]:
    """Open claims of other articles with nearly the same wording: (claim id, similarity), most similar first."""
    terms = terms or search.query_terms(claim.text)
    rare = sorted(terms.lexemes, key=lambda lexeme: (terms.documents.get(lexeme, 0), lexeme))[:8]
    if not rare:
        return []
    # The same expression as the claim_search index, so PostgreSQL selects by the GIN index.
    query = SearchQuery(" | ".join(search.quote_lexeme(lexeme) for lexeme in rare), search_type="raw")
    rows = (
        Claim.objects.annotate(search=SearchVector("text", "claimant", config="english"))
        .filter(search=query, status__in=OPEN, article__deleted_at__isnull=True)
        .exclude(article_id=claim.article_id)
        .annotate(similarity=TrigramSimilarity("text", claim.text))
        .filter(similarity__gte=DUPLICATE_SIMILARITY)
        .order_by("-similarity", "pk")
        .values_list("pk", "similarity")[:MAX_DUPLICATES]
    )
    return [(pk, float(similarity)) for pk, similarity in rows]


def _find(claim: Claim, *, weights: RankerWeights, statistics: tuple[int, float], exclude: set[int]) -> list[Match]:
    when = claim.claimed_on or claim.article.published_on
    statement, scored = matcher.rank(claim.text, when=when, weights=weights, statistics=statistics, exclude=exclude)
    suggestions = matcher.suggest(statement, scored, threshold=weights.threshold)
    duplicates = near_duplicates(claim, statement.terms) if statement is not None else []
    rows = [
        Match(
            claim=claim, fact_check_id=s.fact_check_id, score=s.score, rank=rank, reasons=s.reasons, features=s.features
        )
        for rank, s in enumerate(suggestions)
    ]
    rows += [
        Match(claim=claim, other_claim_id=pk, score=round(similarity, 4), rank=rank)
        for rank, (pk, similarity) in enumerate(duplicates)
    ]
    return rows


def _in_own_connection(function: Callable[[list[Claim]], list[Match]], chunk: list[Claim]) -> list[Match]:
    """Run in a worker thread, which opens its own database connection: close it when done."""
    try:
        return function(chunk)
    finally:
        connections.close_all()


def match_claims(claims: Iterable[Claim]) -> list[Match]:
    """Find and store the claims' matches, replacing their previous ones; idempotent.

    The weights, archive statistics and exclusions are read once; outside a transaction, claims are
    searched in THREADS threads at once; everything is written in one transaction with a fixed number
    of queries, whatever the number of claims.
    """
    claims = list(claims)
    if not claims:
        return []
    weights = matcher.active_weights()
    statistics = search.archive_statistics()
    excluded = _excluded(claims)

    def find_all(chunk: list[Claim]) -> list[Match]:
        return [
            row
            for claim in chunk
            for row in _find(claim, weights=weights, statistics=statistics, exclude=excluded[claim.pk])
        ]

    if len(claims) < 2 * THREADS or connection.in_atomic_block:
        # Other threads' connections could not see the rows of an open transaction.
        rows = find_all(claims)
    else:
        rows = []
        with ThreadPoolExecutor(max_workers=THREADS) as pool:
            for found in pool.map(partial(_in_own_connection, find_all), [claims[i::THREADS] for i in range(THREADS)]):
                rows += found
    now = timezone.now()
    with transaction.atomic():
        Match.objects.filter(claim__in=claims).delete()
        Match.objects.bulk_create(rows)
        MatchedClaim.objects.bulk_create(
            [MatchedClaim(claim=claim, matched_at=now) for claim in claims],
            update_conflicts=True,
            unique_fields=["claim"],
            update_fields=["matched_at"],
        )
    return rows


def match_claim(claim: Claim) -> list[Match]:
    """Find and store one claim's matches."""
    return match_claims([claim])


def match_article(*, article_id: int) -> int:
    """Match every claim of an article that is not dismissed; returns how many claims."""
    claims = list(Claim.objects.filter(article_id=article_id).visible().select_related("article"))
    match_claims(claims)
    return len(claims)


def rematch_open_claims() -> int:
    """After the archive grew: match every open claim again, in chunks of REMATCH_CHUNK."""
    ids = list(Claim.objects.filter(status__in=OPEN).order_by("pk").values_list("pk", flat=True))
    done = 0
    for start in range(0, len(ids), REMATCH_CHUNK):
        chunk = list(Claim.objects.filter(pk__in=ids[start : start + REMATCH_CHUNK]).select_related("article"))
        match_claims(chunk)
        done += len(chunk)
    return done


def schedule_rematch() -> None:
    """Ask for rematch_open_claims after the commit (matching.tasks sends it); a broker outage only delays it."""
    signals.archive_grew.send(sender=FactCheck)
