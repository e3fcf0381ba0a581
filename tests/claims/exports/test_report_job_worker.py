from __future__ import annotations

import pytest
from django.test import Client

from claims.models import ReportJob
from tests.claims.exports.data import bulk_published_claims
from tests.factories import ArticleFactory
from tests.workerfixtures import wait_for

pytestmark = [pytest.mark.worker, pytest.mark.django_db(transaction=True)]


def test_a_large_pdf_renders_in_a_real_worker_and_downloads(celery_worker, alice, dave, settings):
    settings.EXPORT_PDF_INLINE_MAX_CLAIMS = 10
    article = ArticleFactory(title="Big report")
    bulk_published_claims(article, 30, author=alice, approver=dave)
    client = Client()
    client.force_login(alice)

    response = client.get(f"/exports/articles/{article.pk}/pdf/?published=1")
    job = ReportJob.objects.get()
    assert response["Location"] == f"/exports/jobs/{job.pk}/"

    wait_for(lambda: ReportJob.objects.filter(pk=job.pk, status__in=["ready", "failed"]).exists(), timeout=120)
    job.refresh_from_db()
    assert (job.status, job.progress, job.error) == ("ready", 100, "")
    status = client.get(f"/exports/jobs/{job.pk}/", headers={"HX-Request": "true"})
    assert status.status_code == 286 and b"Download the PDF" in status.content
    download = client.get(f"/exports/jobs/{job.pk}/download/")
    assert download["Content-Type"] == "application/pdf"
    assert download.content.startswith(b"%PDF")
    assert download["Content-Disposition"].startswith('attachment; filename="big-report-report.pdf"')
