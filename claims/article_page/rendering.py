"""Presentation helpers for the review workspace: highlighted article text and safe Markdown."""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from functools import cache
from html import escape

import nh3
from django.template.loader import get_template
from django.utils.safestring import SafeString, mark_safe
from markdown_it import MarkdownIt

from claims.models import Claim, Rating

# What a rationale may contain once rendered: text formatting, lists, quotes, links and tables.
ALLOWED_TAGS = {
    "p", "br", "strong", "em", "code", "pre", "blockquote", "ul", "ol", "li", "a", "h3", "h4", "hr",
    "table", "thead", "tbody", "tr", "th", "td",
}  # fmt: skip
ALLOWED_ATTRIBUTES = {"a": {"href", "title"}}
ALLOWED_URL_SCHEMES = {"http", "https", "mailto"}
HEX_COLOUR = re.compile(r"#[0-9a-fA-F]{6}")


@dataclass(slots=True)
class Highlight:
    """What the highlighted text needs of a claim: read as plain values, since building thousands
    of model instances was most of the cost of the text."""

    pk: int
    number: int
    start: int | None
    end: int | None
    status: str
    bucket: str
    has_work: bool
    rating: Rating | None = None


@dataclass
class Segment:
    """A run of article text covered by the same set of claims (none for plain text)."""

    start: int
    text: str
    claims: list[Highlight] = field(default_factory=list)
    ends: list[int] = field(default_factory=list)

    @property
    def claim(self) -> Highlight | None:
        """The innermost claim, which a click on the run opens."""
        return self.claims[0] if self.claims else None

    @property
    def claim_ids(self) -> str:
        return " ".join(str(claim.pk) for claim in self.claims)


def segments(body: str, claims: Sequence[Highlight]) -> list[Segment]:
    """Cut the body at every claim boundary so overlapping spans render as flat, escapable runs.

    Each run keeps its offset, so the browser can map a selection back to ``article.body``.
    A sweep over the sorted spans keeps this near-linear for thousands of claims.
    """
    spans: list[tuple[int, int, Highlight]] = sorted(
        (
            (c.start, c.end, c)
            for c in claims
            if c.start is not None and c.end is not None and 0 <= c.start < c.end <= len(body)
        ),
        key=lambda span: (span[0], span[2].pk),
    )
    cuts = sorted({0, len(body), *(start for start, _, _ in spans), *(end for _, end, _ in spans)})
    result: list[Segment] = []
    active: list[tuple[int, int, Highlight]] = []
    index = 0
    for left, right in zip(cuts, cuts[1:], strict=False):
        active = [span for span in active if span[1] > left]
        while index < len(spans) and spans[index][0] <= left:
            if spans[index][1] > left:
                active.append(spans[index])
            index += 1
        covering = sorted(active, key=lambda span: (span[1] - span[0], span[2].pk))
        ends = [claim.pk for _, end, claim in covering if end == right]
        result.append(Segment(start=left, text=body[left:right], claims=[claim for _, _, claim in covering], ends=ends))
    return result


# How strongly a claim is highlighted: editors' claims and worth-checking ones fully, may-be ones
# with a dotted underline, the rest (shown only on request) with a faint dashed one.
FULL, SUBTLE, FAINT = 2, 1, 0
EMPHASIS_CLASSES = {FULL: "seg", SUBTLE: "seg maybe", FAINT: "seg faint"}


def emphasis(claim: Highlight) -> int:
    if claim.has_work or claim.bucket == Claim.Bucket.WORTH_CHECKING:
        return FULL
    return SUBTLE if claim.bucket == Claim.Bucket.MAY_BE_WORTH_CHECKING else FAINT


def highlighted_html(runs: list[Segment]) -> SafeString:
    """The article body as runs of escaped text: <mark> for claimed runs, <span> for the rest.

    Built in Python rather than a template loop: a 3,000-claim article renders in a fraction of
    the time. Every run carries data-start so the browser can map a selection to offsets. A run
    covered by several claims opens the innermost and is as strong as the strongest.
    """
    statuses = dict(Claim.Status.choices)
    parts = []
    for run in runs:
        text = escape(run.text, quote=False)
        claim = run.claim
        if claim is None:
            parts.append(f'<span data-start="{run.start}">{text}</span>')
            continue
        rating = claim.rating
        classes = EMPHASIS_CLASSES[max(emphasis(covering) for covering in run.claims)]
        title = f"Claim {claim.number}: {statuses.get(claim.status, claim.status)}"
        if rating is not None:
            title += f", {rating.label}"
        extra = ""
        if len(run.claims) > 1:
            classes += " overlap"
            title += f" ({len(run.claims)} claims overlap here)"
            extra = f' data-claims="{run.claim_ids}"'
        if run.ends:
            classes += " claim-end"
        if rating is not None:
            extra += f' data-rating="{escape(rating.slug)}"'
        parts.append(
            f'<mark class="{classes}" data-start="{run.start}" data-claim="{claim.pk}"{extra} '
            f'data-status="{escape(claim.status)}" title="{escape(title)}">{text}</mark>'
        )
    # Each piece above is escaped; the markup around it is ours.
    return mark_safe("".join(parts))  # noqa: S308


