"""The staff admin for the newsroom's data: one module per area, registered on import."""

from __future__ import annotations

from django.contrib import admin

from . import articles, claims, detector, evidence, exporting, history, scale

admin.site.site_header = "Claim Workbench administration"
admin.site.site_title = "Claim Workbench administration"
admin.site.index_title = "Newsroom data"

__all__ = ["articles", "claims", "detector", "evidence", "exporting", "history", "scale"]
