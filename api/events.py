"""Claims' signals turned into webhook events with their payloads."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.urls import reverse

from api import webhooks
from api.representations import article_summary, claim_out, verdict_out
from claims import signals
from claims.models import Article, Claim, Verdict


def _absolute(path: str) -> str:
    return settings.SITE_URL + path


def _article_data(article_id: int) -> dict[str, Any] | None:
    article = Article.objects.filter(pk=article_id).first()
    if article is None:
        return None
    counts = dict.fromkeys(Claim.Bucket.values, 0)
    for bucket in article.claims.visible().values_list("bucket", flat=True):
        counts[bucket] += 1
    return {
        "article": article_summary(article),
        "claim_counts": counts,
        "error": article.error,
    }


def _claim_data(claim: Claim, verdict: Verdict | None) -> dict[str, Any]:
    data: dict[str, Any] = {"claim": claim_out(claim), "verdict": verdict_out(verdict) if verdict else None}
    if claim.status == Claim.Status.PUBLISHED:
        data["public_url"] = _absolute(
            reverse("claims:public-claim-report", args=[claim.article.public_token, claim.public_token])
        )
    return data


def _verdicts(claim_ids: list[int]) -> list[tuple[Claim, Verdict | None]]:
    claims = Claim.objects.filter(pk__in=claim_ids).select_related("article", "assignee").with_current_verdict()
    latest: dict[int, Verdict] = {}
    for verdict in Verdict.objects.filter(claim_id__in=claim_ids).select_related("rating", "author", "approved_by"):
        latest.setdefault(verdict.claim_id, verdict)  # ordered newest first
    return [(claim, latest.get(claim.pk)) for claim in claims]


def on_article_ready(sender: Any, *, article_id: int, **kwargs: Any) -> None:
    if not webhooks.wanted("article.ready"):
        return
    data = _article_data(article_id)
    if data is not None:
        webhooks.emit("article.ready", data)


def on_article_failed(sender: Any, *, article_id: int, **kwargs: Any) -> None:
    if not webhooks.wanted("article.failed"):
        return
    data = _article_data(article_id)
    if data is not None:
        webhooks.emit("article.failed", data)


def on_verdict_proposed(sender: Any, *, claim_id: int, **kwargs: Any) -> None:
    if not webhooks.wanted("verdict.proposed"):
        return
    for claim, verdict in _verdicts([claim_id]):
        webhooks.emit("verdict.proposed", _claim_data(claim, verdict))


def on_verdict_approved(sender: Any, *, claim_id: int, **kwargs: Any) -> None:
    if not webhooks.wanted("verdict.approved"):
        return
    for claim, verdict in _verdicts([claim_id]):
        webhooks.emit("verdict.approved", _claim_data(claim, verdict))


def on_verdicts_published(sender: Any, *, claim_ids: list[int], **kwargs: Any) -> None:
    if not webhooks.wanted("verdict.published"):
        return
    for claim, verdict in _verdicts(claim_ids):
        webhooks.emit("verdict.published", _claim_data(claim, verdict))


def on_verdicts_unpublished(sender: Any, *, claim_ids: list[int], **kwargs: Any) -> None:
    if not webhooks.wanted("verdict.unpublished"):
        return
    for claim, verdict in _verdicts(claim_ids):
        webhooks.emit("verdict.unpublished", _claim_data(claim, verdict))


def connect() -> None:
    signals.article_ready.connect(on_article_ready, dispatch_uid="api-article-ready")
    signals.article_failed.connect(on_article_failed, dispatch_uid="api-article-failed")
    signals.verdict_proposed.connect(on_verdict_proposed, dispatch_uid="api-verdict-proposed")
    signals.verdict_approved.connect(on_verdict_approved, dispatch_uid="api-verdict-approved")
    signals.verdicts_published.connect(on_verdicts_published, dispatch_uid="api-verdicts-published")
    signals.verdicts_unpublished.connect(on_verdicts_unpublished, dispatch_uid="api-verdicts-unpublished")
