"""The verdict summary that opens a report: a sentence and a small server-side SVG bar chart."""

from __future__ import annotations

from dataclasses import dataclass

from django.db.models import Count
from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe

from claims.exports.records import Scope
from claims.models import Claim, Rating


@dataclass(frozen=True)
class RatingCount:
    label: str
    colour: str
    count: int


@dataclass(frozen=True)
class Summary:
    checked: int
    pending: int
    ratings: list[RatingCount]

    @property
    def sentence(self) -> str:
        """'15 claims checked: 2 false, 1 misleading, 9 accurate, 3 unverifiable'."""
        noun = "claim" if self.checked == 1 else "claims"
        text = f"{self.checked} {noun} checked"
        if self.ratings:
            text += ": " + ", ".join(f"{row.count} {row.label.lower()}" for row in self.ratings)
        if self.pending:
            text += f" ({self.pending} awaiting a verdict)"
        return text

    @property
    def chart(self) -> SafeString:
        return bar_chart(self.ratings)


def summarise(scope: Scope) -> Summary:
    """Count the scope's claims by their current rating in one query (plus one for the scale)."""
    ids = scope.queryset.values("pk")
    counts = dict(
        Claim.objects.filter(pk__in=ids)
        .with_current_verdict()
        .order_by()
        .values_list("current_rating_id")  # type: ignore[misc]
        .annotate(n=Count("pk"))
        .values_list("current_rating_id", "n")
    )
    pending = counts.pop(None, 0)
    ratings = [
        RatingCount(label=rating.label, colour=rating.colour, count=counts[rating.pk])
        for rating in Rating.objects.filter(pk__in=counts.keys())
    ]
    return Summary(checked=sum(counts.values()), pending=0 if scope.published_only else pending, ratings=ratings)


BAR_HEIGHT = 22
GAP = 8
LABEL_WIDTH = 150
BAR_WIDTH = 300


def bar_chart(rows: list[RatingCount]) -> SafeString:
    """A horizontal bar chart as inline SVG: presentation attributes only, so a strict CSP allows it."""
    if not rows:
        return mark_safe("")
    top = max(row.count for row in rows) or 1
    height = len(rows) * (BAR_HEIGHT + GAP)
    width = LABEL_WIDTH + BAR_WIDTH + 50
    parts = [
        f'<svg class="summary-chart" xmlns="http://www.w3.org/2000/svg" role="img" width="{width}" height="{height}" '
        f'viewBox="0 0 {width} {height}" aria-label="{escape(_describe(rows))}">'
    ]
    for index, row in enumerate(rows):
        y = index * (BAR_HEIGHT + GAP)
        bar = max(2, round(BAR_WIDTH * row.count / top))
        middle = y + BAR_HEIGHT / 2 + 5
        parts.append(
            f'<text x="{LABEL_WIDTH - 8}" y="{middle}" text-anchor="end" font-size="13" fill="#1f2328">'
            f"{escape(row.label)}</text>"
            f'<rect x="{LABEL_WIDTH}" y="{y}" width="{bar}" height="{BAR_HEIGHT}" rx="3" fill="{escape(row.colour)}"/>'
            f'<text x="{LABEL_WIDTH + bar + 6}" y="{middle}" font-size="13" fill="#1f2328">{row.count}</text>'
        )
    parts.append("</svg>")
    return mark_safe("".join(parts))  # noqa: S308 - every text and attribute value is escaped above


def _describe(rows: list[RatingCount]) -> str:
    return "Verdicts: " + ", ".join(f"{row.label} {row.count}" for row in rows)