@cache
def _markdown() -> MarkdownIt:
    # Raw HTML in the source is not passed through; nh3 cleans whatever the renderer makes.
    return MarkdownIt("commonmark", {"html": False, "linkify": False}).enable("table")


def render_markdown(text: str) -> str:
    """Markdown → HTML that is safe to mark safe: a narrow allow-list, links made rel=noopener."""
    html = _markdown().render(text or "")
    return nh3.clean(
        html,
        tags=ALLOWED_TAGS,
        attributes=ALLOWED_ATTRIBUTES,
        url_schemes=ALLOWED_URL_SCHEMES,
        link_rel="noopener noreferrer nofollow",
    )


def ratings_css(ratings: Iterable[Rating]) -> str:
    """One rule per rating so highlights and chips take the scale's colours without inline styles."""
    rules = []
    for rating in ratings:
        if not HEX_COLOUR.fullmatch(rating.colour) or not re.fullmatch(r"[-a-zA-Z0-9_]+", rating.slug):
            continue
        colour, slug = rating.colour, rating.slug
        rules.append(
            f'.colour-verdict .seg[data-rating="{slug}"] {{ background: {colour}33; border-bottom-color: {colour}; }}\n'
            f'.rating-chip[data-rating="{slug}"], .legend-swatch[data-rating="{slug}"] '
            f"{{ background: {colour}; color: #fff; border-color: {colour}; }}\n"
        )
    return "".join(rules)


def claim_rows_html(
    rows: Sequence[Claim],
    *,
    url_template: str,
    query: str,
    can_triage: bool,
    current: int | None,
    numbers: Mapping[int, int],
) -> SafeString:
    """The claim list's rows, built in Python: a template per row was most of the page's cost.

    ``url_template`` is a claim URL with ``{pk}`` for the claim; links keep the view's ``query``.
    The link's htmx attributes (target, swap, push-url) are inherited from the list. Status badges
    and rating chips are the shared components' partials, rendered once per distinct value.
    """
    statuses = dict(Claim.Status.choices)
    badge_template = get_template("components.html#status-badge")
    chip_template = get_template("components.html#rating-chip")
    badges: dict[str, str] = {}
    chips: dict[tuple[str, str], str] = {}
    types = dict(Claim.Type.choices)
    buckets = dict(Claim.Bucket.choices)
    suffix = f"?{escape(query)}" if query else ""
    parts = []
    for claim in rows:
        number = numbers.get(claim.pk, "")
        url = url_template.format(pk=claim.pk) + suffix
        current_class = " is-current" if claim.pk == current else ""
        checkbox = (
            f'<input type="checkbox" name="claims" value="{claim.pk}" form="bulk-form" aria-label="Select claim {number}">'
            if can_triage
            else ""
        )
        assignee = (
            f"<span>→ {escape(claim.assignee.display_name)}</span>"
            if claim.assignee
            else '<span class="muted">Unassigned</span>'
        )
        if claim.status not in badges:
            label = statuses.get(claim.status, claim.status)
            badges[claim.status] = badge_template.render({"status": claim.status, "label": label, "glyph": True})
        rating = getattr(claim, "rating", None)
        chip = ""
        if rating is not None:
            key = (rating.slug, rating.label)
            if key not in chips:
                chips[key] = chip_template.render({"rating": rating})
            chip = chips[key]
        parts.append(
            f'<li id="claim-row-{claim.pk}" class="claim-row{current_class}" data-claim-row="{claim.pk}">{checkbox}'
            f'<div class="claim-row-body"><a class="claim-link" href="{url}" hx-get="{url}">'
            f"<span hx-disable>{escape(claim.text, quote=False)}</span></a>"
            f'<p class="claim-meta"><span class="claim-number">#{number}</span> {badges[claim.status]}'
            f" <span>{escape(types.get(claim.claim_type, claim.claim_type))}</span>"
            f' <span class="bucket bucket-{escape(claim.bucket)}">{escape(buckets.get(claim.bucket, claim.bucket))}'
            f' <span class="score" title="Check-worthiness score">{claim.checkworthiness:.2f}</span></span>'
            f" {assignee} {chip}</p></div></li>"
        )
    # Each piece above is escaped or rendered by an autoescaping template; the markup around it is ours.
    return mark_safe("".join(parts))  # noqa: S308
