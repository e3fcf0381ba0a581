from __future__ import annotations

import pytest
from django.test import override_settings

from claims.models import ReportJob
from tests.claims.exports.conftest import streamed

pytestmark = pytest.mark.django_db


def test_the_markdown_report_opens_with_the_summary(editor_client, report):
    response = editor_client.get(f"/exports/articles/{report['article'].pk}/md/")
    assert response["Content-Type"] == "text/markdown; charset=utf-8"
    text = streamed(response)
    assert text.startswith("# Verdict report: Council backs “cycle lanes” — ünïcode édition\n")
    assert "**3 claims checked: 1 false, 1 accurate, 1 unverifiable (1 awaiting a verdict)**" in text
    # Claim text is escaped so it shows literally and cannot inject markup.
    assert "\\</script\\>\\<script\\>alert(1)\\</script\\>" in text
    assert "## 2. \\=1+2 cycling rose by 38%" in text
    assert '[\\=HYPERLINK("http://evil.example") Transport statistics](<https://news.example/' in text
    assert "refutes; accessed 2026-03-04" in text
    assert "*No verdict yet.*" in text


def test_the_printable_report_escapes_claims_and_sanitises_rationales(editor_client, report):
    response = editor_client.get(f"/exports/articles/{report['article'].pk}/html/")
    assert response["Content-Disposition"].startswith("inline;")
    html = streamed(response)
    assert "3 claims checked: 1 false, 1 accurate, 1 unverifiable (1 awaiting a verdict)" in html
    assert '<svg class="summary-chart"' in html and 'fill="#b91c1c"' in html
    assert "<script" not in html
    assert "&lt;/script&gt;&lt;script&gt;alert(1)&lt;/script&gt;" in html
    assert '<a href="https://stats.example/r" rel="noopener noreferrer nofollow">the report</a>' in html
    assert "<strong>bold</strong>" in html
    assert "Accessed 4 Mar 2026" in html and "Refutes" in html
    assert "Proposed, awaiting approval" in html
    assert "Dismissed claim" not in html


def test_the_pdf_is_a_pdf(editor_client, report):
    response = editor_client.get(f"/exports/articles/{report['article'].pk}/pdf/")
    assert response["Content-Type"] == "application/pdf"
    assert response.content.startswith(b"%PDF")
    assert response["Content-Disposition"].startswith('attachment; filename="council-backs-cycle-lanes')


@override_settings(EXPORT_PDF_INLINE_MAX_CLAIMS=2)
def test_a_large_pdf_becomes_a_background_job(editor_client, report, alice, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks() as callbacks:
        response = editor_client.get(f"/exports/articles/{report['article'].pk}/pdf/")
    job = ReportJob.objects.get()
    assert response.status_code == 302 and response["Location"] == f"/exports/jobs/{job.pk}/"
    assert (job.status, job.total, job.requested_by, job.article) == ("queued", 4, alice, report["article"])
    assert len(callbacks) == 1
    page = editor_client.get(f"/exports/jobs/{job.pk}/")
    assert b'hx-trigger="every 2s"' in page.content and b"Queued" in page.content


def test_the_job_status_partial_stops_polling_when_done(editor_client, report):
    job = ReportJob.objects.create(
        title="Report", article=report["article"], status=ReportJob.Status.READY, pdf=b"%PDF-1.7"
    )
    response = editor_client.get(f"/exports/jobs/{job.pk}/", headers={"HX-Request": "true"})
    assert response.status_code == 286
    assert b'id="report-job"' in response.content and b"<html" not in response.content
    assert b"every 2s" not in response.content
    assert "HX-Request" in response["Vary"]
    download = editor_client.get(f"/exports/jobs/{job.pk}/download/")
    assert download.content == b"%PDF-1.7"


def test_a_failed_job_can_be_retried(editor_client, report, django_capture_on_commit_callbacks):
    job = ReportJob.objects.create(title="Report", article=report["article"], status=ReportJob.Status.FAILED, error="x")
    with django_capture_on_commit_callbacks() as callbacks:
        response = editor_client.post(f"/exports/jobs/{job.pk}/retry/")
    assert response.status_code == 302
    job.refresh_from_db()
    assert job.status == "queued" and len(callbacks) == 1


def test_rendering_a_job_twice_renders_it_once(report, alice):
    from claims.exports import jobs
    from claims.exports.records import article_scope

    job = jobs.request_pdf_report(scope=article_scope(report["article"], published_only=True), user=alice)
    jobs.render_report(job_id=job.pk)
    job.refresh_from_db()
    assert job.status == "ready" and bytes(job.pdf).startswith(b"%PDF") and job.progress == 100
    finished = job.finished_at
    jobs.render_report(job_id=job.pk)
    job.refresh_from_db()
    assert job.finished_at == finished


def test_the_task_ignores_a_missing_job():
    from claims import tasks

    tasks.render_report(123456789)
    assert not ReportJob.objects.exists()


def test_the_sweep_recovers_jobs_left_behind(report):
    import datetime

    from django.utils import timezone

    from claims.exports import jobs

    now = timezone.now()
    lost = ReportJob.objects.create(title="Lost message", created_at=now - datetime.timedelta(minutes=5))
    fresh = ReportJob.objects.create(title="Just queued", created_at=now)
    dead = ReportJob.objects.create(
        title="Dead worker", status=ReportJob.Status.RUNNING, started_at=now - datetime.timedelta(hours=1)
    )
    sweep = jobs.sweep_report_jobs(now=now)
    assert (sweep.resend, sweep.given_up) == ([lost.pk], 1)
    dead.refresh_from_db()
    assert dead.status == "failed" and "Try again" in dead.error
    assert ReportJob.objects.get(pk=fresh.pk).status == ReportJob.Status.QUEUED
    assert ReportJob.objects.get(pk=lost.pk).status == ReportJob.Status.QUEUED


@override_settings(EXPORT_PDF_MAX_CLAIMS=3)
def test_a_pdf_too_large_to_render_offers_the_printable_report(editor_client, report):
    response = editor_client.get(f"/exports/articles/{report['article'].pk}/pdf/?published=1")
    assert response.status_code == 200  # two published claims: under the limit
    response = editor_client.get(f"/exports/articles/{report['article'].pk}/pdf/")
    assert response.status_code == 413
    assert f'href="/exports/articles/{report["article"].pk}/html/"'.encode() in response.content
    assert not ReportJob.objects.exists()
