"""Candidate search in PostgreSQL: full text over the GIN index, weighted by term rarity, and pg_trgm similarity.

The query's lexemes come from PostgreSQL's own English configuration, so the stemming of the
query and of the archive agree. Only the rarest lexemes select candidates, within a budget of
postings, which keeps one query fast on a million fact checks; every lexeme still counts in the
re-ranker.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from django.db import connection

from matching.models import SEARCH_CONFIG, ArchiveStatistics
from matching.text import parse_tsvector

CANDIDATES = 100
# Postings the lexemes that select candidates may have together: bounds the rows one query ranks,
# whatever the archive's size.
POSTINGS_BUDGET = 3_000
SELECTING_LEXEMES = 16


@dataclass(frozen=True)
class QueryTerms:
    """A statement's lexemes with positions, and how many archive items contain each."""

    lexemes: dict[str, list[int]]
    documents: dict[str, int]
    archive_size: int
    average_length: float

    def idf(self, lexeme: str) -> float:
        n = max(self.archive_size, 1)
        df = min(self.documents.get(lexeme, 0), n)
        return math.log(1 + (n - df + 0.5) / (df + 0.5))


@dataclass
class Candidate:
    id: int
    claim: str
    title: str
    url: str
    external_id: str
    rating: str
    publisher: str
    claim_date: date | None
    review_date: date | None
    lexemes: dict[str, list[tuple[int, str]]]
    trigram: float
    first_stage: float
    first_stage_rank: int = 0
    features: dict[str, float] = field(default_factory=dict)


def archive_statistics() -> tuple[int, float]:
    stats = ArchiveStatistics.objects.filter(singleton=True).values_list("documents", "average_length").first()
    return (stats[0], stats[1]) if stats else (0, 0.0)


def query_terms(text: str, *, statistics: tuple[int, float] | None = None) -> QueryTerms:
    """Lexemes of `text` as the archive's search index would store them, with their document counts."""
    size, average = statistics if statistics is not None else archive_statistics()
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT u.lexeme, u.positions, COALESCE(t.documents, 0) "
            "FROM unnest(to_tsvector(%s::regconfig, %s)) AS u "
            "LEFT JOIN matching_term t ON t.word = u.lexeme",
            [SEARCH_CONFIG, text],
        )
        rows = cursor.fetchall()
    lexemes = {lexeme: list(positions or []) for lexeme, positions, _ in rows}
    documents = {lexeme: int(count) for lexeme, _, count in rows}
    return QueryTerms(lexemes=lexemes, documents=documents, archive_size=size, average_length=average or 10.0)


def surface_words(text: str) -> dict[str, str]:
    """Each lexeme of `text` with the first word that produced it ("polici" → "policies"), for reasons."""
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT d.token, l.lexeme FROM ts_debug(%s::regconfig, %s) WITH ORDINALITY "
            "AS d(alias, description, token, dictionaries, dictionary, lexemes, n) "
            "CROSS JOIN LATERAL unnest(d.lexemes) AS l(lexeme) ORDER BY d.n",
            [SEARCH_CONFIG, text],
        )
        words: dict[str, str] = {}
        for token, lexeme in cursor.fetchall():
            words.setdefault(lexeme, token)
    return words


def quote_lexeme(lexeme: str) -> str:
    return "'" + lexeme.replace("\\", "\\\\").replace("'", "''") + "'"


def selecting_lexemes(terms: QueryTerms) -> list[str]:
    """The rarest lexemes the archive has, within the postings budget (at least one), rarest first."""
    present = sorted((df, lexeme) for lexeme, df in terms.documents.items() if df > 0)
    chosen: list[str] = []
    postings = 0
    for df, lexeme in present:
        if chosen and (postings + df > POSTINGS_BUDGET or len(chosen) >= SELECTING_LEXEMES):
            break
        chosen.append(lexeme)
        postings += df
    return chosen


# The newsroom's own verdicts on deleted articles are not suggested; hashed once per query, and small
# (the article_deleted index finds the few deleted articles).
DELETED_VERDICTS = (
    "SELECT v.id FROM claims_verdict v JOIN claims_claim c ON c.id = v.claim_id "
    "JOIN claims_article a ON a.id = c.article_id WHERE a.deleted_at IS NOT NULL"
)
COLUMNS = "f.id, f.claim, f.title, f.url, f.external_id, f.rating, f.publisher, f.claim_date, f.review_date"


def candidates(text: str, terms: QueryTerms, *, limit: int = CANDIDATES) -> list[Candidate]:
    """Up to `limit` fact checks sharing the rarest words of `text`, best first.

    The GIN full-text index selects them; they are ordered by the summed rarity of the shared
    lexemes (a claim match counting double a headline match). pg_trgm similarity to the claim
    is computed for these rows only: a trigram scan of the whole archive cost 300 ms at 33,000 rows.
    """
    chosen = selecting_lexemes(terms)
    if not chosen:
        return []
    scores = []
    params: list[Any] = []
    for lexeme in chosen:
        quoted = quote_lexeme(lexeme)
        weight = round(terms.idf(lexeme), 4)
        scores.append(
            f"CASE WHEN search @@ %s::tsquery THEN {weight}::float8 "
            f"WHEN search @@ %s::tsquery THEN {weight / 2}::float8 ELSE 0::float8 END"
        )
        params += [f"{quoted}:A", quoted]
    sql = (
        f"SELECT {COLUMNS}, f.search::text, similarity(f.claim, %s), c.lexical FROM ("
        f"SELECT id, ({' + '.join(scores)}) AS lexical FROM matching_factcheck "
        "WHERE search @@ %s::tsquery AND (verdict_id IS NULL OR verdict_id NOT IN (" + DELETED_VERDICTS + ")) "
        "ORDER BY lexical DESC, id LIMIT %s"
        ") c JOIN matching_factcheck f ON f.id = c.id ORDER BY c.lexical DESC, f.id"
    )
    params = [text, *params, " | ".join(quote_lexeme(lexeme) for lexeme in chosen), limit]
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        rows = cursor.fetchall()
    return [
        Candidate(
            id=row[0],
            claim=row[1],
            title=row[2] or "",
            url=row[3] or "",
            external_id=row[4] or "",
            rating=row[5] or "",
            publisher=row[6] or "",
            claim_date=row[7],
            review_date=row[8],
            lexemes=parse_tsvector(row[9] or ""),
            trigram=float(row[10] or 0.0),
            first_stage=float(row[11] or 0.0),
            first_stage_rank=rank,
        )
        for rank, row in enumerate(rows)
    ]
