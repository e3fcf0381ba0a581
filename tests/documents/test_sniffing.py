from __future__ import annotations

import io
import zipfile

import docx
import pytest

from documents.sniffing import Kind, sniff


def _zip(compression: int = zipfile.ZIP_STORED) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", compression) as archive:
        archive.writestr("article.txt", "The council approved a plan on Tuesday. " * 50)
    return buffer.getvalue()


def _docx() -> bytes:
    document = docx.Document()
    document.add_paragraph("Fares rise by 5 per cent in April.")
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


@pytest.mark.parametrize(
    ("data", "kind"),
    [
        (b"The council approved a plan on Tuesday.\n", Kind.TEXT),
        (b"<!DOCTYPE html><html><body><p>Hi</p></body></html>", Kind.TEXT),
        ("Le café a augmenté ses prix.".encode("cp1252"), Kind.TEXT),
        ("A note on fares".encode("utf-16"), Kind.TEXT),
        (b"MZ says the mayor, who spoke on Tuesday.", Kind.TEXT),
        (b"Prices rose, its own\x00er said. " * 3, Kind.TEXT),
        (b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n", Kind.PDF),
        (_docx(), Kind.DOCX),
        (_zip(), Kind.OTHER),
        (_zip(zipfile.ZIP_DEFLATED), Kind.OTHER),
        (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x00\x10", Kind.OTHER),
        (b"\x1f\x8b\x08\x00\x00\x00\x00\x00\x00\x03" + bytes(range(256)), Kind.OTHER),
        (b"", Kind.OTHER),
    ],
)
def test_it_judges_a_file_by_its_bytes(data, kind):
    assert sniff(data).kind == kind


def test_it_names_what_it_refuses():
    assert sniff(_zip()).description == "a ZIP archive"
    assert (
        sniff(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x00\x10").description
        == "a Portable Network Graphics file (.png)"
    )
