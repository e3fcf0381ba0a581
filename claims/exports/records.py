"""What an export covers (a scope) and the claim records every format is written from.

Claims are read with ``.iterator(chunk_size=...)`` and their verdicts and sources once per chunk, so
an export costs a constant number of queries per chunk and flat memory at any size.
"""

from __future__ import annotations

import datetime
from collections.abc import Iterator
from dataclasses import dataclass, field
from itertools import batched
from typing import Any

from django.conf import settings
from django.http import QueryDict
from django.urls import reverse

from claims.article_page import workspace
from claims.exports.markdown import render_markdown
from claims.models import Article, Claim, ClaimQuerySet, Source, Verdict
from claims.review.listing import ClaimFilter


class InvalidFilter(ValueError):
    """The query string does not describe a valid claims filter."""


@dataclass(frozen=True)
class Scope:
    """The claims an export covers and how it is described to readers."""

    title: str
    queryset: ClaimQuerySet
    published_only: bool
    article: Article | None = None
    query: str = ""


def article_scope(article: Article, *, published_only: bool) -> Scope:
    """The article's non-dismissed claims in text order (published ones only when asked)."""
    queryset = Claim.objects.filter(article=article).visible().order_by("start", "pk")
    if published_only:
        queryset = queryset.published()
    return Scope(title=article.display_title, queryset=queryset, published_only=published_only, article=article)


def filtered_scope(params: QueryDict, *, published_only: bool) -> Scope:
    """The claims list's filter applied to a query string; dismissed claims only when asked for."""
    params = params.copy()
    for name in ("published", "page"):
        params.pop(name, None)
    claim_filter = ClaimFilter(params)  # type: ignore[no-untyped-call]
    if not claim_filter.is_valid():
        raise InvalidFilter(claim_filter.errors.as_text())
    queryset: ClaimQuerySet = claim_filter.qs
    if Claim.Status.DISMISSED not in params.getlist("status"):
        queryset = queryset.visible()
    if not queryset.query.order_by:
        queryset = queryset.order_by("article", "start", "pk")
    if published_only:
        queryset = queryset.published()
    return Scope(title="Claims", queryset=queryset, published_only=published_only, query=params.urlencode())


@dataclass(frozen=True)
class SourceRecord:
    title: str
    publisher: str
    published_on: datetime.date | None
    url: str
    accessed_at: datetime.datetime | None
    stance: str
    stance_label: str
    excerpt: str


@dataclass(frozen=True)
class VerdictRecord:
    rating: str
    rating_value: int | None
    rating_colour: str
    rationale: str
    rationale_html: str
    author: str
    approved_at: datetime.datetime | None
    published_at: datetime.datetime | None

    @property
    def state(self) -> str:
        if self.published_at:
            return "published"
        return "approved" if self.approved_at else "proposed"

    @property
    def state_label(self) -> str:
        return {
            "published": "Published",
            "approved": "Approved, not yet published",
            "proposed": "Proposed, awaiting approval",
        }[self.state]


@dataclass(frozen=True)
class ArticleRecord:
    pk: int
    title: str
    url: str
    publisher: str
    published_on: datetime.date | None
    public_token: str


@dataclass(frozen=True)
class ClaimRecord:
    pk: int
    public_token: str
    text: str
    quote: str
    claimant: str
    claimant_type: str
    claimed_on: datetime.date | None
    claim_type: str
    status: str
    status_label: str
    article: ArticleRecord
    verdict: VerdictRecord | None
    sources: list[SourceRecord] = field(default_factory=list)
    # The claim's number in its article, as the workbench shows it (workspace.claim_numbers).
    number: int | None = None

    @property
    def public_url(self) -> str:
        return public_claim_url(self.article.public_token, self.public_token)

    def as_json(self) -> dict[str, Any]:
        """The record as JSON-ready primitives (dates as ISO strings)."""
        verdict = self.verdict
        return {
            "id": self.pk,
            "text": self.text,
            "quote": self.quote,
            "claimant": self.claimant,
            "claimant_type": self.claimant_type,
            "claimed_on": _iso(self.claimed_on),
            "claim_type": self.claim_type,
            "status": self.status,
            "public_url": self.public_url if verdict and verdict.state == "published" else None,
            "article": {
                "id": self.article.pk,
                "title": self.article.title,
                "url": self.article.url,
                "publisher": self.article.publisher,
                "published_on": _iso(self.article.published_on),
            },
            "verdict": None
            if verdict is None
            else {
                "rating": verdict.rating,
                "rating_value": verdict.rating_value,
                "state": verdict.state,
                "rationale": verdict.rationale,
                "author": verdict.author,
                "approved_at": _iso(verdict.approved_at),
                "published_at": _iso(verdict.published_at),
            },
            "sources": [
                {
                    "title": source.title,
                    "publisher": source.publisher,
                    "published_on": _iso(source.published_on),
                    "url": source.url,
                    "accessed_at": _iso(source.accessed_at),
                    "stance": source.stance,
                    "excerpt": source.excerpt,
                }
                for source in self.sources
            ],
        }


