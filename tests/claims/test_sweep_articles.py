from __future__ import annotations

from datetime import timedelta

import pytest
from django.utils import timezone

from claims import tasks
from claims.intake import importing
from claims.models import Article
from tests.claims.importpages import broker_down
from tests.factories import ArticleFactory

pytestmark = pytest.mark.django_db


def later(**delta) -> timezone.datetime:
    return timezone.now() + timedelta(**delta)


def test_it_leaves_fresh_and_finished_articles_alone():
    ArticleFactory(status=Article.Status.QUEUED)
    ArticleFactory(status=Article.Status.READY, status_changed_at=timezone.now() - timedelta(days=1))
    assert importing.sweep_articles().count == 0


def test_it_requeues_articles_stuck_in_queued_or_past_a_step_deadline(settings):
    queued = ArticleFactory(status=Article.Status.QUEUED)
    stuck = ArticleFactory(status=Article.Status.SPLITTING, attempts=1)
    running = ArticleFactory(status=Article.Status.FETCHING, attempts=1)

    now = later(seconds=settings.CELERY_TASK_TIME_LIMIT + 31)
    Article.objects.filter(pk=running.pk).update(status_changed_at=now - timedelta(seconds=5))
    assert sorted(importing.sweep_articles(now=now).resend) == sorted([queued.pk, stuck.pk])

    statuses = dict(Article.objects.values_list("pk", "status"))
    assert statuses == {queued.pk: "queued", stuck.pk: "queued", running.pk: "fetching"}


def test_it_fails_articles_past_the_attempt_cap_with_a_message():
    article = ArticleFactory(status=Article.Status.EXTRACTING, attempts=importing.MAX_ATTEMPTS)
    importing.sweep_articles(now=later(hours=1))
    article.refresh_from_db()
    assert article.status == Article.Status.FAILED
    assert article.error.startswith("The import did not finish after 5 attempts")


def test_a_broker_outage_leaves_them_queued(unused_tcp_port):
    article = ArticleFactory(status=Article.Status.QUEUED)
    with broker_down(unused_tcp_port):
        assert tasks.resend_stalled_imports(now=later(minutes=3)) == 1
    article.refresh_from_db()
    assert article.status == Article.Status.QUEUED
