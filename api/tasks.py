"""Celery entry points for the API's webhooks; each runs one domain function. Tasks import the domain, never the reverse."""

from __future__ import annotations

from typing import Any

from celery import shared_task

from api import idempotency, signals, webhooks
from api.models import WebhookDelivery
from documents.fetch_errors import RetryLater
from documents.jobs import ring_after_commit, ring_each


@shared_task(
    autoretry_for=(RetryLater,),
    retry_backoff=10,
    retry_backoff_max=3600,
    retry_jitter=True,
    max_retries=None,  # webhooks.deliver marks the delivery failed after WEBHOOK_MAX_ATTEMPTS
)
def deliver_webhook(delivery_id: int) -> None:
    """Run webhooks.deliver for one WebhookDelivery; a delivered or failed one is left alone."""
    webhooks.deliver(delivery_id=delivery_id)


@shared_task
def sweep_webhook_deliveries() -> None:
    """Re-send deliveries a lost message left pending (webhooks.sweep_deliveries)."""
    ring_each(deliver_webhook, webhooks.sweep_deliveries(), what="webhook delivery")


@shared_task
def forget_idempotency_keys() -> None:
    """Run idempotency.forget_old_keys: keys live for a day."""
    idempotency.forget_old_keys()


def _on_delivery_queued(sender: Any, *, delivery_id: int, **kwargs: Any) -> None:
    ring_after_commit(deliver_webhook, delivery_id)


def connect() -> None:
    signals.delivery_queued.connect(_on_delivery_queued, sender=WebhookDelivery, dispatch_uid="api-delivery-queued")
