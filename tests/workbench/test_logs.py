from __future__ import annotations

import io
import logging

import pytest

pytestmark = pytest.mark.django_db


@pytest.fixture
def log_output():
    """What the configured handlers of django.request and its parents write, in one buffer."""
    buffer = io.StringIO()
    saved = []
    logger: logging.Logger | None = logging.getLogger("django.request")
    while logger is not None:
        for handler in logger.handlers:
            if isinstance(handler, logging.StreamHandler) and not isinstance(handler, logging.FileHandler):
                saved.append((handler, handler.setStream(buffer)))
        logger = logger.parent if logger.propagate else None
    yield buffer
    for handler, stream in saved:
        handler.setStream(stream)


@pytest.mark.parametrize("debug", [True, False])
def test_a_refused_request_is_logged_once_without_a_traceback(reviewer_client, settings, log_output, debug):
    settings.DEBUG = debug
    assert reviewer_client.get("/articles/new/").status_code == 403
    output = log_output.getvalue()
    assert output.count("Forbidden (Permission denied): /articles/new/") == 1
    assert "Traceback" not in output


def test_a_worker_set_up_in_the_process_keeps_the_log_configuration():
    """A worker's start (here: what the embedded test worker runs) must not swap LOGGING's handlers for Celery's."""
    from celery.contrib.testing.worker import setup_app_for_worker

    from workbench.celery import app

    setup_app_for_worker(app, "WARNING", None)
    root_filters = [type(f).__name__ for handler in logging.getLogger().handlers for f in handler.filters]
    assert "ExpectedDenialFilter" in root_filters
