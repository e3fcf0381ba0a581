"""A real Celery worker, in a thread of the test process, consuming the real Redis broker."""

from __future__ import annotations

import time
from collections.abc import Callable, Iterator

import pytest
from celery.contrib.testing.worker import start_worker

from workbench.celery import app as celery_app


@pytest.fixture
def celery_worker(transactional_db) -> Iterator[None]:
    """Start a worker for one test; it shares the test database through Django's settings."""
    # Drop messages an earlier test or run left behind, so this worker only sees ours.
    celery_app.control.purge()
    with start_worker(celery_app, pool="solo", perform_ping_check=False, shutdown_timeout=30, loglevel="WARNING"):
        yield


def wait_for(predicate: Callable[[], object], *, timeout: float = 30.0, interval: float = 0.1) -> object:
    """Poll until predicate() is truthy; fail the test with a clear message on time-out."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        result = predicate()
        if result:
            return result
        time.sleep(interval)
    pytest.fail(f"condition not met within {timeout}s")
