"""Public report pages: published verdicts only, readable without logging in, at unguessable URLs."""

from __future__ import annotations

from dataclasses import replace

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.views.decorators.http import require_GET

from claims.exports import claimreview
from claims.exports.records import Scope, article_scope, iter_records
from claims.exports.summary import summarise
from claims.models import Article, Rating


def _not_found(request: HttpRequest) -> HttpResponse:
    return render(request, "public/not_found.html", status=404)


def _published_scope(token: str) -> Scope | None:
    article = Article.objects.live().filter(public_token=token).first()
    if article is None:
        return None
    return article_scope(article, published_only=True)


@require_GET
def article_report(request: HttpRequest, token: str) -> HttpResponse:
    scope = _published_scope(token)
    if scope is None:
        return _not_found(request)
    records = list(iter_records(scope))
    if not records:
        return _not_found(request)
    organization, scale = claimreview.review_context()
    # One ClaimReview per published claim: search engines read several on one page.
    reviews = [claimreview.build(record, organization=organization, scale=scale) for record in records]
    context = {
        "scope": scope,
        "article": scope.article,
        "summary": summarise(scope),
        "records": records,
        "claim_reviews": reviews,
    }
    return render(request, "public/article_report.html", context)


@require_GET
def claim_report(request: HttpRequest, token: str, claim_token: str) -> HttpResponse:
    scope = _published_scope(token)
    if scope is None:
        return _not_found(request)
    record = next(iter_records(replace(scope, queryset=scope.queryset.filter(public_token=claim_token))), None)
    if record is None:
        return _not_found(request)
    organization, scale = claimreview.review_context()
    review = claimreview.build(record, organization=organization, scale=scale)
    context = {"article": scope.article, "record": record, "claim_review": review, "organization": organization}
    return render(request, "public/claim_report.html", context)


@require_GET
def rating_scale(request: HttpRequest) -> HttpResponse:
    ratings = Rating.objects.filter(is_active=True)
    context = {"ratings": ratings, "scale": claimreview.rating_scale()}
    return render(request, "public/rating_scale.html", context)
