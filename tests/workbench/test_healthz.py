from __future__ import annotations

import pytest

from workbench.celery import app as celery_app

pytestmark = pytest.mark.django_db


def test_it_reports_healthy_services(client):
    response = client.get("/healthz")
    assert response.status_code == 200
    body = response.json()
    assert body["status"] == "ok"
    assert body["database"] == "ok"
    assert body["broker"] == "ok"


def test_it_answers_503_when_the_broker_is_down(client, unused_tcp_port):
    # A real connection attempt to a port where nothing listens.
    original = celery_app.conf.broker_url
    celery_app.conf.broker_url = f"redis://127.0.0.1:{unused_tcp_port}/0"
    try:
        response = client.get("/healthz")
    finally:
        celery_app.conf.broker_url = original
    assert response.status_code == 503
    assert response.json() == {
        "status": "unavailable",
        "database": "ok",
        "broker": "down",
        "worker_last_seen": "unknown",
    }


def test_it_is_never_cached(client):
    assert "no-cache" in client.get("/healthz")["Cache-Control"]


def test_it_rejects_post(client):
    assert client.post("/healthz").status_code == 405


def test_the_site_icon_is_served(client):
    response = client.get("/favicon.ico")
    assert response.status_code == 301
    assert response["Location"] == "/static/favicon.svg"
