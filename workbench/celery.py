"""The Celery app; tasks live in each app's tasks.py."""

from __future__ import annotations

import logging
import os
from typing import Any

from celery import Celery, bootsteps

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "workbench.settings")

logger = logging.getLogger(__name__)


class ResendQueuedWork(bootsteps.StartStopStep):
    """Each time the worker (re)connects to the broker, have the queued work re-sent.

    The sweeps wait out a grace period before they re-send queued work; after a broker outage the
    worker knows better, and work resumes as soon as it is connected again.
    """

    requires = ("celery.worker.consumer.tasks:Tasks",)

    def start(self, consumer: Any) -> None:
        try:
            consumer.app.send_task("workbench.tasks.resend_queued_work")
        except Exception:
            logger.warning("could not ask for queued work to be re-sent; the sweeps will")


app = Celery("workbench")
app.config_from_object("django.conf:settings", namespace="CELERY")
app.steps["consumer"].add(ResendQueuedWork)
app.autodiscover_tasks()
