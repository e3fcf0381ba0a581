"""What the article page shows: which claims it highlights, the window of the claim list, and the
cached highlighted text. The cost of a page follows what it shows, not the size of the article."""

from __future__ import annotations

import hashlib
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from typing import Any

from django.core.cache import cache
from django.db.models import Count, Q
from django.http import QueryDict
from django.utils.http import urlencode

from claims.article_page.rendering import Highlight, highlighted_html, segments
from claims.models import Article, Claim, ClaimQuerySet, Rating, claims_revision_of

# Rows per window of the claim list; a refresh re-renders at most MAX_WINDOW_PAGES windows.
PAGE_SIZE = 50
MAX_WINDOW_PAGES = 8
# Cached highlights are keyed on the article's claims revision, so a stale entry is never read; the
# timeout only lets entries of articles nobody opens any more leave the cache.
TEXT_CACHE_SECONDS = 24 * 3600
# Bump when the markup of the cached text changes.
TEXT_MARKUP_VERSION = 2

BUCKETS = {str(value): str(label) for value, label in Claim.Bucket.choices}
STATUSES = {str(value): str(label) for value, label in Claim.Status.choices}
TYPES = {str(value): str(label) for value, label in Claim.Type.choices}


@dataclass(frozen=True)
class View:
    """The page's view state, kept in the query string so deep links and the back button keep it."""

    every_candidate: bool = False
    bucket: str = ""
    page: int = 1

    @classmethod
    def from_query(cls, query: QueryDict) -> View:
        bucket = query.get("bucket", "")
        try:
            page = max(1, int(query.get("page", "1")))
        except ValueError:
            page = 1
        return cls(every_candidate=query.get("show") == "all", bucket=bucket if bucket in BUCKETS else "", page=page)

    def query(self, **changes: Any) -> str:
        """The query string of this view (the page only when given), with ``changes`` applied."""
        params = {"show": "all" if self.every_candidate else "", "bucket": self.bucket} | changes
        return urlencode({key: value for key, value in params.items() if value})

    def highlighted(self, article: Article) -> ClaimQuerySet:
        return Claim.objects.filter(article=article).highlighted(every_candidate=self.every_candidate)

    def lists(self, claim: Claim) -> bool:
        """Whether the list of this view holds ``claim`` (the Python twin of ``listed``)."""
        if claim.status == Claim.Status.DISMISSED or (self.bucket and claim.bucket != self.bucket):
            return False
        return self.every_candidate or claim.has_work or claim.bucket != Claim.Bucket.NOT_WORTH_CHECKING

    def listed(self, article: Article) -> ClaimQuerySet:
        claims = self.highlighted(article)
        return claims.filter(bucket=self.bucket) if self.bucket else claims


@dataclass
class Counts:
    """How many claims an article has, by bucket: all of them, and those editors kept."""

    by_bucket: dict[str, int] = field(default_factory=dict)
    kept_by_bucket: dict[str, int] = field(default_factory=dict)
    dismissed: int = 0

    @property
    def total(self) -> int:
        return sum(self.by_bucket.values())

    @property
    def hidden(self) -> int:
        """Candidates the default view leaves out: not worth checking and untouched."""
        bucket = Claim.Bucket.NOT_WORTH_CHECKING
        return self.by_bucket.get(bucket, 0) - self.kept_by_bucket.get(bucket, 0)

    def shown(self, view: View) -> dict[str, int]:
        """Claims per bucket in the highlights of this view."""
        if view.every_candidate:
            return dict(self.by_bucket)
        return {
            bucket: self.kept_by_bucket.get(bucket, 0) if bucket == Claim.Bucket.NOT_WORTH_CHECKING else count
            for bucket, count in self.by_bucket.items()
        }


def count_claims(article: Article) -> Counts:
    """One grouped query: claims per bucket, kept ones per bucket, and dismissed ones."""
    visible = ~Q(status=Claim.Status.DISMISSED)
    rows = (
        Claim.objects.filter(article=article)
        .values("bucket")
        .annotate(
            total=Count("pk", filter=visible),
            kept=Count("pk", filter=visible & Claim.KEPT),
            dismissed=Count("pk", filter=~visible),
        )
        .order_by()
    )
    counts = Counts()
    for row in rows:
        counts.by_bucket[row["bucket"]] = row["total"]
        counts.kept_by_bucket[row["bucket"]] = row["kept"]
        counts.dismissed += row["dismissed"]
    return counts


def _ratings_key(ratings: Iterable[Rating]) -> str:
    # Labels and slugs are in the markup: an edited rating scale makes a new key, no invalidation needed.
    signature = "|".join(f"{rating.pk}:{rating.slug}:{rating.label}" for rating in ratings)
    return hashlib.blake2b(signature.encode(), digest_size=8).hexdigest()


def _cache_key(kind: str, article: Article, *parts: str) -> str:
    # The claims revision is counted by database triggers on claims and verdicts and read with the
    # article, before the claims: an entry is never older than its key. The article's random token
    # keeps a database that was recreated (its ids and revisions counted again) off older entries.
    revision = str(claims_revision_of(article))
    return ":".join((kind, str(TEXT_MARKUP_VERSION), str(article.pk), article.public_token, revision, *parts))


