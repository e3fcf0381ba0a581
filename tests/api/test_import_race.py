"""Two requests with the same Idempotency-Key at the same moment create one article."""

from __future__ import annotations

import threading

import pytest
from django.db import connection

from claims.models import Article
from tests.api.conftest import client_for


@pytest.mark.django_db(transaction=True)
def test_two_concurrent_requests_with_one_key_create_one_article(alice):
    api = client_for(alice)
    barrier = threading.Barrier(2)
    responses = []

    def send() -> None:
        barrier.wait()
        try:
            responses.append(
                api.post(
                    "/articles/text",
                    {"text": "The council approved a £12 million plan on Tuesday, officials said today."},
                    headers={"Idempotency-Key": "same-key"},
                )
            )
        finally:
            connection.close()

    threads = [threading.Thread(target=send) for _ in range(2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()

    assert sorted(response.status_code for response in responses) == [200, 201]
    assert len({response.json()["article"]["id"] for response in responses}) == 1
    assert Article.objects.count() == 1


@pytest.mark.django_db(transaction=True)
def test_two_concurrent_requests_with_different_keys_for_one_url_still_make_one_article(alice):
    api = client_for(alice)
    barrier = threading.Barrier(2)
    responses = []

    def send(key: str) -> None:
        barrier.wait()
        try:
            responses.append(
                api.post("/articles/url", {"url": "https://news.example/plan"}, headers={"Idempotency-Key": key})
            )
        finally:
            connection.close()

    threads = [threading.Thread(target=send, args=(key,)) for key in ("a", "b")]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()

    assert len({response.json()["article"]["id"] for response in responses}) == 1
    assert Article.objects.count() == 1
