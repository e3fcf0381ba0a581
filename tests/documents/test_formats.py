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


# ---- PDF layout: titles over two lines, line-end hyphens, running headers and footers ----

MEDITATION_TITLE = "Daily meditation may work as well as a widely used drug for anxiety"
TRIAL = (
    "The trial ran at three hospitals and the results were published in a medical journal this week, the authors said."
)


def _rendered_pdf(body_html: str) -> bytes:
    """A real PDF laid out by WeasyPrint, with a running header and page numbers from @page rules."""
    import weasyprint

    style = """
    @page { size: A5; margin: 2cm;
            @top-center { content: "Health Weekly · Research digest"; font-size: 8pt }
            @bottom-center { content: "Page " counter(page); font-size: 8pt } }
    h1 { font-size: 22pt; width: 9cm }
    p { font-size: 10pt }
    """
    html = f"<html><head><style>{style}</style></head><body>{body_html}</body></html>"
    return weasyprint.HTML(string=html).write_pdf()


@pytest.fixture(scope="module")
def meditation_pdf() -> bytes:
    lead = (
        "Researchers followed 276 adults with anxiety disorders through an eight-<br>week programme "
        "of mindfulness classes, comparing them with patients who took escitalopram."
    )
    filler = "".join(f"<p>{n}. {TRIAL} {TRIAL} {TRIAL}</p>" for n in range(1, 9))
    return _rendered_pdf(f"<h1>{MEDITATION_TITLE}</h1><p>{lead}</p>{filler}")


def test_a_pdf_headline_wrapped_over_lines_is_one_title(meditation_pdf):
    article = read_upload(meditation_pdf, "study.pdf", "application/pdf")
    assert article.title == MEDITATION_TITLE
    assert not article.text.startswith(("may work", "a widely used", "for anxiety"))


def test_a_pdf_word_broken_at_a_line_end_hyphen_is_joined(meditation_pdf):
    article = read_upload(meditation_pdf, "study.pdf", "application/pdf")
    assert "through an eight-week programme of mindfulness classes" in article.text
    assert "eight- week" not in article.text


def test_pdf_running_headers_footers_and_page_numbers_are_dropped(meditation_pdf):
    from pypdf import PdfReader

    assert len(PdfReader(io.BytesIO(meditation_pdf)).pages) > 1
    article = read_upload(meditation_pdf, "study.pdf", "application/pdf")
    assert "Health Weekly" not in article.text
    assert "Page 1" not in article.text and "Page 2" not in article.text
    paragraphs = article.text.split("\n\n")
    # Paragraphs that run over a page break are one paragraph, not two halves.
    assert [p for p in paragraphs if p.startswith(("1. ", "8. "))]
    assert all(p.endswith(".") for p in paragraphs)


# ---- .docx: the same text as the HTML path ----


def test_a_docx_maps_headings_paragraphs_and_lists_like_the_html_path():
    first = "The mayor said on Tuesday that bus fares will be frozen until the end of next year, to help families."
    second = "Three things change for passengers from the first of May, the council said in a statement."
    last = "The opposition called the plan a gimmick before the election, and asked how it would be paid for."
    document = docx.Document()
    document.add_heading("Bus fares frozen until next year", level=1)
    document.add_paragraph(first)
    document.add_heading("What changes", level=2)
    document.add_paragraph(second)
    document.add_paragraph("Single tickets cost one pound", style="List Bullet")
    document.add_paragraph("Day passes cost three pounds", style="List Bullet")
    document.add_paragraph("Fares are reviewed in March", style="List Number")
    document.add_paragraph(last)
    buffer = io.BytesIO()
    document.save(buffer)
    html = (
        f"<html><body><article><h1>Bus fares frozen until next year</h1><p>{first}</p><h2>What changes</h2>"
        f"<p>{second}</p><ul><li>Single tickets cost one pound</li><li>Day passes cost three pounds</li></ul>"
        f"<ol><li>Fares are reviewed in March</li></ol><p>{last}</p></article></body></html>"
    )

    from_docx = read_upload(buffer.getvalue(), "fares.docx", None)
    from_html = read_upload(html.encode(), "fares.html", None)

    assert from_docx.title == from_html.title == "Bus fares frozen until next year"
    assert from_docx.text == from_html.text
    assert "\n\nWhat changes\n\n" in from_docx.text
    assert "- Single tickets cost one pound\n\n- Day passes cost three pounds" in from_docx.text


# ---- charsets: a page labelled UTF-8 whose bytes are Windows-1252 ----


def test_a_page_labelled_utf8_in_windows_1252_is_read_as_windows_1252_with_a_notice():
    html = (
        "<html><head><meta charset='utf-8'><title>Café prices</title></head><body><h1>Café prices rise again</h1>"
        "<p>The café on the square raised its prices by ten per cent this week, its owner said.</p>"
        "<p>Regulars said the crème brûlée was still worth it, whatever it costs.</p></body></html>"
    ).encode("cp1252")
    article = read_upload(html, "page.html", None)
    assert article.title == "Café prices rise again"
    assert "The café on the square" in article.text and "crème brûlée" in article.text
    assert "\ufffd" not in article.text
    assert any("Windows-1252" in notice for notice in article.notices)


def test_real_utf8_pages_get_no_notice():
    html = "<html><head><meta charset='utf-8'></head><body><h1>Café prices rise again</h1><p>The café raised its prices by ten per cent this week, its owner said.</p></body></html>"
    assert read_upload(html.encode(), "page.html", None).notices == []
