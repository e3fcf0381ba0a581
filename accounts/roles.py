"""The two roles of the newsroom, as the names of their Django groups. What each may do: claims/permissions.py."""

from __future__ import annotations

EDITORS = "Editors"
REVIEWERS = "Reviewers"
