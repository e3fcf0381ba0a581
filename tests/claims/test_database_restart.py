"""Jobs survive their database connection dying mid-run, as a PostgreSQL restart makes it die."""

from __future__ import annotations

import psycopg
import pytest
from django.db import connection

from claims.exports import jobs
from claims.intake import importing
from claims.models import Article, ReportJob
from tests.claims.importpages import article_html
from tests.factories import ArticleFactory
from tests.workerfixtures import wait_for

pytestmark = pytest.mark.django_db(transaction=True)


def _admin_url() -> str:
    settings = connection.settings_dict
    return f"postgresql://{settings['USER']}@{settings['HOST']}:{settings['PORT'] or 5432}/postgres"


def terminate(pids: str) -> int:
    """Cut database connections of the test database from the server's side, as a restart does."""
    with psycopg.connect(_admin_url(), autocommit=True) as admin:
        rows = admin.execute(
            f"SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = %s AND {pids}",
            [connection.settings_dict["NAME"]],
        ).fetchall()
    return len(rows)


def test_an_import_whose_connection_dies_mid_fetch_finishes(celery_worker, site, alice, settings):
    # The page answers slowly enough to cut the connection mid-fetch, well inside the fetch's time limits
    # (a delay at the limit would make the fetch itself time out now and then).
    settings.FETCH_READ_TIMEOUT = settings.FETCH_TOTAL_DEADLINE = 10.0
    url = site.add("/slow-story", article_html(title="Lanes after the restart"), delay=1.5)
    article = importing.import_url(url=url, user=alice).article
    wait_for(lambda: Article.objects.get(pk=article.pk).status == Article.Status.FETCHING, timeout=30)
    own = connection.cursor().connection.info.backend_pid
    assert terminate(f"pid <> {own}") >= 1
    wait_for(lambda: Article.objects.get(pk=article.pk).status == Article.Status.READY, timeout=60)
    assert Article.objects.get(pk=article.pk).title == "Lanes after the restart"


def test_a_report_job_whose_connection_dies_ends_failed_with_retry(alice, monkeypatch):
    article = ArticleFactory(title="Big report")
    job = ReportJob.objects.create(article=article, title="Big report", total=1, requested_by=alice)

    def render_until_the_restart(scope, progress):
        terminate(f"pid = {connection.cursor().connection.info.backend_pid}")
        Article.objects.count()  # the first query after the restart

    monkeypatch.setattr(jobs, "report_pdf", render_until_the_restart)
    jobs.render_report(job_id=job.pk)
    job.refresh_from_db()
    assert job.status == ReportJob.Status.FAILED
    assert job.error == "The database restarted while the report was rendering. Try again."
