"""Editors' triage of claims: keep, dismiss, edit, split, merge, add, assign — with optimistic locking.

Every write to a claim's editable fields goes through a conditional UPDATE on ``version``, so two
people editing the same claim never silently overwrite each other: the second gets EditConflict
with the current row, and the caller keeps what they typed.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date
from typing import TYPE_CHECKING, Any

from django.db import transaction
from django.db.models import F, QuerySet
from django.utils import timezone
from django.utils.text import Truncator

from claims.detection.features import extract_features
from claims.errors import ActionRefused
from claims.learning.decisions import record_decision
from claims.models import Article, Claim, Comment, DetectorDecision, Source, Verdict

if TYPE_CHECKING:
    from accounts.models import User

TRIAGE_OPEN = (Claim.Status.NEW, Claim.Status.IN_REVIEW)


class EditConflict(Exception):
    """Someone else saved first; ``current`` is the claim as it is now."""

    def __init__(self, current: Claim) -> None:
        super().__init__("This claim was changed by someone else while you were editing it.")
        self.current = current


class TriageError(ActionRefused):
    """A triage step that cannot be carried out; the message is for the user."""


def _update(claim: Claim, *, version: int, **fields: Any) -> Claim:
    """Apply fields only if nobody saved since ``version``; return the fresh claim."""
    updated = Claim.objects.filter(pk=claim.pk, version=version).update(
        version=F("version") + 1, updated_at=timezone.now(), **fields
    )
    fresh = Claim.objects.select_related("article", "assignee").get(pk=claim.pk)
    if not updated:
        raise EditConflict(fresh)
    return fresh


@transaction.atomic
def keep_claim(*, claim: Claim, user: User, version: int) -> Claim:
    """Accept a detected claim for checking (new → in review)."""
    if claim.status != Claim.Status.NEW:
        raise TriageError("Only new claims can be kept.")
    claim = _update(claim, version=version, status=Claim.Status.IN_REVIEW)
    record_decision(claim=claim, action=DetectorDecision.Action.KEPT, user=user)
    return claim


@transaction.atomic
def dismiss_claim(*, claim: Claim, user: User, reason: str, version: int) -> Claim:
    """Dismiss a claim with a reason; it stays visible in history and can be restored."""
    if claim.status in (Claim.Status.PUBLISHED, Claim.Status.DISMISSED):
        raise TriageError("Published or dismissed claims cannot be dismissed.")
    claim = _update(claim, version=version, status=Claim.Status.DISMISSED, dismissal_reason=reason.strip()[:255])
    record_decision(claim=claim, action=DetectorDecision.Action.DISMISSED, user=user)
    return claim


@transaction.atomic
def restore_claim(*, claim: Claim, user: User, version: int) -> Claim:
    """Bring a dismissed claim back to triage."""
    if claim.status != Claim.Status.DISMISSED:
        raise TriageError("Only dismissed claims can be restored.")
    return _update(claim, version=version, status=Claim.Status.NEW, dismissal_reason="", duplicate_of=None)


@transaction.atomic
def edit_claim(
    *,
    claim: Claim,
    user: User,
    version: int,
    text: str,
    claim_type: str | None = None,
    claimant: str | None = None,
    claimant_type: str | None = None,
    recheck_by: date | None = None,
) -> Claim:
    """Change a claim's wording and details; raises EditConflict if someone saved first."""
    text = " ".join(text.split())
    if not text:
        raise TriageError("A claim needs some wording.")
    fields: dict[str, Any] = {"text": text, "recheck_by": recheck_by}
    if claim_type is not None:
        fields["claim_type"] = claim_type
    if claimant is not None:
        fields["claimant"] = claimant.strip()[:255]
    if claimant_type is not None:
        fields["claimant_type"] = claimant_type
    wording_changed = text != claim.text
    if wording_changed:
        fields["edited"] = True
    claim = _update(claim, version=version, **fields)
    if wording_changed:
        record_decision(claim=claim, action=DetectorDecision.Action.EDITED, user=user)
    return claim


@transaction.atomic
def add_claim(*, article: Article, user: User, start: int, end: int, text: str = "") -> Claim:
    """Add a claim from a selection of the article's text (offsets into article.body). Idempotent."""
    if not 0 <= start < end <= len(article.body):
        raise TriageError("Select a passage of the article text.")
    quote = article.body[start:end]
    if not quote.strip():
        raise TriageError("The selection is empty.")
    # Trim whitespace at the edges so the highlight hugs the words.
    start += len(quote) - len(quote.lstrip())
    end -= len(quote) - len(quote.rstrip())
    quote = article.body[start:end]
    text = " ".join((text or quote).split())
    # The same selection submitted twice (a double click) is one claim, not two.
    existing = article.claims.visible().filter(start=start, end=end, text=text).first()
    if existing is not None:
        return existing
    claim = Claim.objects.create(
        article=article,
        text=text,
        quote=quote,
        start=start,
        end=end,
        claimed_on=article.published_on,
        features=extract_features(quote),
        origin=Claim.Origin.MANUAL,
        bucket=Claim.Bucket.WORTH_CHECKING,
        checkworthiness=1.0,
        reasons=["added by an editor"],
        status=Claim.Status.IN_REVIEW,
    )
    record_decision(claim=claim, action=DetectorDecision.Action.ADDED, user=user)
    return claim


