"""Reviewers' decisions on suggested fact checks: reuse one as a source, or reject it as not the same claim."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from django.db import transaction
from django.utils.text import slugify

from claims.models import Rating, Source
from claims.review import verification
from matching.models import FactCheck, Match, MatchDecision

if TYPE_CHECKING:
    from accounts.models import User


class DecisionError(Exception):
    """The decision cannot be taken; the message is for the reviewer."""


@dataclass(frozen=True)
class Reuse:
    source: Source
    created: bool
    rating: Rating | None
    rationale: str


# Other fact-checkers' common labels, and the default scale's rating closest to each.
SIMILAR_RATINGS = {
    "false": ("pants-on-fire", "pants-fire", "fake", "incorrect", "wrong", "false"),
    "misleading": ("mostly-false", "barely-true", "misleading", "miscaptioned", "missing-context", "out-of-context"),
    "mixed": ("half-true", "mixture", "mixed", "partly-true", "partly-false", "half-right"),
    "mostly-accurate": ("mostly-true", "mostly-correct", "mostly-accurate"),
    "accurate": ("true", "correct", "accurate"),
    "unverifiable": ("unproven", "unverified", "unsupported", "unverifiable"),
}


def matching_rating(label: str) -> Rating | None:
    """The newsroom's rating named like the previous fact check's, or the default scale's nearest one."""
    wanted = slugify(label)
    if not wanted:
        return None
    ratings = list(Rating.objects.filter(is_active=True))
    for rating in ratings:
        if wanted in (rating.slug, slugify(rating.label)):
            return rating
    similar = {slug for slug, labels in SIMILAR_RATINGS.items() if wanted in labels}
    return next((rating for rating in ratings if rating.slug in similar), None)


def _record(match: Match, *, decision: str, user: User) -> MatchDecision:
    assert match.fact_check_id is not None
    recorded, _ = MatchDecision.objects.update_or_create(
        claim=match.claim,
        fact_check_id=match.fact_check_id,
        defaults={"decision": decision, "text": match.claim.text, "features": match.features, "user": user},
    )
    return recorded


@transaction.atomic
def reuse_match(*, match: Match, user: User, stance: str) -> Reuse:
    """Cite the previous fact check as a source of the claim (fetched in the background like any source).

    The excerpt is pre-filled from the archive; the rating, when the newsroom's scale has it, is
    offered as the starting point of a verdict. Reusing twice keeps one source.
    """
    fact_check: FactCheck | None = match.fact_check
    if fact_check is None:
        raise DecisionError("Only a previous fact check can be reused.")
    if not fact_check.url:
        raise DecisionError("This fact check has no public address to cite.")
    excerpt = f"“{fact_check.claim}”"
    if fact_check.rating:
        excerpt += f" — rated {fact_check.rating}"
    if fact_check.publisher:
        excerpt += f" by {fact_check.publisher}"
    source, created = verification.add_source(
        claim=match.claim, user=user, url=fact_check.url, stance=stance, excerpt=excerpt, note="Checked before."
    )
    _record(match, decision=MatchDecision.Decision.REUSED, user=user)
    who = fact_check.publisher or "Another fact checker"
    when = f" on {fact_check.date:%d %B %Y}" if fact_check.date else ""
    rationale = (
        f"{who} checked this claim{when} and rated it {fact_check.rating or 'without a rating'}: {fact_check.url}"
    )
    return Reuse(source=source, created=created, rating=matching_rating(fact_check.rating), rationale=rationale)


@transaction.atomic
def reject_match(*, match: Match, user: User) -> MatchDecision:
    """Say the fact check is not the same claim: it is no longer suggested for this claim."""
    if match.fact_check_id is None:
        raise DecisionError("Only a previous fact check can be rejected.")
    decision = _record(match, decision=MatchDecision.Decision.NOT_SAME, user=user)
    match.delete()
    return decision
