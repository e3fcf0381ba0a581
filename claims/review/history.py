"""A claim's history in words, read from the pghistory events of the claim, its sources and verdicts."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from accounts.models import User
from claims.models import Claim, Source, Verdict

# Fields people care about; version and timestamps change on every save and say nothing.
CLAIM_FIELDS = (
    "text",
    "status",
    "assignee_id",
    "claim_type",
    "recheck_by",
    "dismissal_reason",
    "claimant",
    "claimant_type",
    "claimed_on",
    "bucket",
)
SOURCE_FIELDS = ("stance", "excerpt", "note")
VERDICT_FIELDS = ("rating_id", "rationale")
FIELD_NAMES = {
    "claimant_type": "claimant is a",
    "claimed_on": "claimed on",
    "rating_id": "rating",
    "rationale": "rationale",
    "text": "wording",
    "status": "status",
    "assignee_id": "assignee",
    "claim_type": "type",
    "recheck_by": "re-check date",
    "dismissal_reason": "dismissal reason",
    "claimant": "claimant",
    "bucket": "check-worthiness",
    "stance": "stance",
    "excerpt": "excerpt",
    "note": "note",
}
CHOICES: dict[str, dict[str, str]] = {
    "status": dict(Claim.Status.choices),
    "claimant_type": dict(Claim.ClaimantType.choices),
    "claim_type": dict(Claim.Type.choices),
    "bucket": dict(Claim.Bucket.choices),
    "stance": dict(Source.Stance.choices),
}


@dataclass
class Entry:
    when: datetime
    user: User | None
    summary: str
    changes: list[str] = field(default_factory=list)


def _user_id(event: Any) -> int | None:
    context = event.pgh_context
    return context.metadata.get("user") if context is not None else None


def _words(name: str, value: Any, users: dict[int, User], ratings: dict[int, str] | None = None) -> str:
    if value in (None, ""):
        return "nothing"
    if name == "assignee_id":
        user = users.get(value)
        return user.display_name if user else "a former user"
    if name == "rating_id":
        return (ratings or {}).get(value, "a former rating")
    if name in CHOICES:
        return CHOICES[name].get(value, str(value))
    text = str(value)
    return f"“{text[:160]}{'…' if len(text) > 160 else ''}”"


def _diff(
    before: Any, after: Any, names: tuple[str, ...], users: dict[int, User], ratings: dict[int, str] | None = None
) -> list[str]:
    return [
        f"{FIELD_NAMES[name]}: {_words(name, getattr(before, name), users, ratings)}"
        f" → {_words(name, getattr(after, name), users, ratings)}"
        for name in names
        if getattr(before, name) != getattr(after, name)
    ]


def claim_history(claim: Claim) -> list[Entry]:
    """Who changed what and when, newest first. A fixed number of queries whatever the length."""
    # pghistory adds the event models at runtime, out of the type checker's sight.
    claim_event: Any = Claim.pgh_event_model  # type: ignore[attr-defined]
    source_event: Any = Source.pgh_event_model  # type: ignore[attr-defined]
    verdict_event: Any = Verdict.pgh_event_model  # type: ignore[attr-defined]
    claim_events = list(
        claim_event.objects.filter(pgh_obj_id=claim.pk).select_related("pgh_context").order_by("pgh_id")
    )
    source_events = list(
        source_event.objects.filter(claim_id=claim.pk).select_related("pgh_context", "document").order_by("pgh_id")
    )
    verdict_events = list(
        verdict_event.objects.filter(claim_id=claim.pk).select_related("pgh_context", "rating").order_by("pgh_id")
    )
    user_ids = {_user_id(e) for e in (*claim_events, *source_events, *verdict_events)}
    user_ids |= {e.assignee_id for e in claim_events}
    users = {u.pk: u for u in User.objects.filter(pk__in={i for i in user_ids if i is not None})}

    entries: list[Entry] = []
    previous = None
    for event in claim_events:
        user = users.get(_user_id(event) or 0)
        if event.pgh_label == "insert":
            entries.append(Entry(event.pgh_created_at, user, "created the claim"))
        elif event.pgh_label == "update" and previous is not None:
            changes = _diff(previous, event, CLAIM_FIELDS, users)
            if changes:
                entries.append(Entry(event.pgh_created_at, user, "changed the claim", changes))
        previous = event

    last_source: dict[int, Any] = {}
    for event in source_events:
        user = users.get(_user_id(event) or 0)
        name = event.document.title or event.document.url if event.document_id else "a source"
        if event.pgh_label == "insert":
            entries.append(Entry(event.pgh_created_at, user, f"added the source {name}"))
        elif event.pgh_label == "delete":
            entries.append(Entry(event.pgh_created_at, user, f"removed the source {name}"))
        elif event.id in last_source:
            changes = _diff(last_source[event.id], event, SOURCE_FIELDS, users)
            if changes:
                entries.append(Entry(event.pgh_created_at, user, f"changed the source {name}", changes))
        last_source[event.id] = event

    ratings = {event.rating_id: event.rating.label for event in verdict_events}
    last_verdict: dict[int, Any] = {}
    for event in verdict_events:
        user = users.get(_user_id(event) or 0)
        before = last_verdict.get(event.id)
        last_verdict[event.id] = event
        label = f"“{event.rating.label}”"
        if event.pgh_label == "insert":
            entries.append(Entry(event.pgh_created_at, user, f"proposed the verdict {label}"))
            continue
        if event.pgh_label == "delete":
            entries.append(Entry(event.pgh_created_at, user, f"removed the verdict {label}"))
            continue
        if before is None:
            continue
        changes = _diff(before, event, VERDICT_FIELDS, users, ratings)
        if before.approved_at is None and event.approved_at is not None:
            entries.append(Entry(event.pgh_created_at, user, f"approved the verdict {label}", changes))
        elif before.published_at is None and event.published_at is not None:
            entries.append(Entry(event.pgh_created_at, user, "published the verdict", changes))
        elif before.published_at is not None and event.published_at is None:
            entries.append(Entry(event.pgh_created_at, user, "unpublished the verdict", changes))
        elif changes:
            entries.append(Entry(event.pgh_created_at, user, "changed the verdict", changes))

    entries.sort(key=lambda entry: entry.when, reverse=True)
    return entries
