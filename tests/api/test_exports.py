from __future__ import annotations

import json

import pytest

from claims.models import Claim, ReportJob
from tests.api.conftest import assert_problem
from tests.factories import ArticleFactory, ClaimFactory

pytestmark = pytest.mark.django_db

STREAMED = {
    "csv": "text/csv; charset=utf-8",
    "json": "application/json; charset=utf-8",
    "jsonld": "application/ld+json; charset=utf-8",
    "findings": "application/json; charset=utf-8",
    "md": "text/markdown; charset=utf-8",
    "html": "text/html; charset=utf-8",
}


@pytest.mark.parametrize("fmt", sorted(STREAMED))
def test_every_format_streams_for_an_article_and_a_filtered_list(reviewer_api, fmt):
    article = ArticleFactory(title="Council plan")
    ClaimFactory(article=article, text="Cycling rose by 38% since 2020.")
    for path in (f"/articles/{article.pk}/export/{fmt}", f"/claims/export/{fmt}?article={article.pk}"):
        response = reviewer_api.get(path)
        assert response.status_code == 200
        assert response.streaming
        assert response["Content-Type"] == STREAMED[fmt]
        assert "attachment" in response["Content-Disposition"]
        content = b"".join(response.streaming_content).decode()
        if fmt in ("csv", "json", "md", "html"):
            assert "Cycling rose by 38% since 2020." in content
        if fmt == "json":
            json.loads(content)


def test_a_small_pdf_comes_whole(editor_api):
    article = ArticleFactory()
    ClaimFactory(article=article)
    response = editor_api.get(f"/articles/{article.pk}/export/pdf")
    assert (response.status_code, response["Content-Type"]) == (200, "application/pdf")
    assert response.content.startswith(b"%PDF")


def test_a_large_pdf_becomes_a_job_with_status_and_a_download_link(
    editor_api, settings, django_capture_on_commit_callbacks
):
    settings.EXPORT_PDF_INLINE_MAX_CLAIMS = 1
    article = ArticleFactory()
    ClaimFactory(article=article)
    ClaimFactory(article=article)
    with django_capture_on_commit_callbacks() as callbacks:
        response = editor_api.get(f"/articles/{article.pk}/export/pdf")
    job = response.json()
    assert (response.status_code, job["status"], job["total"], job["download_url"], len(callbacks)) == (
        202,
        "queued",
        2,
        None,
        1,
    )
    assert response["Location"] == f"/api/v1/report-jobs/{job['id']}"
    assert_problem(editor_api.get(f"/report-jobs/{job['id']}/download"), 409)
    ReportJob.objects.filter(pk=job["id"]).update(status=ReportJob.Status.READY, pdf=b"%PDF-1.7 test", progress=100)
    ready = editor_api.get(f"/report-jobs/{job['id']}").json()
    assert ready["download_url"] == f"/api/v1/report-jobs/{job['id']}/download"
    assert editor_api.get(f"/report-jobs/{job['id']}/download").content == b"%PDF-1.7 test"


def test_too_many_claims_for_a_pdf_is_413(editor_api, settings):
    settings.EXPORT_PDF_MAX_CLAIMS = 1
    article = ArticleFactory()
    ClaimFactory(article=article)
    ClaimFactory(article=article)
    assert_problem(editor_api.get(f"/articles/{article.pk}/export/pdf"), 413)


def test_published_only_and_an_invalid_filter(editor_api):
    article = ArticleFactory()
    ClaimFactory(article=article, text="Not yet checked.")
    content = b"".join(editor_api.get(f"/articles/{article.pk}/export/csv?published=true").streaming_content).decode()
    assert "Not yet checked." not in content
    assert_problem(editor_api.get("/claims/export/csv?status=nonsense"), 422)
    assert_problem(editor_api.get(f"/articles/{article.pk}/export/docx"), 422)


def test_outsiders_export_nothing(outsider_api):
    article = ArticleFactory()
    assert_problem(outsider_api.get(f"/articles/{article.pk}/export/csv"), 404)
    assert_problem(outsider_api.get("/claims/export/csv"), 404)
    assert Claim.objects.count() == 0
