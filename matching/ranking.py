"""The transparent re-ranker: a logistic regression over the readable features, and ranking metrics."""

from __future__ import annotations

import json
import math
import random
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path
from typing import Any

from claims.detection.training import fit as fit_logistic
from matching.features import FEATURE_NAMES

DEFAULT_WEIGHTS = Path(__file__).resolve().parent / "weights" / "default.json"
# Scores below this are not suggested. Chosen on the train splits: with the weights of December 2026
# it keeps 68% of the right fact checks of tweets and 37% of those of debate sentences among the top
# five, with 0.24 and 0.29 wrong ones per query (0.15 would keep 70% and 39%, with 0.32 and 0.39).
DEFAULT_THRESHOLD = 0.2


@dataclass(frozen=True)
class RankerWeights:
    """score = sigmoid(bias + sum(weight * feature))."""

    weights: dict[str, float]
    bias: float
    threshold: float = DEFAULT_THRESHOLD
    provenance: dict[str, Any] = field(default_factory=dict)

    def linear(self, features: Mapping[str, float]) -> float:
        return self.bias + sum(self.weights.get(name, 0.0) * value for name, value in features.items())

    def score(self, features: Mapping[str, float]) -> float:
        z = self.linear(features)
        return 1.0 / (1.0 + math.exp(-z)) if z >= 0 else math.exp(z) / (1.0 + math.exp(z))

    def to_dict(self) -> dict[str, Any]:
        return {
            "weights": {name: round(self.weights.get(name, 0.0), 6) for name in FEATURE_NAMES},
            "bias": round(self.bias, 6),
            "threshold": self.threshold,
            "provenance": self.provenance,
        }

    @classmethod
    def from_dict(cls, data: Mapping[str, Any]) -> RankerWeights:
        return cls(
            weights={str(k): float(v) for k, v in data["weights"].items()},
            bias=float(data["bias"]),
            threshold=float(data.get("threshold", DEFAULT_THRESHOLD)),
            provenance=dict(data.get("provenance", {})),
        )

    def save(self, path: Path) -> None:
        path.write_text(json.dumps(self.to_dict(), indent=2) + "\n", encoding="utf-8")


@cache
def default_weights() -> RankerWeights:
    return RankerWeights.from_dict(json.loads(DEFAULT_WEIGHTS.read_text(encoding="utf-8")))


Example = tuple[Mapping[str, float], int]
# Pairs drawn per group at most, so a group with many candidates does not drown the others.
MAX_PAIRS_PER_GROUP = 400


def fit(
    groups: Sequence[Sequence[Example]],
    *,
    threshold: float = DEFAULT_THRESHOLD,
    provenance: Mapping[str, Any] | None = None,
    epochs: int = 10,
    seed: int = 13,
) -> RankerWeights:
    """Fit the weights so that right matches outrank wrong ones, then calibrate scores to probabilities.

    1. Pairwise: within each group (one statement's candidates), every (right, wrong) pair's feature
       difference is an example of a logistic regression without bias (RankNet's idea, linear).
    2. Calibration: a one-feature logistic regression maps that ranking score to the probability of
       a right match (Platt scaling), so the threshold means the same for every set of weights.
    The same groups and seed give the same weights.
    """
    rng = random.Random(seed)
    pairs: list[Example] = []
    for group in groups:
        right = [features for features, label in group if label]
        wrong = [features for features, label in group if not label]
        combos = [(r, w) for r in right for w in wrong]
        if len(combos) > MAX_PAIRS_PER_GROUP:
            combos = rng.sample(combos, MAX_PAIRS_PER_GROUP)
        for r, w in combos:
            difference = {name: r.get(name, 0.0) - w.get(name, 0.0) for name in FEATURE_NAMES}
            # Both orientations in equal measure, so the fitted bias stays near zero.
            if rng.random() < 0.5:
                pairs.append((difference, 1))
            else:
                pairs.append(({name: -value for name, value in difference.items()}, 0))
    if not pairs:
        raise ValueError("fit() needs groups with both right and wrong matches")
    ranking = fit_logistic(pairs, epochs=epochs, learning_rate=0.1, l2=1e-4, balance=False, seed=seed)
    raw = RankerWeights(weights={name: ranking.weights.get(name, 0.0) for name in FEATURE_NAMES}, bias=0.0)
    scored = [({"score": raw.linear(features)}, label) for group in groups for features, label in group]
    platt = fit_logistic(scored, epochs=epochs, learning_rate=0.1, l2=0.0, balance=False, seed=seed)
    scale = platt.weights.get("score", 1.0)
    return RankerWeights(
        weights={name: scale * value for name, value in raw.weights.items()},
        bias=platt.bias,
        threshold=threshold,
        provenance=dict(provenance or {}),
    )


def ranking_metrics(rankings: Sequence[tuple[Sequence[str], set[str]]], k: int = 5) -> dict[str, float]:
    """MAP@k as CheckThat! scores it (|relevant| as denominator, every query counted), MRR and P@1."""
    if not rankings:
        return {"map@5": 0.0, "mrr": 0.0, "p@1": 0.0, "queries": 0}
    ap_sum = rr_sum = p1_sum = 0.0
    for ranked, relevant in rankings:
        hits = 0
        precision_sum = 0.0
        for position, item in enumerate(ranked[:k], start=1):
            if item in relevant:
                hits += 1
                precision_sum += hits / position
        ap_sum += precision_sum / len(relevant) if relevant else 0.0
        for position, item in enumerate(ranked, start=1):
            if item in relevant:
                rr_sum += 1 / position
                break
        p1_sum += float(bool(ranked) and ranked[0] in relevant)
    n = len(rankings)
    return {"map@5": ap_sum / n, "mrr": rr_sum / n, "p@1": p1_sum / n, "queries": n}
