"""Moments that claims' tasks and other apps (webhooks, matching) react to; claims never imports who listens.

Each is sent right after the change, inside its transaction where there is one, so a listener's writes
commit or roll back with it. Arguments are ids, never model instances.
"""

from __future__ import annotations

from django.dispatch import Signal

# An import was queued (created, retried or re-run); claims.tasks rings the doorbell: article_id
import_queued = Signal()
# A report job was queued; claims.tasks rings the doorbell: job_id
report_queued = Signal()
# article_id
article_ready = Signal()
# article_id, message
article_failed = Signal()
# claim_id, verdict_id
verdict_proposed = Signal()
verdict_approved = Signal()
# The article's claims were detected again: article_id
claims_detected = Signal()
# claim_ids
verdicts_published = Signal()
verdicts_unpublished = Signal()
