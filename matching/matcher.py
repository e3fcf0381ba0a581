"""Has this been checked before? Candidate search in PostgreSQL, then the re-ranker. One code path for all callers."""

from __future__ import annotations

from collections.abc import Collection
from dataclasses import dataclass, field
from datetime import date

from matching import features, search
from matching.models import MatcherModel
from matching.ranking import RankerWeights, default_weights
from matching.text import clean_statement, signature_date

TOP = 5


@dataclass(frozen=True)
class Suggestion:
    """A previous fact check that may verify the statement, with its score and why it matched."""

    fact_check_id: int
    external_id: str
    claim: str
    title: str
    url: str
    rating: str
    publisher: str
    date: date | None
    score: float
    reasons: list[str] = field(default_factory=list)
    features: dict[str, float] = field(default_factory=dict)


def active_weights() -> RankerWeights:
    """The weights of the active matcher model, or the shipped ones."""
    active = MatcherModel.objects.filter(is_active=True).values_list("weights", flat=True).first()
    return RankerWeights.from_dict(active) if active else default_weights()


def rank(
    text: str,
    *,
    when: date | None = None,
    weights: RankerWeights,
    statistics: tuple[int, float] | None = None,
    exclude: Collection[int] = (),
) -> tuple[features.Statement | None, list[tuple[float, search.Candidate]]]:
    """Every candidate for `text`, scored and best first (ties by id, so rankings are reproducible)."""
    cleaned = clean_statement(text)
    if not cleaned:
        return None, []
    terms = search.query_terms(cleaned, statistics=statistics)
    statement = features.read_statement(cleaned, terms, when or signature_date(text))
    found = [c for c in search.candidates(cleaned, terms) if c.id not in exclude]
    features.candidate_features(statement, found)
    scored = sorted(((weights.score(c.features), c) for c in found), key=lambda pair: (-pair[0], pair[1].id))
    return statement, scored


def match_statement(
    text: str,
    *,
    when: date | None = None,
    limit: int = TOP,
    threshold: float | None = None,
    weights: RankerWeights | None = None,
    statistics: tuple[int, float] | None = None,
    exclude: Collection[int] = (),
) -> list[Suggestion]:
    """The best previous fact checks for a statement: at most `limit`, scoring at least the threshold.

    `threshold=0` returns the top `limit` whatever their score (batch evaluation).
    """
    weights = weights or active_weights()
    statement, scored = rank(text, when=when, weights=weights, statistics=statistics, exclude=exclude)
    return suggest(statement, scored, limit=limit, threshold=weights.threshold if threshold is None else threshold)


def suggest(
    statement: features.Statement | None,
    scored: list[tuple[float, search.Candidate]],
    *,
    limit: int = TOP,
    threshold: float,
) -> list[Suggestion]:
    """The ranked candidates worth showing, with the reasons they matched."""
    if statement is None:
        return []
    kept = [(score, candidate) for score, candidate in scored[:limit] if score >= threshold]
    words = search.surface_words(statement.text) if kept else {}
    return [
        Suggestion(
            fact_check_id=candidate.id,
            external_id=candidate.external_id,
            claim=candidate.claim,
            title=candidate.title,
            url=candidate.url,
            rating=candidate.rating,
            publisher=candidate.publisher,
            date=candidate.review_date or candidate.claim_date,
            score=round(score, 4),
            reasons=features.reasons(statement, candidate, words),
            features={name: round(value, 4) for name, value in candidate.features.items()},
        )
        for score, candidate in kept
    ]
