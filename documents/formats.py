"""Readers for uploaded files: text, Markdown, HTML, PDF and .docx. Must not import claims."""

from __future__ import annotations

import io
import zipfile
from pathlib import PurePath

from documents import charsets
from documents.extraction import (
    MAX_LENGTH,
    ExtractedArticle,
    ExtractionError,
    extract_article,
    extract_text_document,
)

DOCX_TYPE = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
_BY_EXTENSION = {
    ".txt": "text/plain",
    ".text": "text/plain",
    ".md": "text/markdown",
    ".markdown": "text/markdown",
    ".html": "text/html",
    ".htm": "text/html",
    ".xhtml": "application/xhtml+xml",
    ".pdf": "application/pdf",
    ".docx": DOCX_TYPE,
}


class UnsupportedFile(ExtractionError):
    """A file type we cannot read."""


def read_upload(
    data: bytes,
    filename: str,
    content_type: str | None = None,
    *,
    max_length: int = MAX_LENGTH,
) -> ExtractedArticle:
    """Read an uploaded file; the extension decides, the browser's content type is a fallback."""
    kind = _BY_EXTENSION.get(PurePath(filename).suffix.lower())
    if kind is None:
        kind = (content_type or "").split(";")[0].strip().lower()
    if kind in ("text/plain", "text/markdown"):
        text, _ = charsets.decode(data)
        return extract_text_document(text, filename=filename, max_length=max_length)
    if kind in ("text/html", "application/xhtml+xml"):
        return extract_article(data, max_length=max_length)
    if kind == "application/pdf":
        return extract_text_document(_pdf_text(data), filename=filename, max_length=max_length)
    if kind == DOCX_TYPE:
        return extract_text_document(_docx_text(data), filename=filename, max_length=max_length)
    suffix = PurePath(filename).suffix or kind or "unknown"
    raise UnsupportedFile(f"This kind of file ({suffix}) cannot be imported; use .txt, .md, .html, .pdf or .docx")


def _pdf_text(data: bytes) -> str:
    from pypdf import PdfReader
    from pypdf.errors import PdfReadError

    try:
        reader = PdfReader(io.BytesIO(data))
        pages = [page.extract_text() or "" for page in reader.pages]
    except (PdfReadError, ValueError, KeyError, OSError) as exc:
        raise ExtractionError("This file is not a valid PDF") from exc
    text = "\n\n".join(page.strip() for page in pages if page.strip())
    if not text:
        raise ExtractionError("This PDF has no text layer (it may be a scan) — paste the text instead")
    return text


def _docx_text(data: bytes) -> str:
    import docx
    from docx.opc.exceptions import PackageNotFoundError

    try:
        document = docx.Document(io.BytesIO(data))
    except (PackageNotFoundError, zipfile.BadZipFile, KeyError, ValueError) as exc:
        raise ExtractionError("This file is not a valid .docx") from exc
    return "\n\n".join(p.text for p in document.paragraphs if p.text.strip())
