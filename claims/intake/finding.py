"""Splitting an article into claims: claim detection wired to the database, keeping people's work."""

from __future__ import annotations

import re

from django.db import transaction
from django.db.models import Exists, OuterRef, Q
from django.db.models.expressions import Combinable

from claims import signals
from claims.learning import active
from claims.models import Article, Claim, Comment, Source, Verdict

# Words that mark a claimant as an organisation rather than a person.
ORGANISATION_WORDS = {
    "agency", "association", "authority", "bank", "board", "bureau", "centre", "center", "commission",
    "committee", "company", "corp", "corporation", "council", "court", "department", "foundation",
    "government", "group", "inc", "institute", "league", "ltd", "ministry", "news", "office",
    "organisation", "organization", "party", "police", "press", "service", "society", "team",
    "times", "trust", "union", "university", "nhs", "un", "who", "fbi", "eu",
}  # fmt: skip
_NAME_PARTICLES = {"de", "van", "von", "der", "da", "di", "la", "le", "bin", "al", "ibn", "du"}
_NAME_WORD = re.compile(r"^[A-Z][a-zà-ÿ'’.-]+$|^[A-Z]\.$")


def claimant_type(claimant: str | None) -> str:
    """Person when it reads like a person's name ("Jane Doe"), Organization otherwise; '' without one."""
    if not claimant:
        return ""
    words = claimant.replace(",", " ").split()
    lowered = {word.lower().strip(".") for word in words}
    if lowered & ORGANISATION_WORDS or words[0].lower() == "the" or len(words) > 4:
        return Claim.ClaimantType.ORGANIZATION
    if all(_NAME_WORD.match(word) or word in _NAME_PARTICLES for word in words):
        return Claim.ClaimantType.PERSON
    return Claim.ClaimantType.ORGANIZATION


def claims_with_work() -> Combinable:
    """Claims people touched, or that carry sources, verdicts or comments: never deleted by a re-split."""
    return (
        ~Q(origin=Claim.Origin.DETECTED)
        | ~Q(status=Claim.Status.NEW)
        | Q(edited=True)
        | Q(assignee__isnull=False)
        | Exists(Source.objects.filter(claim=OuterRef("pk")))
        | Exists(Verdict.objects.filter(claim=OuterRef("pk")))
        | Exists(Comment.objects.filter(claim=OuterRef("pk")))
    )


def _language(article: Article) -> str:
    return (article.language or "en").split("-")[0].lower() or "en"


def reanchor_claims(*, article: Article) -> int:
    """After the body changed, move each claim's span to where its quote now stands.

    The occurrence nearest the old position wins; a quote no longer in the text loses its span
    (the claim and its work are kept, just not highlighted). Returns how many claims moved.
    """
    body = article.body
    moved = []
    for claim in article.claims.only("pk", "quote", "start", "end"):
        if claim.start is None or not claim.quote or body[claim.start : claim.end] == claim.quote:
            continue
        positions = []
        index = body.find(claim.quote)
        while index != -1:
            positions.append(index)
            index = body.find(claim.quote, index + 1)
        if positions:
            claim.start = min(positions, key=lambda position: abs(position - (claim.start or 0)))
            claim.end = claim.start + len(claim.quote)
        else:
            claim.start = claim.end = None
        moved.append(claim)
    Claim.objects.bulk_update(moved, ["start", "end"])
    return len(moved)


@transaction.atomic
def split_article(*, article: Article) -> int:
    """Replace the article's untouched detected claims with fresh candidates; return how many were created.

    Atomic and safe to re-run: claims that carry work are kept, and no candidate duplicates a kept span.
    A fixed number of queries whatever the number of claims (the deletion cascades in bulk).
    """
    body = article.body
    candidates = active.detect_claims(body, language=_language(article)) if body else []
    work = claims_with_work()
    article.claims.exclude(work).delete()
    reanchor_claims(article=article)
    kept = list(article.claims.values_list("start", "end", "text"))
    kept_texts = {text for _, _, text in kept}
    kept_spans = [(start, end) for start, end, _ in kept if start is not None and end is not None]

    def overlaps_kept(start: int, end: int) -> bool:
        return any(start < kept_end and kept_start < end for kept_start, kept_end in kept_spans)

    new_claims = [
        Claim(
            article=article,
            text=candidate.text,
            quote=body[candidate.start : candidate.end],
            rewrite=candidate.rewrite or "",
            start=candidate.start,
            end=candidate.end,
            claim_type=candidate.claim_type if candidate.claim_type in Claim.Type.values else Claim.Type.OTHER,
            checkworthiness=min(max(candidate.checkworthiness, 0.0), 1.0),
            bucket=candidate.bucket,
            reasons=list(candidate.reasons),
            features=dict(candidate.features),
            claimant=(candidate.claimant or "")[:255],
            claimant_type=claimant_type(candidate.claimant),
            claimed_on=article.published_on,
            origin=Claim.Origin.DETECTED,
            status=Claim.Status.NEW,
        )
        for candidate in candidates
        if candidate.end > candidate.start
        and candidate.text not in kept_texts
        and not overlaps_kept(candidate.start, candidate.end)
    ]
    Claim.objects.bulk_create(new_claims)
    signals.claims_detected.send(sender=Article, article_id=article.pk)
    return len(new_claims)
