"""Report data for export tests and the export benchmark: claims taken through the real workflow, or in bulk."""

from __future__ import annotations

import datetime
import hashlib

from django.utils import timezone

from claims.exports.markdown import render_markdown
from claims.models import Article, Claim, Rating, Source, Verdict
from claims.review import verification
from documents.models import Document
from tests.factories import ClaimFactory, UrlDocumentFactory

HOSTILE = "</script><script>alert(1)</script> & < > “quotes” 🙂 ünïcode"


def published_claim(
    article: Article, *, text: str, rating: str, reviewer, editor, rationale: str = "", **fields
) -> Claim:
    """A claim taken through propose → approve → publish, as the newsroom would."""
    claim = ClaimFactory(article=article, text=text, status=Claim.Status.IN_REVIEW, assignee=reviewer, **fields)
    verdict = verification.propose_verdict(
        claim=claim,
        author=reviewer,
        rating=Rating.objects.get(slug=rating),
        rationale=rationale or f"Checked against the source: **{rating}**.",
        version=claim.version,
    )
    verification.approve_verdict(verdict=verdict, user=editor)
    claim.refresh_from_db()
    return verification.publish_claim(claim=claim, user=editor)


def cite(claim: Claim, *, title: str, stance: str = Source.Stance.REFUTES, fetched_at=None) -> Source:
    document = UrlDocumentFactory(
        title=title,
        publisher="Office for Statistics",
        published_on=datetime.date(2025, 11, 3),
        fetched_at=fetched_at or timezone.make_aware(datetime.datetime(2026, 3, 4, 10, 30)),
    )
    return Source.objects.create(claim=claim, document=document, stance=stance, excerpt="Cycling rose 4%.")


def bulk_published_claims(article: Article, count: int, *, author, approver, sources_per_claim: int = 2) -> None:
    """Many published claims with verdicts and sources, inserted in bulk (for streaming tests and benchmarks)."""
    ratings = list(Rating.objects.filter(is_active=True))
    now = timezone.now()
    claims = Claim.objects.bulk_create(
        [
            Claim(
                article=article,
                text=f"Claim {i}: cycling trips rose by {i % 90}% since 2020, said the council.",
                start=i * 10,
                end=i * 10 + 8,
                claimant="Jane Doe" if i % 2 else "City Council",
                claimant_type=Claim.ClaimantType.PERSON if i % 2 else Claim.ClaimantType.ORGANIZATION,
                claimed_on=datetime.date(2026, 3, 1),
                status=Claim.Status.PUBLISHED,
            )
            for i in range(count)
        ],
        batch_size=1000,
    )
    rationales = [
        f"The council's own report (table {i}) says **4%**, not what was claimed.\n\n- one\n- two" for i in range(count)
    ]
    Verdict.objects.bulk_create(
        [
            Verdict(
                claim=claim,
                rating=ratings[i % len(ratings)],
                rationale=rationales[i],
                # As Verdict.save() would: the rendered rationale is stored with the Markdown.
                rationale_html=render_markdown(rationales[i]),
                author=author,
                approved_by=approver,
                approved_at=now,
                published_at=now,
            )
            for i, claim in enumerate(claims)
        ],
        batch_size=1000,
    )
    pool = min(50, max(1, count))
    documents = Document.objects.bulk_create(
        [
            Document(
                kind=Document.Kind.URL,
                url=f"https://stats.example/{article.pk}/report-{i}",
                url_key=hashlib.sha256(f"bulk-{article.pk}-{i}".encode()).hexdigest(),
                title=f"Transport statistics {i}",
                publisher="Office for Statistics",
                status=Document.Status.READY,
                fetched_at=now,
            )
            for i in range(pool)
        ]
    )
    stances = [Source.Stance.REFUTES, Source.Stance.SUPPORTS, Source.Stance.CONTEXT]
    Source.objects.bulk_create(
        [
            Source(claim=claim, document=documents[(i + k) % pool], stance=stances[(i + k) % 3], excerpt="Rose 4%.")
            for i, claim in enumerate(claims)
            for k in range(min(sources_per_claim, pool))
        ],
        batch_size=2000,
    )
