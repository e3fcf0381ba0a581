"""HTTP entry points of the newsroom UI, one module per area."""

from __future__ import annotations

from .articles import article_detail, claim_detail
from .dashboard import dashboard

__all__ = ["article_detail", "claim_detail", "dashboard"]
