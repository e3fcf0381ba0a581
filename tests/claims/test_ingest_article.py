from __future__ import annotations

import pytest
from django.urls import reverse
from django.utils import timezone

from claims import tasks
from claims.intake import importing
from claims.models import Article
from tests.claims.importpages import article_html, broker_down
from tests.workerfixtures import wait_for


@pytest.mark.django_db
def test_the_task_ignores_a_deleted_article():
    tasks.ingest_article(123456)


@pytest.mark.django_db
def test_the_task_records_a_time_out_in_words(monkeypatch, alice):
    from celery.exceptions import SoftTimeLimitExceeded

    article = importing.import_text(text="Cycling rose by 38% since 2020, the council said.", enqueue=False).article

    def too_slow(*, article):
        raise SoftTimeLimitExceeded

    monkeypatch.setattr("claims.intake.finding.split_article", too_slow)
    tasks.ingest_article(article.pk)
    article.refresh_from_db()
    assert (article.status, article.error) == (Article.Status.FAILED, importing.TOO_SLOW)


@pytest.mark.worker
@pytest.mark.django_db(transaction=True)
def test_a_url_import_finishes_in_a_real_worker(celery_worker, site, alice):
    from django.test import Client

    client = Client()
    client.force_login(alice)
    url = site.add("/worker", article_html())
    response = client.post(reverse("claims:import-url"), {"url": url})
    article = Article.objects.get()
    assert response["Location"] == article.get_absolute_url()

    wait_for(lambda: Article.objects.filter(pk=article.pk, status=Article.Status.READY).exists())
    article.refresh_from_db()
    assert article.title == "Cycle lanes cut injuries"
    assert article.claims.exists()


@pytest.mark.worker
@pytest.mark.django_db(transaction=True)
def test_with_the_broker_down_the_import_is_saved_and_the_sweep_recovers_it(site, alice, unused_tcp_port, request):
    from django.test import Client

    client = Client()
    client.force_login(alice)
    url = site.add("/outage", article_html())
    with broker_down(unused_tcp_port):
        response = client.post(reverse("claims:import-url"), {"url": url})
    article = Article.objects.get()
    assert response.status_code == 302 and response["Location"] == article.get_absolute_url()
    assert article.status == Article.Status.QUEUED

    request.getfixturevalue("celery_worker")
    tasks.resend_stalled_imports(now=timezone.now() + importing.QUEUED_GRACE * 2)
    wait_for(lambda: Article.objects.filter(pk=article.pk, status=Article.Status.READY).exists())
    assert Article.objects.get().claims.exists()
