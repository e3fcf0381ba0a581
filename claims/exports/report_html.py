"""One claim of the printable report as HTML, built in Python from a record.

The report's head and foot are templates (rendered once); a claim is rendered thousands of times
per report, and a template per claim cost most of a 10,000-claim export. Every value is escaped
here; the rationale comes already rendered and cleaned (``Verdict.rationale_html``). The public
report pages show claims through the ``report_claim`` tag, so there is one markup for both.
"""

from __future__ import annotations

import datetime
from functools import lru_cache
from html import escape

from django.utils import dateformat
from django.utils.safestring import SafeString, mark_safe
from django.utils.timezone import is_aware, localtime
from django.utils.translation import get_language

from claims.exports.records import ClaimRecord, SourceRecord

# The date formats the report used in its template: "3 March 2026" for claims, "3 Mar 2026" for sources.
LONG_DATE = "j F Y"
SHORT_DATE = "j M Y"


@lru_cache(maxsize=4096)
def _format_date(value: datetime.date, fmt: str, language: str | None) -> str:
    # Keyed on the language too: month names are translated.
    return dateformat.format(value, fmt)


def format_date(value: datetime.date | datetime.datetime, fmt: str) -> str:
    """As the template filter ``date`` would show it: datetimes in the current time zone."""
    if isinstance(value, datetime.datetime):
        value = (localtime(value) if is_aware(value) else value).date()
    return _format_date(value, fmt, get_language())


def _source_html(source: SourceRecord) -> str:
    details = ""
    if source.publisher:
        details += f", {escape(source.publisher)}"
    if source.published_on:
        details += f", {format_date(source.published_on, SHORT_DATE)}"
    accessed = format_date(source.accessed_at, SHORT_DATE) if source.accessed_at else "— not yet fetched"
    excerpt = f"\n<blockquote>{escape(source.excerpt)}</blockquote>" if source.excerpt else ""
    return (
        f'<li>\n<a href="{escape(source.url)}" rel="noopener noreferrer nofollow">{escape(source.title)}</a>{details}\n'
        f'<span class="stance stance-{escape(source.stance)}">{escape(source.stance_label)}</span>\n'
        f'<span class="accessed">Accessed {accessed}</span>{excerpt}\n</li>\n'
    )


def claim_html(record: ClaimRecord, number: int | None, *, permalink: str = "") -> SafeString:
    """The claim's list item: wording, claimant, verdict with its rationale, sources, and a permalink if given."""
    parts = [f'<li class="report-claim" id="claim-{record.pk}">\n<h2>']
    if number:
        parts.append(f'<span class="claim-number">{number}.</span> ')
    parts.append(f'{escape(record.text)}</h2>\n<p class="claim-meta">\n')
    if record.claimant:
        parts.append(f"Claimed by {escape(record.claimant)}")
        if record.claimed_on:
            parts.append(f" on {format_date(record.claimed_on, LONG_DATE)}")
        parts.append(" · ")
    parts.append(f"{escape(record.claim_type)}\n</p>\n")
    verdict = record.verdict
    if verdict is not None:
        state = (
            "" if verdict.state == "published" else f'<span class="verdict-state">{escape(verdict.state_label)}</span>'
        )
        parts.append(
            '<p class="verdict"><svg class="rating-dot" width="12" height="12" aria-hidden="true">'
            f'<circle cx="6" cy="6" r="6" fill="{escape(verdict.rating_colour)}"/></svg> '
            f'<span class="rating">{escape(verdict.rating)}</span>\n{state}</p>\n'
            # Rendered from Markdown and cleaned by nh3 (claims.exports.markdown) when the verdict was saved.
            f'<div class="rationale" hx-disable>{verdict.rationale_html}</div>\n'
        )
    else:
        parts.append(
            '<p class="verdict verdict-none">No verdict yet '
            f'<span class="verdict-state">{escape(record.status_label)}</span></p>\n'
        )
    if record.sources:
        parts.append('<h3>Sources</h3>\n<ul class="sources">\n')
        parts.extend(_source_html(source) for source in record.sources)
        parts.append("</ul>\n")
    if permalink:
        parts.append(f'<p class="claim-link"><a href="{escape(permalink)}">Permanent link to this fact check</a></p>\n')
    parts.append("</li>\n")
    # Every value above is escaped, and the rationale was cleaned when it was stored.
    return mark_safe("".join(parts))  # noqa: S308
