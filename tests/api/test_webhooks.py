"""Webhooks received by a local HTTP server on 127.0.0.1, signatures verified as a receiver would."""

from __future__ import annotations

import json
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest

from api import webhooks
from api.models import Webhook, WebhookDelivery
from claims.models import Claim, Rating
from documents.fetch_errors import RetryLater
from tests.api.conftest import client_for
from tests.factories import ClaimFactory, VerdictFactory
from tests.workerfixtures import wait_for


class Receiver:
    def __init__(self) -> None:
        self.requests: list[tuple[dict[str, str], str]] = []
        self.statuses: list[int] = []
        self.port = 0

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}/hooks/workbench"


@pytest.fixture
def receiver(settings):
    received = Receiver()

    class Handler(BaseHTTPRequestHandler):
        def log_message(self, format, *args):
            pass

        def do_POST(self):
            body = self.rfile.read(int(self.headers["Content-Length"])).decode()
            received.requests.append((dict(self.headers), body))
            status = received.statuses.pop(0) if received.statuses else 200
            self.send_response(status)
            self.send_header("Content-Length", "0")
            self.end_headers()

    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    server.daemon_threads = True
    received.port = server.server_address[1]
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    settings.FETCH_ALLOWED_ADDRESSES = [f"127.0.0.1:{received.port}"]
    yield received
    server.shutdown()
    server.server_close()


def hook_for(url: str, *events: str) -> Webhook:
    return Webhook.objects.create(url=url, events=list(events), secret=webhooks.new_secret())


@pytest.mark.worker
@pytest.mark.django_db(transaction=True)
def test_publishing_a_verdict_delivers_a_signed_event(receiver, celery_worker, alice, dave):
    hook = hook_for(receiver.url, "verdict.published")
    claim = ClaimFactory(status=Claim.Status.APPROVED)
    VerdictFactory(claim=claim, author=alice, approved_by=dave, approved_at=claim.created_at)
    api = client_for(dave)
    etag = api.get(f"/claims/{claim.pk}")["ETag"]
    assert api.post(f"/claims/{claim.pk}/publish", headers={"If-Match": etag}).status_code == 200

    wait_for(lambda: receiver.requests, timeout=20)
    headers, body = receiver.requests[0]
    assert webhooks.verify(hook.secret, headers["Webhook-Signature"], body)
    assert not webhooks.verify("whsec_wrong", headers["Webhook-Signature"], body)
    assert not webhooks.verify(hook.secret, headers["Webhook-Signature"], body.replace("published", "tampered"))
    assert headers["Webhook-Event"] == "verdict.published"
    payload = json.loads(body)
    assert payload["event"] == "verdict.published"
    assert payload["data"]["claim"]["id"] == claim.pk
    assert payload["data"]["verdict"]["rating"]["label"] == "False"
    assert payload["data"]["public_url"].startswith("http")
    delivery = wait_for(lambda: WebhookDelivery.objects.filter(status="delivered").first())
    assert (delivery.attempts, delivery.response_status) == (1, 200)


@pytest.mark.django_db
def test_only_hooks_that_want_the_event_get_it(receiver, django_capture_on_commit_callbacks, alice, bob):
    hook_for(receiver.url, "article.ready")
    wanted = hook_for(receiver.url, "verdict.proposed")
    switched_off = hook_for(receiver.url, "verdict.proposed")
    switched_off.is_active = False
    switched_off.save()
    claim = ClaimFactory(assignee=bob, status=Claim.Status.IN_REVIEW)
    api = client_for(bob)
    etag = api.get(f"/claims/{claim.pk}")["ETag"]
    with django_capture_on_commit_callbacks() as callbacks:
        api.post(
            f"/claims/{claim.pk}/verdicts",
            {"rating": Rating.objects.get(slug="false").pk, "rationale": "No."},
            headers={"If-Match": etag},
        )
    assert list(WebhookDelivery.objects.values_list("webhook_id", "event")) == [(wanted.pk, "verdict.proposed")]
    assert len(callbacks) == 1


