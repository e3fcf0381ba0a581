"""Research and verdicts: sources with stances, verdict proposals, approval and publication.

Only editors approve and publish, and nobody approves their own verdict (also a database
constraint). A claim's current verdict is its latest one; earlier ones are its history.
"""

from __future__ import annotations

from datetime import timedelta
from typing import TYPE_CHECKING

from django.db import IntegrityError, transaction
from django.db.models import F
from django.utils import timezone

from claims import signals
from claims.models import Claim, Comment, Rating, Source, Verdict
from claims.review.triage import EditConflict, TriageError
from documents import ingest

if TYPE_CHECKING:
    from accounts.models import User

RESEARCH_OPEN = (Claim.Status.NEW, Claim.Status.IN_REVIEW, Claim.Status.VERDICT_PROPOSED)


class WorkflowError(TriageError):
    """A step the claim's current state does not allow; the message is for the user."""


def current_verdict(claim: Claim) -> Verdict | None:
    return claim.verdicts.select_related("rating", "author", "approved_by").order_by("-created_at", "-pk").first()


@transaction.atomic
def add_source(
    *, claim: Claim, user: User, url: str, stance: str = Source.Stance.CONTEXT, note: str = "", excerpt: str = ""
) -> tuple[Source, bool]:
    """Cite a URL for a claim; the page is fetched in the background. Returns (source, created).

    Adding the same URL twice returns the existing source instead of a duplicate.
    """
    document = ingest.request_document(url=url)
    try:
        with transaction.atomic():
            source = Source.objects.create(
                claim=claim, document=document, stance=stance, note=note.strip(), excerpt=excerpt.strip(), added_by=user
            )
    except IntegrityError:
        return Source.objects.select_related("document").get(claim=claim, document=document), False
    if claim.status == Claim.Status.NEW:
        Claim.objects.filter(pk=claim.pk, status=Claim.Status.NEW).update(
            status=Claim.Status.IN_REVIEW, version=F("version") + 1
        )
    return source, True


def update_source(*, source: Source, stance: str, excerpt: str, note: str) -> Source:
    source.stance = stance
    source.excerpt = excerpt.strip()
    source.note = note.strip()
    source.save(update_fields=["stance", "excerpt", "note", "updated_at"])
    return source


def remove_source(*, source: Source) -> None:
    source.delete()


@transaction.atomic
def propose_verdict(*, claim: Claim, author: User, rating: Rating, rationale: str, version: int) -> Verdict:
    """Propose a verdict (a new revision) and move the claim to 'verdict proposed'.

    ``version`` is the claim version the author saw: if someone proposed or changed the claim
    since, EditConflict carries the current claim so the author's text can be kept and compared.
    Submitting the same proposal twice returns the first.
    """
    rationale = rationale.strip()
    if not rationale:
        raise WorkflowError("Write a rationale: readers need to know why.")
    if claim.status not in RESEARCH_OPEN:
        raise WorkflowError("This claim is not open for a verdict.")
    latest = current_verdict(claim)
    if (
        latest is not None
        and latest.approved_at is None
        and latest.author_id == author.pk
        and latest.rating_id == rating.pk
        and latest.rationale == rationale
    ):
        return latest
    updated = Claim.objects.filter(pk=claim.pk, version=version, status__in=RESEARCH_OPEN).update(
        status=Claim.Status.VERDICT_PROPOSED, version=F("version") + 1, updated_at=timezone.now()
    )
    if not updated:
        raise EditConflict(Claim.objects.select_related("article", "assignee").get(pk=claim.pk))
    verdict = Verdict.objects.create(claim=claim, rating=rating, rationale=rationale, author=author)
    signals.verdict_proposed.send(sender=Verdict, claim_id=claim.pk, verdict_id=verdict.pk)
    return verdict


