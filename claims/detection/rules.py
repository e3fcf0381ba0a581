"""The product rules that keep predictions and opinion below the may-be line, and how a newsroom lifts one.

By default a rule that fires overrides the model: the candidate is `not_worth_checking` with the rule's
reason first, so an editor can still promote it. Some desks do check such sentences (pledge trackers
check "we will cut the sales tax"); when a newsroom's own decisions show that, `train_detector` may
*lift* the rule: the model then sees the rule as one more feature ("rule:prediction") with a weight
learned from those decisions, instead of a veto. Lifted rules are stored with the weights.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping

from .filters import is_opinion, is_prediction

PREDICTION = "prediction"
OPINION = "opinion"
RULES = (PREDICTION, OPINION)
PREFIX = "rule:"

NAMES = {PREDICTION: "predictions", OPINION: "opinion and prescriptions"}
REASONS = {
    PREDICTION: "prediction: about the future, cannot be checked yet",
    OPINION: "opinion or prescription rather than a checkable fact",
}
# What a candidate says when its rule is lifted: the signal is shown, not a veto.
LIFTED_REASONS = {
    PREDICTION: "about the future (this newsroom checks such claims)",
    OPINION: "opinion or prescription (this newsroom checks such claims)",
}

_DIGIT_RE = re.compile(r"\d")


def rule_flags(span: str, features: Mapping[str, float]) -> dict[str, bool]:
    """Which rules fire for a sentence or clause, given its grammar features."""
    # "Unemployment dropped to 3.1 percent and will keep falling" still has a checkable figure.
    anchored = bool(_DIGIT_RE.search(span)) and bool(
        features.get("past_tense") or features.get("has_percent") or features.get("has_money")
    )
    # "We have expanded childcare for parents who must work" reports a deed; the modal is incidental.
    reports_deed = bool(features.get("we_did") or features.get("present_perfect"))
    return {
        PREDICTION: is_prediction(span) and not anchored and not reports_deed,
        OPINION: is_opinion(span) and not reports_deed,
    }


def rule_features(flags: Mapping[str, bool], lifted: Iterable[str]) -> dict[str, float]:
    """The lifted rules that fire, as model features ({"rule:prediction": 1.0})."""
    return {PREFIX + name: 1.0 for name in lifted if flags.get(name)}


def is_rule_feature(name: str) -> bool:
    return name.startswith(PREFIX)


def label(name: str) -> str:
    return LIFTED_REASONS.get(name.removeprefix(PREFIX), name)
