"""Claim detection: text in, claim candidates out; pure Python, no database."""

from __future__ import annotations

from .backends import Backend, MemoryCache, OpenAICompatibleBackend, RuleBackend
from .candidates import ClaimCandidate
from .claim_types import CLAIM_TYPES
from .features import FEATURE_NAMES, features_for
from .rules import RULES
from .scoring import BUCKETS, MAY_BE, NOT_WORTH, WORTH
from .segmentation import Segment, segment
from .training import Weights, evaluate, evaluate_sentences, fit, fit_calibrated, in_holdout
from .weights import default_weights, describe_weights

_DEFAULT_BACKEND = RuleBackend()


def detect_claims(text: str, *, language: str = "en", backend: Backend | None = None) -> list[ClaimCandidate]:
    """Return the claim candidates in `text`, in reading order, with offsets into `text`."""
    return (backend or _DEFAULT_BACKEND).detect(text, language=language)


__all__ = [
    "BUCKETS",
    "CLAIM_TYPES",
    "FEATURE_NAMES",
    "MAY_BE",
    "NOT_WORTH",
    "RULES",
    "WORTH",
    "Backend",
    "ClaimCandidate",
    "MemoryCache",
    "OpenAICompatibleBackend",
    "RuleBackend",
    "Segment",
    "Weights",
    "default_weights",
    "describe_weights",
    "detect_claims",
    "evaluate",
    "evaluate_sentences",
    "features_for",
    "fit",
    "fit_calibrated",
    "in_holdout",
    "segment",
]
