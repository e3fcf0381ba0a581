"""Logging filters."""

from __future__ import annotations

import logging

from django.core.exceptions import PermissionDenied


class ExpectedDenialFilter(logging.Filter):
    """Log a refused request (403) as one line: the refusal is the app working, not a fault to trace."""

    def filter(self, record: logging.LogRecord) -> bool:
        if record.exc_info and isinstance(record.exc_info[1], PermissionDenied):
            record.exc_info = None
            record.exc_text = None
        return True
