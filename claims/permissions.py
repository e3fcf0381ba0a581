"""Who may do what, in one place. Views, templates and the admin ask here."""

from __future__ import annotations

from dataclasses import asdict, dataclass
from typing import TYPE_CHECKING, Any

# Re-exported: views and forms ask here for everything about roles.
from accounts.roles import EDITORS as EDITORS
from accounts.roles import REVIEWERS as REVIEWERS

if TYPE_CHECKING:
    from accounts.models import User
    from claims.models import Claim, Verdict


def roles(user: Any) -> frozenset[str]:
    """The user's role names, cached on the user object for the request."""
    if not getattr(user, "is_authenticated", False) or not user.is_active:
        return frozenset()
    cached: frozenset[str] | None = getattr(user, "_workbench_roles", None)
    if cached is None:
        cached = frozenset(user.groups.values_list("name", flat=True))
        if user.is_superuser:
            cached |= {EDITORS, REVIEWERS}
        user._workbench_roles = cached
    return cached


def is_editor(user: Any) -> bool:
    return EDITORS in roles(user)


def is_reviewer(user: Any) -> bool:
    return REVIEWERS in roles(user)


def is_member(user: Any) -> bool:
    """Editors and reviewers see the newsroom's work; anyone else sees nothing."""
    return bool(roles(user))


def can_import(user: Any) -> bool:
    return is_editor(user)


def can_delete_article(user: Any) -> bool:
    return is_editor(user)


def can_triage(user: Any) -> bool:
    """Keep, dismiss, split, merge, assign: editors' work."""
    return is_editor(user)


def can_edit(user: Any, claim: Claim) -> bool:
    """Change wording, dismiss, merge, assign: a triager's work until the claim is dismissed or published."""
    return can_triage(user) and claim.status not in (claim.Status.DISMISSED, claim.Status.PUBLISHED)


def can_keep(user: Any, claim: Claim) -> bool:
    return can_triage(user) and claim.status == claim.Status.NEW


def can_split(user: Any, claim: Claim) -> bool:
    return can_triage(user) and claim.status in (claim.Status.NEW, claim.Status.IN_REVIEW)


def can_restore(user: Any, claim: Claim) -> bool:
    return can_triage(user) and claim.status == claim.Status.DISMISSED


def can_research(user: User, claim: Claim) -> bool:
    """Add sources, draft a verdict, comment: the assignee or any editor."""
    if claim.status in (claim.Status.DISMISSED, claim.Status.PUBLISHED):
        return False
    return is_editor(user) or (is_reviewer(user) and claim.assignee_id == user.pk)


def can_comment(user: User, claim: Claim) -> bool:
    return is_member(user)


def can_approve(user: User, verdict: Verdict) -> bool:
    """Only editors approve, and nobody approves their own verdict."""
    return is_editor(user) and verdict.author_id != user.pk and verdict.approved_at is None


def awaits_approval(claim: Claim, verdict: Verdict | None) -> bool:
    """The claim's current verdict is proposed and not yet approved or sent back."""
    return verdict is not None and claim.status == claim.Status.VERDICT_PROPOSED


def can_send_back(user: Any, claim: Claim, verdict: Verdict | None) -> bool:
    return awaits_approval(claim, verdict) and is_editor(user)


def can_publish(user: User, claim: Claim) -> bool:
    return is_editor(user) and claim.status == claim.Status.APPROVED


def can_unpublish(user: User, claim: Claim) -> bool:
    return is_editor(user) and claim.status == claim.Status.PUBLISHED


@dataclass(frozen=True)
class ClaimActions:
    """What the claim panel offers a user for a claim as it is now; the names are the template's."""

    can_triage: bool
    can_edit: bool
    can_keep: bool
    can_split: bool
    can_restore: bool
    can_research: bool
    can_comment: bool
    can_approve: bool
    own_verdict: bool
    can_send_back: bool
    can_publish: bool
    can_unpublish: bool

    def as_context(self) -> dict[str, bool]:
        return asdict(self)


def actions_for(user: User, claim: Claim, *, verdict: Verdict | None) -> ClaimActions:
    """Every rule the panel shows, for ``claim`` and its current ``verdict`` (passed in: the caller has it)."""
    proposed = awaits_approval(claim, verdict)
    return ClaimActions(
        can_triage=can_triage(user),
        can_edit=can_edit(user, claim),
        can_keep=can_keep(user, claim),
        can_split=can_split(user, claim),
        can_restore=can_restore(user, claim),
        can_research=can_research(user, claim),
        can_comment=can_comment(user, claim),
        can_approve=verdict is not None and proposed and can_approve(user, verdict),
        own_verdict=verdict is not None and proposed and verdict.author_id == user.pk,
        can_send_back=can_send_back(user, claim, verdict),
        can_publish=verdict is not None and can_publish(user, claim),
        can_unpublish=can_unpublish(user, claim),
    )


def can_export(user: Any) -> bool:
    return is_member(user)


def can_match(user: Any) -> bool:
    """See previous fact checks and matches, and ask "has this been checked?": the newsroom's members."""
    return is_member(user)


def can_reuse_match(user: User, claim: Claim) -> bool:
    """Reuse a previous fact check or reject it as not the same claim: whoever may research the claim."""
    return can_research(user, claim)


def can_import_fact_checks(user: Any) -> bool:
    """Import other organisations' fact checks into the archive: staff allowed to add import jobs."""
    if not (getattr(user, "is_authenticated", False) and user.is_active and user.is_staff):
        return False
    return bool(user.has_perm("matching.add_importjob"))
