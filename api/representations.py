"""Models turned into the API's JSON, in one place, so every route shows a claim the same way."""

from __future__ import annotations

from typing import Any

from django.urls import reverse

from accounts.models import User
from claims.intake import importing
from claims.models import Article, Claim, Comment, Rating, ReportJob, Source, Verdict
from claims.review.history import Entry


def user_ref(user: User | None) -> dict[str, Any] | None:
    if user is None:
        return None
    return {"id": user.pk, "username": user.username, "name": user.display_name}


def rating_out(rating: Rating) -> dict[str, Any]:
    return {
        "id": rating.pk,
        "label": rating.label,
        "slug": rating.slug,
        "value": rating.value,
        "colour": rating.colour,
        "description": rating.description,
    }


def article_links(article: Article) -> dict[str, str]:
    return {
        "self": reverse("api-v1:article", args=[article.pk]),
        "status": reverse("api-v1:article_status", args=[article.pk]),
        "claims": reverse("api-v1:list_claims") + f"?article={article.pk}",
        "web": article.get_absolute_url(),
    }


def article_summary(article: Article) -> dict[str, Any]:
    return {
        "id": article.pk,
        "title": article.title,
        "url": article.url,
        "status": article.status,
        "created_at": article.created_at,
        "links": article_links(article),
    }


def article_status(article: Article) -> dict[str, Any]:
    steps = importing.steps_for(article)
    if article.status == Article.Status.READY:
        progress = 100
    else:
        done = sum(step["state"] == "done" for step in steps)
        progress = 100 * done // (len(steps) + 1)
    return {
        "id": article.pk,
        "status": article.status,
        "status_label": article.get_status_display(),
        "progress": progress,
        "steps": steps,
        "error": article.error,
        "attempts": article.attempts,
        "status_changed_at": article.status_changed_at,
    }


def article_out(article: Article, *, claim_count: int) -> dict[str, Any]:
    return {
        **article_summary(article),
        "canonical_url": article.canonical_url,
        "publisher": article.publisher,
        "authors": [str(author) for author in article.authors],
        "published_on": article.published_on,
        "language": article.language,
        "body": article.body,
        "notices": [str(notice) for notice in article.notices],
        "error": article.error,
        "claim_count": claim_count,
        "imported_by": user_ref(article.imported_by),
        "updated_at": article.updated_at,
    }


def claim_out(claim: Claim, *, rating_label: str | None = None) -> dict[str, Any]:
    return {
        "id": claim.pk,
        "article_id": claim.article_id,
        "text": claim.text,
        "quote": claim.quote,
        "start": claim.start,
        "end": claim.end,
        "claimant": claim.claimant,
        "claim_type": claim.claim_type,
        "checkworthiness": claim.checkworthiness,
        "bucket": claim.bucket,
        "reasons": [str(reason) for reason in claim.reasons],
        "status": claim.status,
        "assignee": user_ref(claim.assignee),
        "current_rating": rating_label if rating_label is not None else getattr(claim, "current_rating_label", None),
        "version": claim.version,
        "created_at": claim.created_at,
        "updated_at": claim.updated_at,
    }


def verdict_out(verdict: Verdict) -> dict[str, Any]:
    return {
        "id": verdict.pk,
        "rating": rating_out(verdict.rating),
        "rationale": verdict.rationale,
        "author": user_ref(verdict.author),
        "approved_by": user_ref(verdict.approved_by),
        "approved_at": verdict.approved_at,
        "published_at": verdict.published_at,
        "created_at": verdict.created_at,
    }


def source_out(source: Source) -> dict[str, Any]:
    document = source.document
    return {
        "id": source.pk,
        "claim_id": source.claim_id,
        "url": document.url,
        "title": document.title,
        "publisher": document.publisher,
        "published_on": document.published_on,
        "fetch_status": document.status,
        "fetch_error": document.error,
        "fetched_at": document.fetched_at,
        "stance": source.stance,
        "excerpt": source.excerpt,
        "note": source.note,
        "added_by": user_ref(source.added_by),
        "created_at": source.created_at,
        "updated_at": source.updated_at,
    }


def comment_out(comment: Comment) -> dict[str, Any]:
    return {
        "id": comment.pk,
        "author": user_ref(comment.author),
        "body": comment.body,
        "created_at": comment.created_at,
    }


def history_out(entry: Entry) -> dict[str, Any]:
    return {"when": entry.when, "user": user_ref(entry.user), "summary": entry.summary, "changes": entry.changes}


def job_out(job: ReportJob) -> dict[str, Any]:
    ready = job.status == ReportJob.Status.READY
    return {
        "id": job.pk,
        "title": job.title,
        "status": job.status,
        "progress": job.progress,
        "total": job.total,
        "error": job.error,
        "created_at": job.created_at,
        "finished_at": job.finished_at,
        "download_url": reverse("api-v1:download_report_job", args=[job.pk]) if ready else None,
    }
