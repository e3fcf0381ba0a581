from __future__ import annotations

import pytest
from django.test import Client

pytestmark = pytest.mark.django_db


@pytest.fixture
def urls(report):
    pk = report["article"].pk
    return [f"/exports/articles/{pk}/csv/", "/exports/claims/json/", f"/exports/articles/{pk}/html/"]


def test_anonymous_visitors_are_sent_to_log_in(urls):
    for url in urls:
        response = Client().get(url)
        assert response.status_code == 302 and response["Location"].startswith("/accounts/login/")


def test_users_without_a_role_get_404(outsider_client, urls):
    for url in urls:
        assert outsider_client.get(url).status_code == 404


def test_reviewers_and_editors_may_export(reviewer_client, editor_client, urls):
    for client in (reviewer_client, editor_client):
        for url in urls:
            response = client.get(url)
            assert response.status_code == 200
            b"".join(response.streaming_content)


def test_it_rejects_post(editor_client, urls):
    assert editor_client.post(urls[0]).status_code == 405


def test_an_unknown_article_or_format_is_404(editor_client, report):
    assert editor_client.get("/exports/articles/999999/csv/").status_code == 404
    assert editor_client.get(f"/exports/articles/{report['article'].pk}/xlsx/").status_code == 404


def test_background_jobs_follow_the_same_rules(outsider_client, report):
    from claims.models import ReportJob

    job = ReportJob.objects.create(
        title="Report", article=report["article"], status=ReportJob.Status.READY, pdf=b"%PDF"
    )
    assert Client().get(f"/exports/jobs/{job.pk}/download/").status_code == 302
    assert outsider_client.get(f"/exports/jobs/{job.pk}/").status_code == 404
    assert outsider_client.get(f"/exports/jobs/{job.pk}/download/").status_code == 404
