from __future__ import annotations

import pytest
from django.core.cache import cache

from tests.workerfixtures import wait_for
from workbench import tasks

pytestmark = [pytest.mark.worker, pytest.mark.django_db(transaction=True)]


def test_a_real_worker_runs_the_heartbeat_and_health_reports_it(celery_worker, client):
    cache.delete(tasks.HEARTBEAT_KEY)
    assert client.get("/healthz").json()["worker_last_seen"] == "never"

    tasks.heartbeat.delay()

    wait_for(lambda: cache.get(tasks.HEARTBEAT_KEY))
    assert client.get("/healthz").json()["worker_last_seen"].endswith("s ago")
