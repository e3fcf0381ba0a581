"""Readable features of a (statement, fact check) pair for the re-ranker, and the reasons shown to reviewers."""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date

from matching import text as statement_text
from matching.search import Candidate, QueryTerms

K1 = 1.2
B = 0.75

FEATURE_NAMES = (
    "bm25",
    "bm25_best",
    "bm25_title",
    "query_coverage",
    "fact_coverage",
    "shared_pairs",
    "trigram",
    "numbers_shared",
    "numbers_conflict",
    "names_shared",
    "names_missing",
    "negation_mismatch",
    "date_distance",
    "first_stage_rank",
    "topic_only",
    "spelt_alike",
)


@dataclass(frozen=True)
class Statement:
    """What the features need to know of the statement being matched."""

    text: str
    terms: QueryTerms
    numbers: frozenset[str]
    names: frozenset[str]
    words: frozenset[str]
    negated: bool
    when: date | None
    pairs: frozenset[tuple[str, str]]


def read_statement(text: str, terms: QueryTerms, when: date | None = None) -> Statement:
    return Statement(
        text=text,
        terms=terms,
        numbers=statement_text.numbers(text),
        names=statement_text.names(text),
        words=statement_text.words(text),
        negated=statement_text.has_negation(text),
        when=when,
        pairs=adjacent_pairs({lexeme: [(p, "A") for p in positions] for lexeme, positions in terms.lexemes.items()}),
    )


def adjacent_pairs(lexemes: dict[str, list[tuple[int, str]]], weight: str | None = None) -> frozenset[tuple[str, str]]:
    """Pairs of lexemes standing next to each other (stop words skipped), order ignored."""
    by_position = sorted(
        (position, lexeme)
        for lexeme, entries in lexemes.items()
        for position, w in entries
        if weight is None or w == weight
    )
    return frozenset(
        tuple(sorted((a, b)))  # type: ignore[misc]
        for (pa, a), (pb, b) in zip(by_position, by_position[1:], strict=False)
        if pb - pa <= 2 and a != b
    )


def shared_names(statement: Statement, fact_text: str) -> frozenset[str]:
    """Names in both texts: a word capitalised as a name in either, and present in the other."""
    fact_names = statement_text.names(fact_text)
    fact_words = statement_text.words(fact_text)
    return frozenset(name for name in statement.names | fact_names if name in statement.words and name in fact_words)


def _bm25(idf: dict[str, float], counts: dict[str, float], length: float, average: float) -> float:
    score = 0.0
    norm = K1 * (1 - B + B * length / max(average, 1.0))
    for lexeme, weight in idf.items():
        tf = counts.get(lexeme, 0)
        if tf:
            score += weight * tf * (K1 + 1) / (tf + norm)
    return score


def candidate_features(statement: Statement, candidates: Sequence[Candidate]) -> None:
    """Fill each candidate's `features` (names as in FEATURE_NAMES), in place."""
    terms = statement.terms
    # The statement's lexemes' weights; a fact check's lexeme the statement lacks weighs as a lexeme
    # no fact check has (as terms.idf says of it).
    idf = {lexeme: terms.idf(lexeme) for lexeme in terms.lexemes}
    other_idf = terms.idf_of_count(0)
    spelt_alike = {
        lexeme: similarity * terms.idf_of_count(df) for lexeme, (similarity, df) in terms.spelt_alike.items()
    }
    query_idf = sum(idf.values()) or 1.0
    average = terms.average_length
    scores = []
    for candidate in candidates:
        claim_counts: dict[str, float] = {}
        title_counts: dict[str, float] = {}
        for lexeme, entries in candidate.lexemes.items():
            in_claim = sum(1 for _, w in entries if w == "A")
            in_title = sum(1 for _, w in entries if w == "B")
            if in_claim:
                claim_counts[lexeme] = in_claim
            if in_title:
                title_counts[lexeme] = in_title
        claim_length = sum(claim_counts.values())
        title_length = sum(title_counts.values())
        bm25 = _bm25(idf, claim_counts, claim_length, average)
        bm25_title = _bm25(idf, title_counts, title_length, average)
        scores.append(bm25)
        shared_idf = sum(weight for lexeme, weight in idf.items() if lexeme in candidate.lexemes)
        claim_shared = [idf[lexeme] for lexeme in claim_counts if lexeme in idf]
        claim_other = len(claim_counts) - len(claim_shared)
        fact_text = candidate.claim + " " + candidate.title
        numbers = statement_text.numbers(fact_text)
        names = shared_names(statement, fact_text)
        shared_numbers = statement.numbers & numbers
        fact_date = candidate.claim_date or candidate.review_date
        distance = abs((statement.when - fact_date).days) / 365.0 if statement.when and fact_date else 0.0
        candidate.features = {
            "bm25": bm25 / 10,
            "bm25_title": bm25_title / 10,
            "query_coverage": shared_idf / query_idf,
            "fact_coverage": sum(claim_shared) / ((sum(claim_shared) + claim_other * other_idf) or 1.0),
            "shared_pairs": min(len(statement.pairs & adjacent_pairs(candidate.lexemes)), 5) / 5,
            "trigram": candidate.trigram,
            "numbers_shared": min(len(shared_numbers), 3) / 3,
            "numbers_conflict": float(bool(statement.numbers and numbers and not shared_numbers)),
            "names_shared": min(len(names), 3) / 3,
            "names_missing": len(statement.names - names) / len(statement.names) if statement.names else 0.0,
            "negation_mismatch": float(statement.negated != statement_text.has_negation(candidate.claim)),
            "date_distance": min(distance, 10.0) / 10,
            "first_stage_rank": math.log1p(candidate.first_stage_rank) / math.log(101),
            "topic_only": float(len(claim_counts) <= 2),
            "spelt_alike": sum(weight for lexeme, weight in spelt_alike.items() if lexeme in candidate.lexemes)
            / query_idf,
        }
    best = max(scores, default=0.0) or 1.0
    for candidate, score in zip(candidates, scores, strict=True):
        candidate.features["bm25_best"] = score / best


def reasons(statement: Statement, candidate: Candidate, words: dict[str, str], limit: int = 8) -> list[str]:
    """Why it matched, in words a reviewer checks at a glance: shared numbers, names and rare words."""
    found: list[str] = []
    numbers = statement.numbers & statement_text.numbers(candidate.claim + " " + candidate.title)
    found += [f"number {number}" for number in sorted(numbers)]
    names = shared_names(statement, candidate.claim + " " + candidate.title)
    found += [f"name {name.title()}" for name in sorted(names)]
    terms = statement.terms
    shared = sorted((lexeme for lexeme in terms.lexemes if lexeme in candidate.lexemes), key=lambda x: -terms.idf(x))
    covered = {word for reason in found for word in reason.split(" ", 1)[1].lower().split()}
    for lexeme in shared:
        word = words.get(lexeme, lexeme)
        if word.lower() not in covered and lexeme not in covered:
            found.append(f"word “{word}”")
            covered.add(word.lower())
    if candidate.features.get("negation_mismatch"):
        found.append("one of them is negated")
    return found[:limit]