@transaction.atomic
def approve_verdict(*, verdict: Verdict, user: User) -> Verdict:
    """Approve the claim's current proposed verdict; only another editor may."""
    if verdict.author_id == user.pk:
        raise WorkflowError("You cannot approve your own verdict; ask another editor.")
    if current_verdict(verdict.claim) != verdict:
        raise WorkflowError("A newer verdict was proposed; review that one.")
    now = timezone.now()
    approved = Verdict.objects.filter(pk=verdict.pk, approved_at__isnull=True).update(
        approved_by=user, approved_at=now, version=F("version") + 1, updated_at=now
    )
    moved = Claim.objects.filter(pk=verdict.claim_id, status=Claim.Status.VERDICT_PROPOSED).update(
        status=Claim.Status.APPROVED, version=F("version") + 1, updated_at=now
    )
    if not approved or not moved:
        raise WorkflowError("This verdict was already approved or withdrawn.")
    verdict.refresh_from_db()
    signals.verdict_approved.send(sender=Verdict, claim_id=verdict.claim_id, verdict_id=verdict.pk)
    return verdict


@transaction.atomic
def send_back(*, claim: Claim, user: User, reason: str) -> Claim:
    """Return a proposed verdict to the reviewer with a comment; the claim goes back into review."""
    if claim.status != Claim.Status.VERDICT_PROPOSED:
        raise WorkflowError("Only a proposed verdict can be sent back.")
    if reason.strip():
        Comment.objects.create(claim=claim, author=user, body=reason.strip())
    Claim.objects.filter(pk=claim.pk).update(
        status=Claim.Status.IN_REVIEW, version=F("version") + 1, updated_at=timezone.now()
    )
    claim.refresh_from_db()
    return claim


@transaction.atomic
def publish_claims(*, claims: list[Claim], user: User) -> int:
    """Publish approved claims: their current verdicts become public. Returns how many."""
    now = timezone.now()
    published: list[int] = []
    for claim in claims:
        verdict = current_verdict(claim)
        if claim.status != Claim.Status.APPROVED or verdict is None or verdict.approved_at is None:
            continue
        Verdict.objects.filter(pk=verdict.pk).update(published_at=now, updated_at=now)
        if Claim.objects.filter(pk=claim.pk, status=Claim.Status.APPROVED).update(
            status=Claim.Status.PUBLISHED, version=F("version") + 1, updated_at=now
        ):
            published.append(claim.pk)
    if published:
        signals.verdicts_published.send(sender=Verdict, claim_ids=published)
    return len(published)


def publish_claim(*, claim: Claim, user: User) -> Claim:
    if not publish_claims(claims=[claim], user=user):
        raise WorkflowError("Only an approved verdict can be published.")
    claim.refresh_from_db()
    return claim


@transaction.atomic
def unpublish_claims(*, claims: list[Claim], user: User) -> int:
    """Take published verdicts off the public pages and exports; the claims return to approved."""
    now = timezone.now()
    ids = [claim.pk for claim in claims if claim.status == Claim.Status.PUBLISHED]
    Verdict.objects.filter(claim_id__in=ids, published_at__isnull=False).update(published_at=None, updated_at=now)
    unpublished = Claim.objects.filter(pk__in=ids, status=Claim.Status.PUBLISHED).update(
        status=Claim.Status.APPROVED, version=F("version") + 1, updated_at=now
    )
    if unpublished:
        signals.verdicts_unpublished.send(sender=Verdict, claim_ids=ids)
    return unpublished


# A second identical comment this soon after the first is a double submission, not a repeat.
DUPLICATE_COMMENT_WINDOW = timedelta(seconds=30)


def add_comment(*, claim: Claim, author: User, body: str) -> Comment:
    """Add a comment; submitting the same text twice in quick succession returns the first."""
    body = body.strip()
    if not body:
        raise WorkflowError("The comment is empty.")
    recent = Comment.objects.filter(
        claim=claim, author=author, body=body, created_at__gte=timezone.now() - DUPLICATE_COMMENT_WINDOW
    ).first()
    return recent or Comment.objects.create(claim=claim, author=author, body=body)
