"""Verdict reports and exports: CSV, JSON, ClaimReview JSON-LD, Markdown, HTML and PDF."""
