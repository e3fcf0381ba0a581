"""What an import would produce, computed without saving anything: the --dry-run of import_article."""

from __future__ import annotations

from typing import Any

from django.conf import settings

from claims.intake import finding, importing
from claims.learning import active
from documents import extraction, reading
from documents.fetch_errors import FetchError
from documents.fetching import FetchPolicy, fetch


def preview_url(url: str) -> dict[str, Any]:
    """Fetch and extract a URL through the safe fetcher; raise ImportRejected with the reason on failure."""
    url = importing.normalise_url(url)
    try:
        result = fetch(url, policy=FetchPolicy.from_settings())
    except FetchError as exc:
        raise importing.ImportRejected(exc.message) from exc
    try:
        extracted = reading.read_fetched(result, max_length=settings.MAX_ARTICLE_CHARS)
    except extraction.ExtractionError as exc:
        raise importing.ImportRejected(str(exc)) from exc
    return _describe(extracted, source=url)


def preview_file(data: bytes, filename: str) -> dict[str, Any]:
    importing.check_upload_size(len(data))
    try:
        extracted = reading.read_file(data, filename, max_length=settings.MAX_ARTICLE_CHARS)
    except extraction.ExtractionError as exc:
        raise importing.ImportRejected(str(exc)) from exc
    return _describe(extracted, source=filename)


def preview_text(text: str) -> dict[str, Any]:
    importing.check_paste_length(len(text))
    try:
        extracted = reading.read_text(text, max_length=settings.MAX_ARTICLE_CHARS)
    except extraction.ExtractionError as exc:
        raise importing.ImportRejected(str(exc)) from exc
    return _describe(extracted, source="-")


def _describe(extracted: extraction.ExtractedArticle, *, source: str) -> dict[str, Any]:
    language = (extracted.language or "en").split("-")[0].lower() or "en"
    claims = []
    for candidate in active.detect_claims(extracted.text, language=language):
        claim = candidate.to_dict()
        claim["claimant_type"] = finding.claimant_type(candidate.claimant)
        claims.append(claim)
    return {
        "source": source,
        "title": extracted.title,
        "authors": extracted.authors,
        "published": extracted.published.isoformat() if extracted.published else None,
        "publisher": extracted.publisher,
        "canonical_url": extracted.canonical_url,
        "language": extracted.language,
        "notices": extracted.notices,
        "text": extracted.text,
        "claims": claims,
    }
