"""Moments matching's tasks react to; matching's domain modules never import the tasks.

Arguments are ids, never model instances.
"""

from __future__ import annotations

from django.dispatch import Signal

# An archive import was queued: job_id
import_queued = Signal()
# The archive grew, so open claims should be matched again: no arguments
archive_grew = Signal()
