"""Webhooks: events become signed deliveries, sent by Celery with retries and back-off, logged, replayable.

Every delivery is signed: ``Webhook-Signature: t=<unix time>,v1=<hex HMAC-SHA256(secret, "<t>.<body>")>``.
A receiver recomputes it with the hook's secret and rejects old timestamps, so a captured request
cannot be replayed later by someone else.
"""

from __future__ import annotations

import dataclasses
import hashlib
import hmac
import json
import secrets
import time
from datetime import datetime, timedelta
from typing import Any

from django.conf import settings
from django.core.serializers.json import DjangoJSONEncoder
from django.db.models import F
from django.utils import timezone

from api import signals
from api.models import Webhook, WebhookDelivery
from documents import fetching
from documents.fetch_errors import FetchError, RetryLater

EVENTS = {
    "article.ready": "An import finished: the article's text and claims are ready.",
    "article.failed": "An import failed; the message says why.",
    "verdict.proposed": "A verdict was proposed and awaits approval.",
    "verdict.approved": "A verdict was approved and can be published.",
    "verdict.published": "A verdict was published.",
    "verdict.unpublished": "A published verdict was taken down.",
}
SIGNATURE_HEADER = "Webhook-Signature"
# A pending delivery nobody attempted for this long lost its message: the sweep sends it again.
PENDING_GRACE = timedelta(minutes=5)


def new_secret() -> str:
    return "whsec_" + secrets.token_urlsafe(32)


def check_url(url: str) -> None:
    """Refuse a URL the safe fetcher would refuse (private networks, credentials, other schemes). Raises FetchError."""
    fetching.check_url(url, fetching.FetchPolicy.from_settings())


def signature(secret: str, timestamp: int, body: str) -> str:
    mac = hmac.new(secret.encode(), f"{timestamp}.{body}".encode(), hashlib.sha256).hexdigest()
    return f"t={timestamp},v1={mac}"


def verify(secret: str, header: str, body: str, *, tolerance: int = 300, now: float | None = None) -> bool:
    """What a receiver does: check the HMAC and that the timestamp is recent. Used by our tests and docs."""
    fields = dict(part.split("=", 1) for part in header.split(",") if "=" in part)
    try:
        timestamp = int(fields["t"])
    except (KeyError, ValueError):
        return False
    if abs((now or time.time()) - timestamp) > tolerance:
        return False
    expected = signature(secret, timestamp, body).split("v1=", 1)[1]
    return hmac.compare_digest(expected, fields.get("v1", ""))


def wanted(event: str) -> bool:
    """Whether any active hook subscribes to the event, so payloads are only built for someone."""
    return Webhook.objects.filter(is_active=True, events__contains=[event]).exists()


def emit(event: str, data: dict[str, Any]) -> list[WebhookDelivery]:
    """Record a delivery of the event for every active hook that wants it, and enqueue them after commit."""
    hooks = list(Webhook.objects.filter(is_active=True, events__contains=[event]))
    deliveries = []
    for hook in hooks:
        delivery = WebhookDelivery.objects.create(webhook=hook, event=event, body="")
        delivery.body = json.dumps(
            {"id": delivery.pk, "event": event, "created_at": delivery.created_at, "data": data},
            cls=DjangoJSONEncoder,
            sort_keys=True,
        )
        delivery.save(update_fields=["body"])
        deliveries.append(delivery)
        signals.delivery_queued.send(sender=WebhookDelivery, delivery_id=delivery.pk)
    return deliveries


def replay(*, delivery: WebhookDelivery) -> WebhookDelivery:
    """Send a delivery's exact body again, as a new delivery that points back to it."""
    copy = WebhookDelivery.objects.create(
        webhook_id=delivery.webhook_id, event=delivery.event, body=delivery.body, replay_of=delivery
    )
    signals.delivery_queued.send(sender=WebhookDelivery, delivery_id=copy.pk)
    return copy


def deliver(*, delivery_id: int) -> WebhookDelivery | None:
    """Make one attempt at a pending delivery. Raises RetryLater while attempts remain; records the outcome.

    A 2xx answer is success; anything else (or no answer) is retried with back-off, then marked failed.
    """
    now = timezone.now()
    attempted = WebhookDelivery.objects.filter(pk=delivery_id, status=WebhookDelivery.Status.PENDING).update(
        attempts=F("attempts") + 1, last_attempt_at=now
    )
    if not attempted:
        return None
    delivery = WebhookDelivery.objects.select_related("webhook").get(pk=delivery_id)
    hook = delivery.webhook
    headers = {
        "Content-Type": "application/json",
        "Webhook-Id": str(delivery.pk),
        "Webhook-Event": delivery.event,
        SIGNATURE_HEADER: signature(hook.secret, int(time.time()), delivery.body),
    }
    policy = dataclasses.replace(
        fetching.FetchPolicy.from_settings(),
        read_timeout=settings.WEBHOOK_TIMEOUT,
        total_deadline=settings.WEBHOOK_TIMEOUT,
    )
    status: int | None = None
    error = ""
    permanent = False
    try:
        status = fetching.post(hook.url, body=delivery.body.encode(), headers=headers, policy=policy)
    except FetchError as exc:
        # A refused address will not become allowed by waiting; a timeout or a refused connection may pass.
        error, permanent = exc.message, exc.permanent
    if status is not None and 200 <= status < 300:
        WebhookDelivery.objects.filter(pk=delivery_id).update(
            status=WebhookDelivery.Status.DELIVERED, response_status=status, error="", delivered_at=timezone.now()
        )
    else:
        error = error or f"The hook answered {status}"
        final = permanent or delivery.attempts >= settings.WEBHOOK_MAX_ATTEMPTS
        WebhookDelivery.objects.filter(pk=delivery_id).update(
            status=WebhookDelivery.Status.FAILED if final else WebhookDelivery.Status.PENDING,
            response_status=status,
            error=error,
        )
        if not final:
            raise RetryLater(error)
    delivery.refresh_from_db()
    return delivery


def sweep_deliveries(*, now: datetime | None = None) -> list[int]:
    """Pending deliveries whose message was lost (broker down, worker gone), to send again."""
    now = now or timezone.now()
    cutoff = now - PENDING_GRACE
    stale = WebhookDelivery.objects.filter(status=WebhookDelivery.Status.PENDING, created_at__lt=cutoff).exclude(
        last_attempt_at__gte=cutoff - timedelta(hours=1)
    )
    return list(stale.values_list("pk", flat=True)[:500])
