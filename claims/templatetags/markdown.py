"""The ``markdown`` filter: a rationale rendered and sanitised for display."""

from __future__ import annotations

from django import template
from django.utils.safestring import SafeString, mark_safe

from claims.article_page.rendering import render_markdown

register = template.Library()


@register.filter(name="markdown")
def markdown_filter(text: str) -> SafeString:
    # nh3's allow-list is what makes this safe to mark safe.
    return mark_safe(render_markdown(text))  # noqa: S308
