"""API clients for each persona: a Django test client that sends the persona's personal token."""

from __future__ import annotations

import json

import pytest
from django.test import Client
from django.utils import timezone

from api import tokens
from claims.models import Claim, Rating, ReportJob
from tests.factories import ArticleFactory, ClaimFactory, SourceFactory, VerdictFactory


class ApiClient:
    """Calls /api/v1/ with a Bearer token; bodies are JSON unless a multipart ``data`` is given."""

    def __init__(self, token: str | None) -> None:
        self.client = Client()
        self.token = token

    def _headers(self, headers: dict[str, str] | None) -> dict[str, str]:
        merged = dict(headers or {})
        if self.token:
            merged.setdefault("Authorization", f"Bearer {self.token}")
        return merged

    def get(self, path: str, params=None, headers=None):
        return self.client.get("/api/v1" + path, params or {}, headers=self._headers(headers))

    def post(self, path: str, body=None, headers=None, *, data=None):
        if data is not None:
            return self.client.post("/api/v1" + path, data, headers=self._headers(headers))
        content = json.dumps(body if body is not None else {})
        return self.client.post(
            "/api/v1" + path, content, content_type="application/json", headers=self._headers(headers)
        )

    def patch(self, path: str, body, headers=None):
        return self.client.patch(
            "/api/v1" + path, json.dumps(body), content_type="application/json", headers=self._headers(headers)
        )

    def delete(self, path: str, headers=None):
        return self.client.delete("/api/v1" + path, headers=self._headers(headers))


def client_for(user) -> ApiClient:
    _, raw = tokens.create_token(user=user, name="test")
    return ApiClient(raw)


@pytest.fixture
def editor_api(alice) -> ApiClient:
    return client_for(alice)


@pytest.fixture
def second_editor_api(dave) -> ApiClient:
    return client_for(dave)


@pytest.fixture
def reviewer_api(bob) -> ApiClient:
    return client_for(bob)


@pytest.fixture
def outsider_api(charlie) -> ApiClient:
    return client_for(charlie)


@pytest.fixture
def anonymous_api() -> ApiClient:
    return ApiClient(None)


def assert_problem(response, status: int) -> dict:
    """The response is an RFC 9457 problem with this status."""
    assert response.status_code == status, response.content[:500]
    assert response["Content-Type"] == "application/problem+json"
    body = response.json()
    assert body["status"] == status
    assert body["title"] and body["detail"] and body["type"].startswith("https://")
    return body


@pytest.fixture
def objects(alice, bob, dave, charlie):
    """One object of each kind and state the API acts on, by name."""
    article = ArticleFactory()
    now = timezone.now()
    mine = ClaimFactory(article=article, assignee=bob, status=Claim.Status.IN_REVIEW)
    proposed = ClaimFactory(article=article, assignee=bob, status=Claim.Status.VERDICT_PROPOSED)
    VerdictFactory(claim=proposed, author=bob)
    approved = ClaimFactory(article=article, status=Claim.Status.APPROVED)
    VerdictFactory(claim=approved, author=bob, approved_by=dave, approved_at=now)
    published = ClaimFactory(article=article, status=Claim.Status.PUBLISHED)
    VerdictFactory(claim=published, author=bob, approved_by=dave, approved_at=now, published_at=now)
    job = ReportJob.objects.create(title="Report", status=ReportJob.Status.READY, pdf=b"%PDF-1.7")
    return {
        "article": article.pk,
        "new": ClaimFactory(article=article).pk,
        "dismissed": ClaimFactory(article=article, status=Claim.Status.DISMISSED).pk,
        "mine": mine.pk,
        "proposed": proposed.pk,
        "approved": approved.pk,
        "published": published.pk,
        "source": SourceFactory(claim=mine).pk,
        "other_source": SourceFactory(claim=ClaimFactory(article=article)).pk,
        "rating": Rating.objects.get(slug="false").pk,
        "bob": bob.pk,
        "job": job.pk,
    }
