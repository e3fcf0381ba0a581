"""Who may do what, in one place. Views, templates and the admin ask here."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from accounts.models import User
    from claims.models import Claim, Verdict

EDITORS = "Editors"
REVIEWERS = "Reviewers"


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


def can_publish(user: User, claim: Claim) -> bool:
    return is_editor(user) and claim.status == claim.Status.APPROVED


def can_unpublish(user: User, claim: Claim) -> bool:
    return is_editor(user) and claim.status == claim.Status.PUBLISHED


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
