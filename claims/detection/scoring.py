"""Score check-worthiness with the linear model and explain the score in words."""

from __future__ import annotations

import functools
from collections.abc import Mapping

from .context import CONTEXT_LABELS
from .features import FEATURE_LABELS
from .lexical import is_lexical, label
from .rules import is_rule_feature
from .rules import label as rule_label
from .training import Weights
from .training import _sigmoid as sigmoid

WORTH = "worth_checking"
MAY_BE = "may_be_worth_checking"
NOT_WORTH = "not_worth_checking"
BUCKETS = (WORTH, MAY_BE, NOT_WORTH)


def bucket_for(probability: float, weights: Weights) -> str:
    if probability >= weights.worth_threshold:
        return WORTH
    if probability >= weights.may_threshold:
        return MAY_BE
    return NOT_WORTH


def score_and_explain(features: Mapping[str, float], weights: Weights, *, limit: int = 4) -> tuple[float, list[str]]:
    """The probability and the reasons behind it, from one pass over the features (the detector's hot path)."""
    table = weights.weights
    z = weights.bias
    positive: list[tuple[float, str]] = []
    negative: list[tuple[float, str]] = []
    for name, value in features.items():
        if not value:
            continue
        contribution = table.get(name, 0.0) * value
        z += contribution
        if contribution > 0.05 and name != "length":
            positive.append((-contribution, name))
        elif contribution < -0.05 and name != "length":
            negative.append((contribution, name))
    positive.sort()
    negative.sort()
    reasons = [feature_label(name) for _, name in positive[:limit]]
    reasons += [f"against: {feature_label(name)}" for _, name in negative[:2]]
    return sigmoid(z), reasons


def explain(features: Mapping[str, float], weights: Weights, *, limit: int = 4) -> list[str]:
    """The features that moved the score most, as editor-readable phrases."""
    contributions = [
        (weights.weights.get(name, 0.0) * value, name) for name, value in features.items() if value and name != "length"
    ]
    positive = sorted((c for c in contributions if c[0] > 0.05), key=lambda c: (-c[0], c[1]))
    negative = sorted((c for c in contributions if c[0] < -0.05), key=lambda c: (c[0], c[1]))
    reasons = [feature_label(name) for _, name in positive[:limit]]
    reasons += [f"against: {feature_label(name)}" for _, name in negative[:2]]
    return reasons


@functools.lru_cache(maxsize=8192)
def feature_label(name: str) -> str:
    """The editor-readable name of a grammar feature or a lexical term ("word 'percent'")."""
    if is_lexical(name):
        return label(name)
    if is_rule_feature(name):
        return rule_label(name)
    return FEATURE_LABELS.get(name) or CONTEXT_LABELS.get(name, name)
