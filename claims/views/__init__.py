"""HTTP entry points of the newsroom UI, one module per area."""

from __future__ import annotations

from .articles import article_delete, article_detail, claim_detail, ratings_css
from .dashboard import dashboard
from .imports import article_status, import_article, import_file, import_list, import_text, import_url, retry_import
from .queues import claim_list, my_claims, needs_approval
from .sources import source_add, source_card, source_remove, source_retry, source_update
from .triage import (
    claim_add,
    claim_assign,
    claim_dismiss,
    claim_edit,
    claim_keep,
    claim_merge,
    claim_restore,
    claim_split,
    claims_bulk,
)
from .verdicts import claim_publish, claim_unpublish, comment_add, verdict_approve, verdict_propose, verdict_send_back

__all__ = [
    "article_delete",
    "article_detail",
    "article_status",
    "claim_add",
    "claim_assign",
    "claim_detail",
    "claim_dismiss",
    "claim_edit",
    "claim_keep",
    "claim_list",
    "claim_merge",
    "claim_publish",
    "claim_restore",
    "claim_split",
    "claim_unpublish",
    "claims_bulk",
    "comment_add",
    "dashboard",
    "import_article",
    "import_file",
    "import_list",
    "import_text",
    "import_url",
    "my_claims",
    "needs_approval",
    "ratings_css",
    "retry_import",
    "source_add",
    "source_card",
    "source_remove",
    "source_retry",
    "source_update",
    "verdict_approve",
    "verdict_propose",
    "verdict_send_back",
]