def claim_counts(article: Article) -> Counts:
    """The article's claim counts, from the cache while its claims are unchanged."""
    key = _cache_key("claim-counts", article)
    counts = cache.get(key)
    if counts is None:
        counts = count_claims(article)
        cache.set(key, counts, TEXT_CACHE_SECONDS)
    return counts  # type: ignore[no-any-return]


def number_claims(rows: Iterable[tuple[int, int | None]]) -> dict[int, int]:
    """Claim numbers from ``(pk, start)`` pairs of an article's visible claims: 1 to N in text order.

    The order is the exports' (start, then pk; claims without a place in the text last), so a claim has
    the same number in the panel, the highlights, the list and every export.
    """
    ordered = sorted(rows, key=lambda row: (row[1] is None, row[1] or 0, row[0]))
    return {pk: number for number, (pk, _) in enumerate(ordered, start=1)}


def claim_numbers(article: Article) -> dict[int, int]:
    """Each visible claim's number in ``article`` (dismissed claims have none): one query of two columns."""
    return claim_numbers_by_article([article.pk]).get(article.pk, {})


def claim_numbers_by_article(article_ids: Iterable[int]) -> dict[int, dict[int, int]]:
    """``claim_numbers`` of several articles in one query (an export's chunk spans many)."""
    spans: dict[int, list[tuple[int, int | None]]] = {}
    rows = Claim.objects.filter(article_id__in=list(article_ids)).visible().order_by()
    for article_id, pk, start in rows.values_list("article_id", "pk", "start"):
        spans.setdefault(article_id, []).append((pk, start))
    return {article_id: number_claims(pairs) for article_id, pairs in spans.items()}


def highlighted_text(article: Article, view: View, ratings: Mapping[int, Rating]) -> tuple[str, Counts]:
    """The article's text with the view's claims highlighted, and its counts, from the cache while
    nothing changed; otherwise from one query over the article's claims (a few columns each)."""
    key = _cache_key(
        "article-text", article, "all" if view.every_candidate else "default", _ratings_key(ratings.values())
    )
    html = cache.get(key)
    if html is not None:
        return html, claim_counts(article)
    rows = list(
        Claim.objects.filter(article=article)
        .with_current_rating()
        .order_by()
        .values_list("pk", "start", "end", "status", "bucket", "origin", "edited", "current_rating_id")  # type: ignore[misc]
    )
    counts = Counts()
    shown = []
    numbers = number_claims((pk, start) for pk, start, _, status, *_ in rows if status != Claim.Status.DISMISSED)
    for pk, start, end, status, bucket, origin, edited, rating_id in rows:
        if status == Claim.Status.DISMISSED:
            counts.dismissed += 1
            continue
        # Claim.has_work and View.lists, on plain values.
        kept = edited or origin != Claim.Origin.DETECTED or status != Claim.Status.NEW
        counts.by_bucket[bucket] = counts.by_bucket.get(bucket, 0) + 1
        if kept:
            counts.kept_by_bucket[bucket] = counts.kept_by_bucket.get(bucket, 0) + 1
        if view.every_candidate or kept or bucket != Claim.Bucket.NOT_WORTH_CHECKING:
            shown.append(Highlight(pk, numbers[pk], start, end, status, bucket, kept, ratings.get(rating_id)))
    html = str(highlighted_html(segments(article.body, shown)))
    cache.set_many({key: html, _cache_key("claim-counts", article): counts}, TEXT_CACHE_SECONDS)
    return html, counts


def page_of(article: Article, view: View, claim: Claim) -> int:
    """The list window that holds ``claim`` in this view, so a deep link shows its row; 1 if not listed."""
    if not view.lists(claim):
        return 1
    listed = view.listed(article)
    if claim.start is None:
        before = listed.filter(Q(start__isnull=False) | Q(start__isnull=True, pk__lt=claim.pk)).count()
    else:
        before = listed.filter(Q(start__lt=claim.start) | Q(start=claim.start, pk__lt=claim.pk)).count()
    return before // PAGE_SIZE + 1


ROW_FIELDS = (
    "pk", "article_id", "text", "start", "status", "claim_type", "bucket", "checkworthiness",
    "assignee__username", "assignee__first_name", "assignee__last_name",
)  # fmt: skip


@dataclass
class Window:
    """Rows of the claim list from page ``first`` to page ``last``, and whether more lie beyond."""

    rows: list[Claim]
    first: int
    last: int
    has_more: bool


def list_window(article: Article, view: View, ratings: Mapping[int, Rating], *, last: int | None = None) -> Window:
    first = view.page
    last = max(first, min(last or first, first + MAX_WINDOW_PAGES - 1))
    offset, limit = (first - 1) * PAGE_SIZE, (last - first + 1) * PAGE_SIZE
    rows = list(
        view.listed(article)
        .select_related("assignee")
        # What a row shows; a detected claim's features and reasons are the bulk of its row.
        .only(*ROW_FIELDS)
        .with_current_rating()
        .order_by("start", "pk")[offset : offset + limit + 1]
    )
    has_more = len(rows) > limit
    rows = rows[:limit]
    for claim in rows:
        claim.rating = ratings.get(claim.current_rating_id)  # type: ignore[attr-defined]
    return Window(rows=rows, first=first, last=last, has_more=has_more)
