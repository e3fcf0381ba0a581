"""What an uploaded file's bytes are, whatever its name says. Must not import claims."""

from __future__ import annotations

import io
import zipfile
from dataclasses import dataclass
from enum import StrEnum

import puremagic

# Bytes read to judge a file: magic numbers sit at the start, and a text's first pages show it is text.
SAMPLE = 8192
_TEXT_BOMS = (b"\xef\xbb\xbf", b"\xff\xfe", b"\xfe\xff")
# Control bytes that text files do not hold (tab, line feed, form feed, carriage return and escape do).
_BINARY_BYTES = frozenset([*range(0x00, 0x09), 0x0B, *range(0x0E, 0x1B), *range(0x1C, 0x20), 0x7F])


class Kind(StrEnum):
    TEXT = "text"  # plain text, Markdown and HTML: what charsets.decode can read
    PDF = "pdf"
    DOCX = "docx"
    OTHER = "other"


@dataclass(frozen=True)
class Sniffed:
    kind: Kind
    # In words, for a person: "a PDF document", "a ZIP archive", "a PNG image".
    description: str


def sniff(data: bytes) -> Sniffed:
    """Judge a file by its bytes: text (HTML included), a PDF, a .docx, or something else named."""
    head = data[:SAMPLE]
    if not head:
        return Sniffed(Kind.OTHER, "an empty file")
    matches = _magic(head)
    if head.startswith(b"%PDF-"):
        return Sniffed(Kind.PDF, "a PDF document")
    if head.startswith(b"PK\x03\x04"):
        if _is_docx(data):
            return Sniffed(Kind.DOCX, "a Word document (.docx)")
        return Sniffed(Kind.OTHER, "a ZIP archive")
    # Short magic numbers ("MZ") also begin ordinary sentences: only a confident match outweighs text.
    binary_match = any(m.confidence >= 0.5 and m.mime_type and not _textual(m.mime_type) for m in matches)
    if _looks_like_text(head) and not binary_match:
        return Sniffed(Kind.TEXT, "a text file")
    if matches:
        return Sniffed(Kind.OTHER, f"{_article(matches[0].name)} ({matches[0].extension or matches[0].mime_type})")
    return Sniffed(Kind.OTHER, "a binary file")


def _magic(head: bytes) -> list[puremagic.PureMagicWithConfidence]:
    try:
        return list(puremagic.magic_string(head))
    except puremagic.PureError:
        return []


def _textual(mime_type: str) -> bool:
    return mime_type.startswith("text/") or mime_type.endswith(("/xml", "+xml"))


def _looks_like_text(head: bytes) -> bool:
    # UTF-16 text is full of zero bytes; its byte-order mark says what it is. Text saved by a
    # broken editor can hold a stray NUL or two, binary formats hold them by the hundred.
    if head.startswith(_TEXT_BOMS):
        return True
    control = sum(1 for byte in head if byte in _BINARY_BYTES)
    return control <= 2 or control * 20 <= len(head)


def _is_docx(data: bytes) -> bool:
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            return "word/document.xml" in archive.namelist()
    except (zipfile.BadZipFile, OSError, ValueError):
        return False


def _article(name: str) -> str:
    return ("an " if name[:1].lower() in "aeiou" else "a ") + name
