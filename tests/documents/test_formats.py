"""Readers for uploaded files."""

from __future__ import annotations

import io

import docx
import pytest

from documents.extraction import ExtractionError
from documents.formats import UnsupportedFile, read_upload

BODY = "The mayor said on Tuesday that bus fares will be frozen until the end of next year."


def _pdf(text: str | None) -> bytes:
    """A one-page PDF written by hand, since pypdf cannot lay out text itself."""
    stream = f"BT /F1 12 Tf 72 720 Td ({text}) Tj ET".encode() if text else b""
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents 4 0 R /Resources << /Font << /F1 5 0 R >> >> >>",
        b"<< /Length %d >>\nstream\n" % len(stream) + stream + b"\nendstream",
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
    ]
    out = io.BytesIO(b"%PDF-1.4\n")
    offsets = []
    for number, body in enumerate(objects, start=1):
        offsets.append(out.tell())
        out.write(b"%d 0 obj\n" % number + body + b"\nendobj\n")
    xref = out.tell()
    out.write(b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1))
    for offset in offsets:
        out.write(b"%010d 00000 n \n" % offset)
    out.write(b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (len(objects) + 1, xref))
    return out.getvalue()


def test_it_reads_a_pdf():
    article = read_upload(_pdf(BODY), "statement.pdf", "application/pdf")
    assert article.text == BODY


def test_it_reports_a_pdf_without_text():
    with pytest.raises(ExtractionError, match="This PDF has no text layer"):
        read_upload(_pdf(None), "scan.pdf", "application/pdf")
    with pytest.raises(ExtractionError, match="not a valid PDF"):
        read_upload(b"%PDF-1.4 garbage", "broken.pdf", "application/pdf")


def test_it_reads_a_docx():
    document = docx.Document()
    document.add_paragraph("Bus fares frozen until next year")
    document.add_paragraph(BODY)
    buffer = io.BytesIO()
    document.save(buffer)
    article = read_upload(buffer.getvalue(), "fares.docx", None)
    assert article.title == "Bus fares frozen until next year"
    assert article.text == BODY


def test_it_reports_an_invalid_docx():
    with pytest.raises(ExtractionError, match=r"This file is not a valid \.docx"):
        read_upload(b"PK\x03\x04 not really a zip", "broken.docx", None)


def test_it_reads_windows_1252_text_with_nuls():
    data = "Prices at the café rose again\n\nThe café raised prices by 10 per cent, its owner said.".encode("cp1252")
    article = read_upload(data.replace(b"owner", b"own\x00er"), "note.txt", "text/plain")
    assert article.title == "Prices at the café rose again"
    assert article.text == "The café raised prices by 10 per cent, its owner said."


def test_it_reads_utf8_text_with_a_bom_and_bad_bytes():
    data = b"\xef\xbb\xbfA short note on fares\n\nFares rise by 5 per cent in April, the operator said. \xff"
    article = read_upload(data, "note.txt", None)
    assert article.title == "A short note on fares"
    assert article.text.endswith("\ufffd")


def test_it_reads_html_uploads():
    html = f"<html><head><title>Fares</title></head><body><h1>Fares frozen</h1><p>{BODY}</p><p>{BODY} Again.</p></body></html>"
    assert BODY in read_upload(html.encode(), "page.htm", None).text


def test_it_refuses_unsupported_files():
    with pytest.raises(UnsupportedFile, match=r"This kind of file \(\.png\) cannot be imported"):
        read_upload(b"\x89PNG", "chart.png", "image/png")