def _iso(value: datetime.date | None) -> str | None:
    return value.isoformat() if value else None


def public_claim_url(article_token: str, claim_token: str) -> str:
    return settings.SITE_URL + reverse("claims:public-claim-report", args=[article_token, claim_token])


def public_article_url(article_token: str) -> str:
    return settings.SITE_URL + reverse("claims:public-article-report", args=[article_token])


def iter_records(scope: Scope, *, chunk_size: int | None = None) -> Iterator[ClaimRecord]:
    """Every claim of the scope as a record, read chunk by chunk: two queries per chunk, none per claim.

    Verdicts and sources are read as plain values rather than prefetched model instances: prefetching
    links each source back to its claim, and those reference cycles pile up until the garbage collector
    runs, so memory grew with the export's size instead of staying flat.
    """
    size = chunk_size or settings.EXPORT_CHUNK_SIZE
    claims = scope.queryset.select_related("article").iterator(chunk_size=size)
    numbers: dict[int, dict[int, int]] = {}
    for chunk in batched(claims, size):
        ids = [claim.pk for claim in chunk]
        verdicts = _latest_verdicts(ids, published_only=scope.published_only)
        sources: dict[int, list[SourceRecord]] = {}
        for row in (
            Source.objects.filter(claim_id__in=ids).order_by("claim_id", "created_at", "pk").values(*SOURCE_FIELDS)
        ):
            sources.setdefault(row["claim_id"], []).append(_source_record(row))
        # One query per chunk numbers the claims of the articles it reaches first.
        numbers |= workspace.claim_numbers_by_article({claim.article_id for claim in chunk} - numbers.keys())
        for claim in chunk:
            verdict = verdicts.get(claim.pk)
            if scope.published_only and verdict is None:
                continue
            number = numbers.get(claim.article_id, {}).get(claim.pk)
            yield _claim_record(claim, verdict, sources.get(claim.pk, []), number)


VERDICT_FIELDS = (
    "claim_id",
    "rating__label",
    "rating__value",
    "rating__colour",
    "rationale",
    "rationale_html",
    "author__username",
    "author__first_name",
    "author__last_name",
    "approved_at",
    "published_at",
)
SOURCE_FIELDS = (
    "claim_id",
    "stance",
    "excerpt",
    "document_id",
    "document__title",
    "document__url",
    "document__final_url",
    "document__filename",
    "document__publisher",
    "document__published_on",
    "document__fetched_at",
)
STANCE_LABELS = dict(Source.Stance.choices)


def _latest_verdicts(claim_ids: list[int], *, published_only: bool) -> dict[int, VerdictRecord]:
    """The current (latest) verdict of each claim, or its latest published one, in one DISTINCT ON query."""
    verdicts = Verdict.objects.filter(claim_id__in=claim_ids)
    if published_only:
        verdicts = verdicts.published()
    rows = verdicts.order_by("claim_id", "-created_at", "-pk").distinct("claim_id").values(*VERDICT_FIELDS)
    return {
        row["claim_id"]: VerdictRecord(
            rating=row["rating__label"],
            rating_value=row["rating__value"],
            rating_colour=row["rating__colour"],
            rationale=row["rationale"],
            # Verdicts saved through the model carry their HTML; rows inserted in bulk are rendered here.
            rationale_html=row["rationale_html"] or render_markdown(row["rationale"]),
            author=f"{row['author__first_name']} {row['author__last_name']}".strip() or row["author__username"],
            approved_at=row["approved_at"],
            published_at=row["published_at"],
        )
        for row in rows
    }


def _source_record(row: dict[str, Any]) -> SourceRecord:
    url = row["document__final_url"] or row["document__url"]
    return SourceRecord(
        title=row["document__title"] or url or row["document__filename"] or f"Document {row['document_id']}",
        publisher=row["document__publisher"],
        published_on=row["document__published_on"],
        url=url,
        accessed_at=row["document__fetched_at"],
        stance=row["stance"],
        stance_label=STANCE_LABELS.get(row["stance"], row["stance"]),
        excerpt=row["excerpt"],
    )


def _claim_record(
    claim: Claim, verdict: VerdictRecord | None, sources: list[SourceRecord], number: int | None
) -> ClaimRecord:
    article = claim.article
    return ClaimRecord(
        pk=claim.pk,
        public_token=claim.public_token,
        text=claim.text,
        quote=claim.quote,
        claimant=claim.claimant,
        claimant_type=claim.claimant_type,
        claimed_on=claim.claimed_on,
        claim_type=claim.get_claim_type_display(),
        status=claim.status,
        status_label=claim.get_status_display(),
        article=ArticleRecord(
            pk=article.pk,
            title=article.display_title,
            url=article.canonical_url or article.url,
            publisher=article.publisher,
            published_on=article.published_on,
            public_token=article.public_token,
        ),
        verdict=verdict,
        sources=sources,
        number=number,
    )
