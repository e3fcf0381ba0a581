"""Turning fetched bytes, an uploaded file or pasted text into an extracted article: the one place that
chooses the reader (HTML extraction, a file format, plain text)."""

from __future__ import annotations

from pathlib import PurePosixPath
from urllib.parse import urlsplit

from documents import extraction, formats
from documents.extraction import ExtractedArticle
from documents.fetching import HTML_TYPES, FetchResult


def read_fetched(result: FetchResult, *, max_length: int) -> ExtractedArticle:
    """A fetched page or file; the fetch's own notices (a charset repaired, a body cut) come first."""
    if result.content_type in HTML_TYPES:
        extracted = extraction.extract_article(result.text or result.body, url=result.url, max_length=max_length)
    else:
        name = PurePosixPath(urlsplit(result.url).path).name or "download"
        extracted = formats.read_upload(result.body, name, result.content_type, max_length=max_length)
    extracted.notices[:0] = [n for n in result.notices if n not in extracted.notices]
    return extracted


def read_file(data: bytes, filename: str, content_type: str = "", *, max_length: int) -> ExtractedArticle:
    return formats.read_upload(data, filename, content_type, max_length=max_length)


def read_text(text: str, *, max_length: int) -> ExtractedArticle:
    return extraction.extract_text_document(text, max_length=max_length)
