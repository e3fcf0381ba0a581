"""The one error the claims domain raises for an action that is not allowed now, with the reason in words."""

from __future__ import annotations


class ActionRefused(ValueError):
    """The claim's current state (or the request) does not allow this action; the message is for the user."""
