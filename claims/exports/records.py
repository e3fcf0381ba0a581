"""What an export covers (a scope) and the claim records every format is written from.

Records are read in chunks with ``.iterator(chunk_size=...)``; Django runs the prefetches once per
chunk, so an export costs a constant number of queries per chunk and flat memory at any size.
"""

from __future__ import annotations

import datetime
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Any

from django.conf import settings
from django.db.models import Prefetch, QuerySet
from django.http import QueryDict
from django.urls import reverse

from claims.filters import ClaimFilter
from claims.models import Article, Claim, Source, Verdict


class InvalidFilter(ValueError):
    """The query string does not describe a valid claims filter."""


@dataclass(frozen=True)
class Scope:
    """The claims an export covers and how it is described to readers."""

    title: str
    queryset: QuerySet[Claim]
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
    claim_filter = ClaimFilter(params)
    if not claim_filter.is_valid():
        raise InvalidFilter(claim_filter.errors.as_text())
    queryset = claim_filter.qs
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
    """Every claim of the scope as a record, read chunk by chunk with prefetches per chunk."""
    verdicts = Verdict.objects.select_related("rating", "author").order_by("-created_at", "-pk")
    if scope.published_only:
        verdicts = verdicts.published()
    queryset = scope.queryset.select_related("article").prefetch_related(
        Prefetch("verdicts", queryset=verdicts, to_attr="export_verdicts"),
        Prefetch(
            "sources",
            queryset=Source.objects.select_related("document").order_by("created_at", "pk"),
            to_attr="export_sources",
        ),
    )
    for claim in queryset.iterator(chunk_size=chunk_size or settings.EXPORT_CHUNK_SIZE):
        record = to_record(claim)
        if scope.published_only and record.verdict is None:
            continue
        yield record


def to_record(claim: Claim) -> ClaimRecord:
    latest: Verdict | None = claim.export_verdicts[0] if claim.export_verdicts else None  # type: ignore[attr-defined]
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
        verdict=None
        if latest is None
        else VerdictRecord(
            rating=latest.rating.label,
            rating_value=latest.rating.value,
            rating_colour=latest.rating.colour,
            rationale=latest.rationale,
            author=latest.author.display_name,
            approved_at=latest.approved_at,
            published_at=latest.published_at,
        ),
        sources=[
            SourceRecord(
                title=str(source.document),
                publisher=source.document.publisher,
                published_on=source.document.published_on,
                url=source.document.display_url,
                accessed_at=source.document.fetched_at,
                stance=source.stance,
                stance_label=source.get_stance_display(),
                excerpt=source.excerpt,
            )
            for source in claim.export_sources  # type: ignore[attr-defined]
        ],
    )
