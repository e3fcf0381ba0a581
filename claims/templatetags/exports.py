"""Template filters for reports: safe Markdown and JSON-LD that cannot break out of its script tag."""

from __future__ import annotations

from typing import Any

from django import template
from django.utils.safestring import SafeString, mark_safe

from claims.exports.claimreview import to_script_json
from claims.exports.markdown import render_markdown

register = template.Library()


@register.filter
def markdown(text: str) -> SafeString:
    return render_markdown(text)


@register.filter
def jsonld(data: Any) -> SafeString:
    """JSON for a <script type="application/ld+json"> body, with <, > and & escaped as \\u003c etc."""
    return mark_safe(to_script_json(data))  # noqa: S308 - escaped so no text can close the script