@pytest.mark.django_db
def test_a_failing_hook_is_retried_then_marked_failed_and_can_be_replayed(receiver, settings, staff_client):
    settings.WEBHOOK_MAX_ATTEMPTS = 2
    hook = hook_for(receiver.url, "article.ready")
    (delivery,) = webhooks.emit("article.ready", {"article": {"id": 1}})
    receiver.statuses = [500, 503]
    with pytest.raises(RetryLater):
        webhooks.deliver(delivery_id=delivery.pk)
    delivery.refresh_from_db()
    assert (delivery.status, delivery.attempts, delivery.error) == ("pending", 1, "The hook answered 500")
    webhooks.deliver(delivery_id=delivery.pk)
    delivery.refresh_from_db()
    assert (delivery.status, delivery.attempts, delivery.response_status) == ("failed", 2, 503)
    assert webhooks.deliver(delivery_id=delivery.pk) is None  # a failed delivery is left alone

    response = staff_client.post(
        "/admin/api/webhookdelivery/", {"action": "replay", "_selected_action": [delivery.pk]}, follow=True
    )
    assert "Queued 1 delivery(ies) again." in response.content.decode()
    replay = WebhookDelivery.objects.get(replay_of=delivery)
    assert replay.body == delivery.body
    webhooks.deliver(delivery_id=replay.pk)
    replay.refresh_from_db()
    assert replay.status == "delivered"
    bodies = [body for _, body in receiver.requests]
    assert bodies == [delivery.body] * 3
    assert all(webhooks.verify(hook.secret, headers["Webhook-Signature"], body) for headers, body in receiver.requests)


@pytest.mark.django_db
def test_an_unreachable_hook_is_retried(settings):
    hook = hook_for("http://127.0.0.1:9/nothing-listens", "article.ready")
    settings.FETCH_ALLOWED_ADDRESSES = ["127.0.0.1:9"]
    (delivery,) = webhooks.emit("article.ready", {})
    with pytest.raises(RetryLater):
        webhooks.deliver(delivery_id=delivery.pk)
    delivery.refresh_from_db()
    assert delivery.error == "The site could not be reached"
    assert hook.deliveries.count() == 1


@pytest.mark.django_db
def test_staff_register_hooks_only_at_addresses_the_safe_fetcher_allows(staff_client, receiver, settings):
    form = {"url": "http://10.0.0.7/hook", "events": ["verdict.published"], "is_active": "on", "description": ""}
    response = staff_client.post("/admin/api/webhook/add/", form)
    assert "This address is not allowed: it points to a private network" in response.content.decode()
    settings.FETCH_ALLOWED_ADDRESSES = [f"127.0.0.1:{receiver.port}"]
    form["url"] = receiver.url
    response = staff_client.post("/admin/api/webhook/add/", form)
    assert response.status_code == 302
    hook = Webhook.objects.get()
    assert hook.secret.startswith("whsec_") and hook.events == ["verdict.published"]


def test_a_stale_signature_is_rejected():
    body = '{"event": "x"}'
    header = webhooks.signature("whsec_s", 1_000_000, body)
    assert webhooks.verify("whsec_s", header, body, now=1_000_100)
    assert not webhooks.verify("whsec_s", header, body, now=1_000_000 + 301)
    assert not webhooks.verify("whsec_s", "garbage", body)


@pytest.mark.worker
@pytest.mark.django_db(transaction=True)
def test_an_imported_article_announces_itself_when_ready(receiver, celery_worker, alice):
    hook = hook_for(receiver.url, "article.ready")
    api = client_for(alice)
    text = "The council approved a £12 million plan on Tuesday. Cycling rose by 38% since 2020, the mayor said."
    article_id = api.post("/articles/text", {"text": text}).json()["article"]["id"]

    wait_for(lambda: receiver.requests, timeout=30)
    headers, body = receiver.requests[0]
    assert webhooks.verify(hook.secret, headers["Webhook-Signature"], body)
    data = json.loads(body)["data"]
    assert (data["article"]["id"], data["article"]["status"]) == (article_id, "ready")
    assert data["claim_counts"]["worth_checking"] >= 1
    assert api.get(f"/articles/{article_id}/status").json()["progress"] == 100


@pytest.mark.django_db
def test_a_hook_whose_address_became_private_fails_at_once(settings):
    hook_for("http://10.0.0.7/hook", "article.ready")
    (delivery,) = webhooks.emit("article.ready", {})
    webhooks.deliver(delivery_id=delivery.pk)
    delivery.refresh_from_db()
    assert (delivery.status, delivery.attempts) == ("failed", 1)
    assert delivery.error == "This address is not allowed: it points to a private network"
