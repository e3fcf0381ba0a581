"""The shipped check-worthiness weights and a readable description of them."""

from __future__ import annotations

from functools import cache
from pathlib import Path

from claims.detection.rules import RULES
from claims.detection.scoring import feature_label
from claims.detection.training import Weights

DEFAULT_PATH = Path(__file__).with_name("default.json")


@cache
def default_weights() -> Weights:
    return Weights.load(DEFAULT_PATH)


def describe_weights(weights: Weights | None = None) -> list[str]:
    """Lines explaining the model: each feature's weight, largest effect first."""
    weights = weights or default_weights()
    lines = [
        f"bias {weights.bias:+.3f}",
        f"worth_checking if p >= {weights.worth_threshold:.2f}; "
        f"may_be_worth_checking if p >= {weights.may_threshold:.2f}",
    ]
    if weights.vocabulary:
        lines.append(f"lexical features: {len(weights.vocabulary)} words and word pairs")
    obeyed = [name for name in RULES if name not in weights.lifted_rules]
    lines.append(f"rules that demote a candidate: {', '.join(obeyed) or 'none'}")
    if weights.lifted_rules:
        lines.append(
            f"rules lifted by the newsroom's decisions (weighed as features): {', '.join(sorted(weights.lifted_rules))}"
        )
    for name, value in sorted(weights.weights.items(), key=lambda item: (-abs(item[1]), item[0])):
        lines.append(
            f"{value:+.3f}  {feature_label(name)}"
            if name.startswith(("w:", "rule:"))
            else f"{value:+.3f}  {name:<16} {feature_label(name)}"
        )
    for key, value in sorted(weights.provenance.items()):
        lines.append(f"provenance.{key}: {value}")
    for key, value in sorted(weights.held_out.items()):
        lines.append(f"held_out.{key}: {value}")
    return lines
