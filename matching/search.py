"""Candidate search in PostgreSQL: full text over the GIN index, weighted by term rarity, and pg_trgm similarity.

The query's lexemes come from PostgreSQL's own English configuration, so the stemming of the
query and of the archive agree. Only the rarest lexemes select candidates, within a budget of
postings, which keeps one query fast on a million fact checks; every lexeme still counts in the
re-ranker. A lexeme the archive does not have (a typo, an unusual inflection: "vacines") is looked
up by pg_trgm similarity among the archive's own lexemes (a trigram GIN index over the Term table),
and the lexemes spelt like it ("vaccin") select candidates too.

Why not trigram similarity of whole claims (`claim % statement` over the claim's trigram index)?
On a million fact checks it took 0.3–0.9 s per statement (p50, thresholds 0.4–0.8): a statement
has a hundred trigrams, most of them common. The archive's lexicon has a few tens of thousands
of entries whatever its size, and a word has a handful of trigrams.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from django.db import connection, transaction

from matching.models import SEARCH_CONFIG, ArchiveStatistics
from matching.text import parse_tsvector

CANDIDATES = 100
# Postings the lexemes that select candidates may have together: bounds the rows one query ranks,
# whatever the archive's size.
POSTINGS_BUDGET = 3_000
SELECTING_LEXEMES = 16
# Spelt-alike lexemes: for each statement lexeme of at least FUZZY_MIN_LENGTH letters that the archive
# lacks, up to FUZZY_PER_LEXEME archive lexemes with a pg_trgm similarity of at least FUZZY_THRESHOLD.
FUZZY_MIN_LENGTH = 4
FUZZY_PER_LEXEME = 2
FUZZY_THRESHOLD = 0.5


@dataclass(frozen=True)
class QueryTerms:
    """A statement's lexemes with positions, and how many archive items contain each."""

    lexemes: dict[str, list[int]]
    documents: dict[str, int]
    archive_size: int
    average_length: float
    # Archive lexemes spelt like a statement lexeme the archive lacks: lexeme → (similarity, documents).
    spelt_alike: dict[str, tuple[float, int]] = field(default_factory=dict)

    def idf(self, lexeme: str) -> float:
        return self.idf_of_count(self.documents.get(lexeme, 0))

    def idf_of_count(self, documents: int) -> float:
        n = max(self.archive_size, 1)
        df = min(documents, n)
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
    unknown = [x for x, count in documents.items() if not count and len(x) >= FUZZY_MIN_LENGTH and x.isalpha()]
    return QueryTerms(
        lexemes=lexemes,
        documents=documents,
        archive_size=size,
        average_length=average or 10.0,
        spelt_alike=spelt_alike(unknown) if unknown else {},
    )


def spelt_alike(unknown: list[str]) -> dict[str, tuple[float, int]]:
    """Archive lexemes with a pg_trgm similarity of at least FUZZY_THRESHOLD to one of `unknown` (the best few each).

    The threshold is set for this transaction only (SET LOCAL); within a caller's transaction the
    previous value is put back.
    """
    outer = connection.in_atomic_block
    with transaction.atomic(), connection.cursor() as cursor:
        if outer:
            cursor.execute("SELECT current_setting('pg_trgm.similarity_threshold')")
            previous = cursor.fetchone()[0]
        cursor.execute("SET LOCAL pg_trgm.similarity_threshold = " + str(float(FUZZY_THRESHOLD)))
        cursor.execute(
            "SELECT t.word, t.similarity, t.documents FROM unnest(%s::text[]) AS q(lexeme) "
            "CROSS JOIN LATERAL (SELECT word, documents, similarity(word, q.lexeme) AS similarity "
            "FROM matching_term WHERE word %% q.lexeme ORDER BY 3 DESC, word LIMIT %s) AS t",
            [unknown, FUZZY_PER_LEXEME],
        )
        rows = cursor.fetchall()
        if outer:
            cursor.execute("SELECT set_config('pg_trgm.similarity_threshold', %s, true)", [previous])
    found: dict[str, tuple[float, int]] = {}
    for word, similarity, count in rows:
        if word not in found or found[word][0] < similarity:
            found[word] = (float(similarity), int(count))
    return found


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


def selection(terms: QueryTerms) -> dict[str, float]:
    """The lexemes that select candidates, each with its weight: the rarest exact ones by their rarity,
    then the spelt-alike ones within what is left of the postings budget, by rarity times similarity."""
    chosen = {lexeme: terms.idf(lexeme) for lexeme in selecting_lexemes(terms)}
    postings = sum(terms.documents[lexeme] for lexeme in chosen)
    for lexeme, (similarity, df) in sorted(terms.spelt_alike.items(), key=lambda item: (item[1][1], item[0])):
        if lexeme in chosen or (chosen and postings + df > POSTINGS_BUDGET) or len(chosen) >= SELECTING_LEXEMES:
            continue
        chosen[lexeme] = similarity * terms.idf_of_count(df)
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
    """Up to `limit` fact checks sharing the rarest words of `text`, or words spelt like them; best first.

    The GIN full-text index selects them (see `selection`); they are ordered by the summed weight
    of the selecting lexemes they have (a claim match counting double a headline match). pg_trgm
    similarity to the claim is computed for these rows only: a trigram scan of the whole archive
    cost 300 ms at 33,000 rows.
    """
    chosen = selection(terms)
    if not chosen:
        return []
    scores = []
    params: list[Any] = []
    for lexeme, weight in chosen.items():
        quoted = quote_lexeme(lexeme)
        weight = round(weight, 4)
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
