"""PDFs laid out in part documents: one report, continuous numbering, page numbers and real progress."""

from __future__ import annotations

import io
import re

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from pypdf import PdfReader

from claims.exports import jobs
from claims.exports.pdf import report_pdf
from claims.exports.records import article_scope
from claims.models import ReportJob
from tests.claims.exports.data import bulk_published_claims
from tests.factories import ArticleFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def five_claims(alice, dave):
    article = ArticleFactory(title="Five claims in parts", publisher="Evening News")
    bulk_published_claims(article, 5, author=alice, approver=dave)
    return article


def _text(pdf: bytes) -> tuple[PdfReader, str]:
    reader = PdfReader(io.BytesIO(pdf))
    return reader, "\n".join(page.extract_text() for page in reader.pages)


def test_it_joins_parts_into_one_report_with_continuous_numbering(five_claims, settings):
    settings.EXPORT_PDF_CHUNK_CLAIMS = 2
    reader, text = _text(report_pdf(article_scope(five_claims, published_only=True)))

    assert reader.metadata.title == "Verdict report: Five claims in parts"
    # The head (summary) once, the foot once, every claim once and in order, numbered 1 to 5.
    assert text.count("Summary") == 1 and text.count("5 claims checked") == 1
    assert text.count("Generated ") == 1
    numbered = re.findall(r"(\d)\. Claim (\d):", text)
    assert [number for number, _ in numbered] == ["1", "2", "3", "4", "5"]
    assert [claim for _, claim in numbered] == ["0", "1", "2", "3", "4"]
    # Three parts start three pages; each page is numbered against the whole document.
    total = len(reader.pages)
    assert total >= 3
    for number, page in enumerate(reader.pages, start=1):
        assert f"{number} / {total}" in page.extract_text()


def test_a_small_report_is_one_part_with_its_page_number(five_claims):
    reader, text = _text(report_pdf(article_scope(five_claims, published_only=True)))
    assert len(reader.pages) >= 1 and f"1 / {len(reader.pages)}" in text
    assert [number for number, _ in re.findall(r"(\d)\. Claim (\d):", text)] == ["1", "2", "3", "4", "5"]


def test_a_report_without_claims_still_renders(alice):
    article = ArticleFactory(title="Nothing yet")
    _, text = _text(report_pdf(article_scope(article, published_only=True)))
    assert "No claims to report." in text and "1 / 1" in text


def test_a_job_reports_progress_part_by_part(five_claims, alice, settings, django_capture_on_commit_callbacks):
    settings.EXPORT_PDF_CHUNK_CLAIMS = 2
    with django_capture_on_commit_callbacks():
        job = jobs.request_pdf_report(scope=article_scope(five_claims, published_only=True), user=alice)

    with CaptureQueriesContext(connection) as queries:
        jobs.render_report(job_id=job.pk)

    # The progress written to the job's row, in order: one update per part, then 100 with the file.
    updates = [q["sql"] for q in queries if q["sql"].startswith('UPDATE "claims_reportjob"')]
    written = [int(m.group(1)) for sql in updates if (m := re.search(r'"progress" = (\d+)', sql))]
    assert written == [0, 38, 76, 95, 100]
    assert all("running" in sql for sql in updates[1:4])
    job.refresh_from_db()
    assert job.status == ReportJob.Status.READY and job.progress == 100
    _, text = _text(bytes(job.pdf))
    assert text.count("Summary") == 1 and "5. Claim 4:" in text


def test_parts_laid_out_in_other_processes_make_the_same_report(five_claims, settings):
    settings.EXPORT_PDF_CHUNK_CLAIMS = 2
    scope = article_scope(five_claims, published_only=True)
    done: list[int] = []
    side_by_side, parallel_text = _text(report_pdf(scope, processes=2, progress=done.append))
    in_turn, serial_text = _text(report_pdf(scope, processes=1))

    # The Generated line carries the time of rendering; everything else is the same, page for page.
    def stable(text: str) -> str:
        return re.sub(r"Generated [^\n]*", "", text)

    assert stable(parallel_text) == stable(serial_text)
    assert len(side_by_side.pages) == len(in_turn.pages)
    # Parts are joined and reported in order, whichever process finished first.
    assert done == [2, 4, 5]
    assert [number for number, _ in re.findall(r"(\d)\. Claim (\d):", parallel_text)] == ["1", "2", "3", "4", "5"]


def test_the_pdf_is_set_with_its_own_stylesheet(five_claims):
    from claims.exports.pdf import pdf_stylesheet

    stylesheet = pdf_stylesheet()
    # report.css first, then the PDF's overrides, then the page counter switched off for the join.
    assert stylesheet.index("body.report {") < stylesheet.index(
        ".report-claim { padding: .5rem 0; break-inside: auto; }"
    )
    assert stylesheet.endswith("@page { @bottom-right { content: none; } }")


def test_a_renderer_process_that_dies_fails_the_report_with_a_reason(settings):
    from claims.exports.pdf_render import RendererError, RendererPool

    parts = [(f"<!doctype html><title>Part {n}</title><p>Part {n}</p>", n) for n in range(4)]
    with RendererPool(2, "", settings.SITE_URL, cwd=settings.BASE_DIR) as pool:
        rendered = pool.render(iter(parts))
        first, done = next(rendered)
        assert first.startswith(b"%PDF") and done == 0
        for helper in pool._helpers:
            helper.kill()
            helper.wait()
        with pytest.raises(RendererError, match="stopped unexpectedly"):
            list(rendered)
