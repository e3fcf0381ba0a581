"""Moments documents' tasks react to; documents' domain modules never import the tasks.

Arguments are ids, never model instances.
"""

from __future__ import annotations

from django.dispatch import Signal

# A document was queued for fetching (created or retried): document_id
fetch_queued = Signal()
