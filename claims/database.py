"""Writes that must survive a database restart: a job's outcome is recorded on a fresh connection."""

from __future__ import annotations

import logging
import time
from collections.abc import Callable

from django.db import InterfaceError, OperationalError, connection

logger = logging.getLogger(__name__)

# What a restarted or unreachable PostgreSQL raises on a connection that was open before.
DATABASE_ERRORS = (OperationalError, InterfaceError)


def write_on_fresh_connection[T](write: Callable[[], T], *, patience: float = 60.0) -> T:
    """Run ``write`` on a new connection, waiting with back-off (up to ``patience`` seconds) for the
    database to answer again. The old connection may have died with the server: it is dropped first."""
    deadline = time.monotonic() + patience
    delay = 0.5
    while True:
        connection.close()
        try:
            return write()
        except DATABASE_ERRORS:
            if time.monotonic() + delay > deadline:
                raise
            logger.warning("database unavailable; trying again in %.1fs", delay)
            time.sleep(delay)
            delay = min(delay * 2, 8.0)
