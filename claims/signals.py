"""Moments other apps may act on, sent after the change is committed; claims knows nothing of the listeners."""

from __future__ import annotations

from django.dispatch import Signal

# The article's claims were detected again: article_id.
claims_detected = Signal()
# Verdicts became public, or stopped being public: claim_ids.
verdicts_published = Signal()
verdicts_unpublished = Signal()
