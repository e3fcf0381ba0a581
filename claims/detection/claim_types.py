"""Assign one of the claim types editors use (Full Fact's schema plus comparison and event)."""

from __future__ import annotations

from collections.abc import Mapping

CLAIM_TYPES = (
    "quantity",
    "correlation_causation",
    "rules_laws",
    "prediction",
    "personal_experience",
    "comparison",
    "event",
    "quote_attribution",
    "other",
)


def claim_type(features: Mapping[str, float], *, prediction: bool, claimant: str | None) -> str:
    """Pick the most specific type; the order encodes which reading a checker would start from."""
    if prediction:
        return "prediction"
    if features.get("has_percent") or features.get("has_money"):
        return "quantity"
    if features.get("rules"):
        return "rules_laws"
    if features.get("comparative") or features.get("superlative"):
        return "comparison"
    if features.get("causal"):
        return "correlation_causation"
    if features.get("has_number") and features.get("statistical"):
        return "quantity"
    if features.get("first_singular") and features.get("past_tense"):
        return "personal_experience"
    if features.get("event_verb") or (features.get("has_date") and features.get("past_tense")):
        return "event"
    if features.get("has_number"):
        return "quantity"
    if claimant:
        return "quote_attribution"
    return "other"
