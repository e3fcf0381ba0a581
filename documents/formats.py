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
    extract_paragraphs,
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
        title, paragraphs = _pdf_paragraphs(data)
        return extract_paragraphs(title, paragraphs, max_length=max_length)
    if kind == DOCX_TYPE:
        title, paragraphs = _docx_paragraphs(data)
        return extract_paragraphs(title, paragraphs, max_length=max_length)
    suffix = PurePath(filename).suffix or kind or "unknown"
    raise UnsupportedFile(f"This kind of file ({suffix}) cannot be imported; use .txt, .md, .html, .pdf or .docx")


def _pdf_paragraphs(data: bytes) -> tuple[str | None, list[str]]:
    from pypdf import PdfReader
    from pypdf.errors import PdfReadError

    from documents import pdftext

    try:
        reader = PdfReader(io.BytesIO(data))
        pages = [pdftext.page_lines(page) for page in reader.pages]
    except (PdfReadError, ValueError, KeyError, OSError) as exc:
        raise ExtractionError("This file is not a valid PDF") from exc
    title, paragraphs = pdftext.title_and_paragraphs(pages)
    if not title and not paragraphs:
        raise ExtractionError("This PDF has no text layer (it may be a scan) — paste the text instead")
    return title, paragraphs


def _docx_paragraphs(data: bytes) -> tuple[str | None, list[str]]:
    """Headings, paragraphs and list items as the HTML path gives them: one paragraph each, items as "- item"."""
    import docx
    from docx.opc.exceptions import PackageNotFoundError

    try:
        document = docx.Document(io.BytesIO(data))
    except (PackageNotFoundError, zipfile.BadZipFile, KeyError, ValueError) as exc:
        raise ExtractionError("This file is not a valid .docx") from exc
    title = None
    paragraphs: list[str] = []
    for paragraph in document.paragraphs:
        text = " ".join(paragraph.text.split())
        if not text:
            continue
        style = (paragraph.style.name if paragraph.style is not None else "") or ""
        if title is None and not paragraphs and style in ("Title", "Heading 1"):
            title = text
        elif style.startswith("List") or paragraph._p.pPr is not None and paragraph._p.pPr.numPr is not None:
            paragraphs.append(f"- {text}")
        else:
            paragraphs.append(text)
    return title, paragraphs
