from __future__ import annotations

import csv
import io
from pathlib import Path

import pytest
from playwright.sync_api import expect

from claims.models import ReportJob
from tests.claims.exports.data import HOSTILE, bulk_published_claims, published_claim
from tests.factories import ArticleFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_an_editor_downloads_the_csv_from_the_printable_report(page, live_server, login, alice, bob):
    article = ArticleFactory(title="Council backs cycle lanes")
    published_claim(article, text=HOSTILE, rating="false", reviewer=bob, editor=alice, claimant="Jane Doe")
    login(alice)

    page.goto(f"{live_server.url}/exports/articles/{article.pk}/html/")
    expect(page.get_by_text("1 claim checked: 1 false")).to_be_visible()
    # The hostile claim shows as text; it never ran as a script.
    expect(page.get_by_role("heading", name=HOSTILE)).to_be_visible()
    page.get_by_text("Export", exact=True).click()
    with page.expect_download() as download_info:
        page.get_by_role("link", name="CSV").click()
    download = download_info.value
    assert download.suggested_filename == "council-backs-cycle-lanes-verdicts.csv"
    rows = list(csv.DictReader(io.StringIO(Path(download.path()).read_text(encoding="utf-8-sig"))))
    assert [(row["claim"], row["rating"], row["verdict_state"]) for row in rows] == [(HOSTILE, "False", "Published")]


def test_a_large_pdf_is_rendered_in_the_background_and_downloaded(
    page, live_server, login, celery_worker, alice, dave, settings
):
    settings.EXPORT_PDF_INLINE_MAX_CLAIMS = 5
    article = ArticleFactory(title="Big report")
    bulk_published_claims(article, 20, author=alice, approver=dave)
    login(alice)

    page.goto(f"{live_server.url}/exports/articles/{article.pk}/html/")
    page.get_by_text("Export", exact=True).click()
    page.get_by_role("link", name="PDF", exact=True).click()
    expect(page.get_by_role("heading", name="PDF report")).to_be_visible()
    # htmx polls the job until the worker has finished it.
    download_link = page.get_by_role("link", name="Download the PDF")
    expect(download_link).to_be_visible(timeout=60_000)
    with page.expect_download() as download_info:
        download_link.click()
    download = download_info.value
    assert download.suggested_filename == "big-report-report.pdf"
    assert Path(download.path()).read_bytes().startswith(b"%PDF")
    assert ReportJob.objects.get().status == ReportJob.Status.READY
