"""factory_boy factories: required fields only, deterministic values."""

from __future__ import annotations

import factory

from claims.models import Article, Claim, Comment, Rating, Source, Verdict
from documents.models import Document


class DocumentFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Document

    kind = Document.Kind.PASTE
    status = Document.Status.READY


class UrlDocumentFactory(DocumentFactory):
    kind = Document.Kind.URL
    url = factory.Sequence(lambda n: f"https://news.example/story-{n}")
    title = factory.Sequence(lambda n: f"Source page {n}")


class ArticleFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Article

    title = factory.Sequence(lambda n: f"Article {n}")
    document = factory.SubFactory(DocumentFactory)
    dedupe_key = factory.Sequence(lambda n: f"text:{n:064d}")
    body = "The council approved a £12 million plan on Tuesday. Cycling rose by 38% since 2020."
    status = Article.Status.READY


class ClaimFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Claim

    article = factory.SubFactory(ArticleFactory)
    text = factory.Sequence(lambda n: f"Claim number {n} says 38% of trips are by bike.")
    start = 0
    end = 10
    checkworthiness = 0.8
    bucket = Claim.Bucket.WORTH_CHECKING


class SourceFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Source

    claim = factory.SubFactory(ClaimFactory)
    document = factory.SubFactory(UrlDocumentFactory)


class VerdictFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Verdict

    claim = factory.SubFactory(ClaimFactory)
    rating = factory.LazyFunction(lambda: Rating.objects.get(slug="false"))
    rationale = "The figures in the council report say otherwise."


class CommentFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Comment

    claim = factory.SubFactory(ClaimFactory)
    body = "Can you find the original report?"
