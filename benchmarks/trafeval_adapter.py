"""Adapters that give the shared extraction scorer one function per extractor.

score.py calls ``extract(html)`` and wants {"title", "text", "author", "date"}.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

import trafilatura  # noqa: E402

from documents.extraction import ExtractionError, extract_article  # noqa: E402


def ours(html: str) -> dict:
    try:
        article = extract_article(html)
    except ExtractionError:
        return {}
    return {
        "title": article.title,
        "text": article.text,
        "author": article.authors,
        "date": article.published.isoformat() if article.published else None,
    }


def trafilatura_default(html: str) -> dict:
    """trafilatura.extract with its defaults, asking for the metadata it finds as well."""
    output = trafilatura.extract(html, output_format="json", with_metadata=True)
    if not output:
        return {}
    found = json.loads(output)
    return {key: found.get(key) for key in ("title", "text", "author", "date")}


def trafilatura_text(html: str) -> dict:
    """trafilatura.extract exactly as called with no options: body text only."""
    return {"text": trafilatura.extract(html)}
