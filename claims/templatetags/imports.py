"""Template helpers for the import status region."""

from __future__ import annotations

from django import template

from claims.intake import importing
from claims.models import Article

register = template.Library()


@register.simple_tag
def import_steps(article: Article) -> list[dict[str, str]]:
    """The steps of an import in progress, each done, current or waiting."""
    if not article.is_in_progress:
        return []
    return importing.steps_for(article)
