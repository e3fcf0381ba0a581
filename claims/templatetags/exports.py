"""Template tags for reports: a claim as the report shows it, and JSON-LD that cannot break out of its script tag."""

from __future__ import annotations

from typing import Any

from django import template
from django.utils.safestring import SafeString, mark_safe

from claims.exports.claimreview import to_script_json
from claims.exports.records import ClaimRecord
from claims.exports.report_html import claim_html

register = template.Library()


@register.filter
def jsonld(data: Any) -> SafeString:
    """JSON for a <script type="application/ld+json"> body, with <, > and & escaped as \\u003c etc."""
    return mark_safe(to_script_json(data))  # noqa: S308 - escaped so no text can close the script


@register.simple_tag
def report_claim(record: ClaimRecord, number: int | None = None, permalink: str = "") -> SafeString:
    """The claim as the printable report shows it (see claims.exports.report_html)."""
    return claim_html(record, number, permalink=permalink)
