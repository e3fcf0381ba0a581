"""Celery entry points for the API's webhooks; each runs one domain function."""

from __future__ import annotations

from celery import shared_task

from api import idempotency, webhooks
from documents.fetch_errors import RetryLater


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
    """Run webhooks.sweep_deliveries: re-send deliveries a lost message left pending."""
    webhooks.sweep_deliveries()


@shared_task
def forget_idempotency_keys() -> None:
    """Run idempotency.forget_old_keys: keys live for a day."""
    idempotency.forget_old_keys()