@transaction.atomic
def split_claim(*, claim: Claim, user: User, version: int, first: str, second: str) -> tuple[Claim, Claim]:
    """Replace one claim by two; both keep the original span and the original is dismissed as split."""
    first, second = " ".join(first.split()), " ".join(second.split())
    if not first or not second:
        raise TriageError("Give the wording of both claims.")
    if claim.status not in TRIAGE_OPEN:
        raise TriageError("Only claims still in triage can be split.")
    original = _update(claim, version=version, status=Claim.Status.DISMISSED, dismissal_reason="Split in two")
    parts = []
    for text in (first, second):
        part = Claim.objects.create(
            article=original.article,
            text=text,
            quote=original.quote,
            start=original.start,
            end=original.end,
            claimant=original.claimant,
            claimant_type=original.claimant_type,
            claimed_on=original.claimed_on,
            claim_type=original.claim_type,
            checkworthiness=original.checkworthiness,
            bucket=original.bucket,
            reasons=original.reasons,
            features=original.features,
            origin=Claim.Origin.SPLIT,
            edited=True,
            status=Claim.Status.IN_REVIEW,
            assignee=original.assignee,
        )
        record_decision(claim=part, action=DetectorDecision.Action.EDITED, user=user)
        parts.append(part)
    return parts[0], parts[1]


@transaction.atomic
def merge_claims(*, keep: Claim, others: Iterable[Claim], user: User | None) -> Claim:
    """Merge duplicates into ``keep``: their sources, verdicts and comments move over; each is
    dismissed as a duplicate of ``keep``, so its history stays readable."""
    other_ids = [other.pk for other in others if other.pk != keep.pk]
    if not other_ids:
        raise TriageError("Choose at least one other claim to merge.")
    # Lock the rows so a concurrent merge cannot move the same sources twice.
    list(Claim.objects.select_for_update().filter(pk__in=[keep.pk, *other_ids]))
    kept_documents = set(keep.sources.values_list("document_id", flat=True))
    for source in Source.objects.filter(claim_id__in=other_ids).order_by("pk"):
        if source.document_id in kept_documents:
            # The same page is already cited: keep the other's note and excerpt beside it.
            existing = keep.sources.get(document_id=source.document_id)
            extra = "\n\n".join(part for part in (source.excerpt, source.note) if part)
            if extra:
                existing.note = "\n\n".join(part for part in (existing.note, extra) if part)
                existing.save(update_fields=["note", "updated_at"])
            source.delete()
        else:
            kept_documents.add(source.document_id)
            source.claim = keep
            source.save(update_fields=["claim", "updated_at"])
    Verdict.objects.filter(claim_id__in=other_ids).update(claim=keep, updated_at=timezone.now())
    Comment.objects.filter(claim_id__in=other_ids).update(claim=keep)
    Claim.objects.filter(pk__in=other_ids).update(
        status=Claim.Status.DISMISSED,
        duplicate_of=keep,
        # Claim numbers follow the text and shift as claims come and go: the reason names the claim by its words.
        dismissal_reason=f"Merged into the claim “{Truncator(keep.text).chars(80)}”",
        version=F("version") + 1,
        updated_at=timezone.now(),
    )
    Claim.objects.filter(pk=keep.pk).update(version=F("version") + 1, updated_at=timezone.now())
    keep.refresh_from_db()
    return keep


@transaction.atomic
def assign_claims(*, claims: QuerySet[Claim], assignee: User | None, user: User) -> int:
    """Assign (or unassign) claims; new claims move into review. Returns how many changed."""
    now = timezone.now()
    changed = claims.exclude(status__in=(Claim.Status.PUBLISHED, Claim.Status.DISMISSED)).update(
        assignee=assignee, version=F("version") + 1, updated_at=now
    )
    if assignee is not None:
        claims.filter(status=Claim.Status.NEW).update(status=Claim.Status.IN_REVIEW)
    return changed


@transaction.atomic
def dismiss_claims(*, claims: QuerySet[Claim], user: User, reason: str) -> int:
    """Dismiss many claims at once, recording each decision for the detector."""
    targets = list(claims.exclude(status__in=(Claim.Status.PUBLISHED, Claim.Status.DISMISSED)))
    Claim.objects.filter(pk__in=[c.pk for c in targets]).update(
        status=Claim.Status.DISMISSED,
        dismissal_reason=reason.strip()[:255],
        version=F("version") + 1,
        updated_at=timezone.now(),
    )
    DetectorDecision.objects.bulk_create(
        DetectorDecision(
            claim=claim,
            action=DetectorDecision.Action.DISMISSED,
            text=claim.quote or claim.text,
            features=claim.features or extract_features(claim.quote or claim.text),
            label=False,
            user=user,
        )
        for claim in targets
    )
    return len(targets)


@transaction.atomic
def change_claim_types(*, claims: QuerySet[Claim], claim_type: str, user: User) -> int:
    if claim_type not in Claim.Type.values:
        raise TriageError("Unknown claim type.")
    return claims.update(claim_type=claim_type, version=F("version") + 1, updated_at=timezone.now())
