"""HTTP entry points of the newsroom UI, one module per area."""

from __future__ import annotations

from .articles import article_detail, claim_detail
from .dashboard import dashboard
from .imports import article_status, import_article, import_file, import_list, import_text, import_url, retry_import

__all__ = [
    "article_detail",
    "article_status",
    "claim_detail",
    "dashboard",
    "import_article",
    "import_file",
    "import_list",
    "import_text",
    "import_url",
    "retry_import",
]
