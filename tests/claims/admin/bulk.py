"""Many rows of every model the admin lists, created with bulk_create so 1,000 of each stay fast."""

from __future__ import annotations

from django.utils import timezone

from accounts.models import User
from claims.models import Article, Claim, Comment, DetectorDecision, DetectorModel, Rating, Source, Verdict
from documents.models import Document


def populate(count: int, *, start: int = 0) -> None:
    """Add ``count`` rows of each model (numbered from ``start`` so calls can add more)."""
    now = timezone.now()
    numbers = range(start, start + count)
    authors = User.objects.bulk_create(User(username=f"bulk-{n}", first_name=f"Bulk {n}") for n in numbers)
    rating = Rating.objects.get(slug="false")
    pages = Document.objects.bulk_create(
        Document(
            kind=Document.Kind.URL,
            url=f"https://news.example/bulk-{n}",
            url_key=Document.key_for(f"https://news.example/bulk-{n}"),
            status=Document.Status.READY,
            title=f"Page {n}",
            text="A long snapshot. " * 50,
            raw=b"<html>" + b"x" * 2000,
        )
        for n in numbers
    )
    articles = Article.objects.bulk_create(
        Article(
            title=f"Bulk article {n}",
            document=pages[i],
            dedupe_key=f"text:bulk-{n}",
            body="The council approved a plan. " * 40,
            status=Article.Status.READY,
            imported_by=authors[i],
        )
        for i, n in enumerate(numbers)
    )
    claims = Claim.objects.bulk_create(
        Claim(
            article=articles[i],
            text=f"Bulk claim {n} says cycling rose by 38%.",
            start=0,
            end=10,
            status=Claim.Status.IN_REVIEW,
            assignee=authors[i],
        )
        for i, n in enumerate(numbers)
    )
    # An update per claim, so the history lists have changes to show.
    Claim.objects.filter(pk__in=[claim.pk for claim in claims]).update(status=Claim.Status.VERDICT_PROPOSED)
    Source.objects.bulk_create(
        Source(claim=claims[i], document=pages[i], excerpt="Cycling rose.", added_by=authors[i]) for i in range(count)
    )
    Verdict.objects.bulk_create(
        Verdict(claim=claims[i], rating=rating, rationale="The report says otherwise.", author=authors[i])
        for i in range(count)
    )
    Comment.objects.bulk_create(Comment(claim=claims[i], author=authors[i], body="Check it") for i in range(count))
    DetectorDecision.objects.bulk_create(
        DetectorDecision(
            claim=claims[i], action="kept", text=claims[i].text, features={"number": 1.0}, label=True, user=authors[i]
        )
        for i in range(count)
    )
    DetectorModel.objects.bulk_create(
        DetectorModel(weights={"bias": 0.1}, metrics={"held_out": {"f1": 0.7, "precision": 0.8}}, created_at=now)
        for _ in numbers
    )
