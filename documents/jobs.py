"""The doorbell of row-backed jobs, shared by every app's tasks.

A job is a database row; a Celery message only says "look at row N". A message is sent after the
row commits, and a sweep re-sends what a lost message or a dead worker left behind.
"""

from __future__ import annotations

import logging
from collections.abc import Iterable
from dataclasses import dataclass, field
from functools import partial
from typing import Any

from django.db import transaction

logger = logging.getLogger(__name__)


@dataclass(frozen=True)
class Sweep:
    """What a sweep found: the ids to send again, and how many jobs it gave up on."""

    resend: list[int] = field(default_factory=list)
    given_up: int = 0

    @property
    def count(self) -> int:
        return len(self.resend) + self.given_up


def ring_after_commit(task: Any, *args: Any) -> None:
    """Send the task's message once the current transaction commits; a broker outage leaves the row for the sweep."""
    transaction.on_commit(partial(task.delay, *args), robust=True)


def ring_each(task: Any, ids: Iterable[int], *, what: str) -> int:
    """Send one message per id now (a sweep); stop at the first broker error, as the rest would fail too."""
    sent = 0
    for pk in ids:
        try:
            task.delay(pk)
        except Exception:
            logger.warning("broker unavailable; %s %s stays queued for the next sweep", what, pk)
            break
        sent += 1
    return sent
