"""Fit and evaluate the logistic check-worthiness model in pure Python."""

from __future__ import annotations

import hashlib
import json
import math
import random
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from itertools import combinations
from pathlib import Path
from typing import Any

from .lexical import MAX_TERMS, MIN_DF, choose_vocabulary, with_lexical
from .rules import RULES, rule_features, rule_flags

Example = tuple[Mapping[str, float], int]


@dataclass(frozen=True)
class Weights:
    """A fitted linear model: p = sigmoid(bias + sum(weight * feature))."""

    weights: dict[str, float]
    bias: float
    worth_threshold: float = 0.6
    may_threshold: float = 0.4
    provenance: dict[str, Any] = field(default_factory=dict)
    held_out: dict[str, Any] = field(default_factory=dict)
    # Terms of the optional lexical features ("w:term"); empty means grammar features only.
    vocabulary: frozenset[str] = field(default_factory=frozenset)
    # Product rules (rules.RULES) this model weighs as features instead of obeying as vetoes.
    lifted_rules: frozenset[str] = field(default_factory=frozenset)

    def featurize(
        self, text: str, features: Mapping[str, float], flags: Mapping[str, bool] | None = None
    ) -> Mapping[str, float]:
        """`features` plus this model's lexical features of `text` and its lifted rules that fire (`flags`)."""
        scored = with_lexical(text, features, self.vocabulary)
        if self.lifted_rules and flags:
            scored = {**scored, **rule_features(flags, self.lifted_rules)}
        return scored

    def vetoes(self, flags: Mapping[str, bool]) -> list[str]:
        """The rules that fire and that this model obeys, in RULES order."""
        return [name for name in RULES if flags.get(name) and name not in self.lifted_rules]

    def probability(self, features: Mapping[str, float]) -> float:
        z = self.bias
        weights = self.weights
        for name, value in features.items():
            if value:
                z += weights.get(name, 0.0) * value
        return _sigmoid(z)

    def to_dict(self) -> dict[str, Any]:
        data = {
            "features": sorted(self.weights),
            "weights": {k: round(v, 6) for k, v in sorted(self.weights.items())},
            "bias": round(self.bias, 6),
            "thresholds": {
                "worth_checking": round(self.worth_threshold, 4),
                "may_be_worth_checking": round(self.may_threshold, 4),
            },
            "provenance": self.provenance,
            "held_out": self.held_out,
        }
        if self.vocabulary:
            data["lexical"] = {
                "terms": "lower-cased words and adjacent word pairs, as 'w:<term>' in weights",
                "vocabulary": sorted(self.vocabulary),
            }
        if self.lifted_rules:
            data["lifted_rules"] = sorted(self.lifted_rules)
        return data

    @classmethod
    def from_dict(cls, data: Mapping[str, Any]) -> Weights:
        thresholds = data.get("thresholds", {})
        return cls(
            weights={k: float(v) for k, v in data["weights"].items()},
            bias=float(data["bias"]),
            worth_threshold=float(thresholds.get("worth_checking", 0.6)),
            may_threshold=float(thresholds.get("may_be_worth_checking", 0.4)),
            provenance=dict(data.get("provenance", {})),
            held_out=dict(data.get("held_out", {})),
            vocabulary=frozenset(str(t) for t in (data.get("lexical") or {}).get("vocabulary", ())),
            lifted_rules=frozenset(str(r) for r in data.get("lifted_rules", ()) if r in RULES),
        )

    @classmethod
    def load(cls, path: str | Path) -> Weights:
        return cls.from_dict(json.loads(Path(path).read_text(encoding="utf-8")))

    def save(self, path: str | Path) -> None:
        text = json.dumps(self.to_dict(), indent=2, ensure_ascii=False) + "\n"
        Path(path).write_text(text, encoding="utf-8")


def _sigmoid(z: float) -> float:
    if z >= 0:
        return 1.0 / (1.0 + math.exp(-z))
    e = math.exp(z)
    return e / (1.0 + e)


def fit(
    examples: Sequence[Example],
    *,
    epochs: int = 8,
    learning_rate: float = 0.1,
    l2: float = 1e-4,
    seed: int = 13,
    balance: bool = True,
    worth_threshold: float = 0.6,
    may_threshold: float = 0.4,
    provenance: Mapping[str, Any] | None = None,
) -> Weights:
    """Fit logistic regression by AdaGrad SGD; same examples and seed give the same weights.

    Only non-zero features are touched per step, so ~25k sparse examples fit in seconds.
    `balance` reweights classes so the decision boundary does not collapse onto the majority.
    """
    if not examples:
        raise ValueError("fit() needs at least one example")
    positives = sum(1 for _, label in examples if label)
    negatives = len(examples) - positives
    if balance and positives and negatives:
        class_weight = {
            1: len(examples) / (2 * positives),
            0: len(examples) / (2 * negatives),
        }
    else:
        class_weight = {1: 1.0, 0: 1.0}
    data = [([(k, float(v)) for k, v in sorted(f.items()) if v], int(y)) for f, y in examples]
    weights: dict[str, float] = {}
    grad_sq: dict[str, float] = {}
    bias = 0.0
    bias_sq = 1e-8
    order = list(range(len(data)))
    rng = random.Random(seed)
    for _ in range(epochs):
        rng.shuffle(order)
        for index in order:
            items, label = data[index]
            z = bias
            for name, value in items:
                z += weights.get(name, 0.0) * value
            error = (_sigmoid(z) - label) * class_weight[label]
            bias_sq += error * error
            bias -= learning_rate * error / math.sqrt(bias_sq)
            for name, value in items:
                w = weights.get(name, 0.0)
                g = error * value + l2 * w
                sq = grad_sq.get(name, 1e-8) + g * g
                grad_sq[name] = sq
                weights[name] = w - learning_rate * g / math.sqrt(sq)
    return Weights(
        weights=weights,
        bias=bias,
        worth_threshold=worth_threshold,
        may_threshold=may_threshold,
        provenance=dict(provenance or {}),
    )


def scores(predicted: Iterable[bool], gold: Iterable[int]) -> dict[str, float]:
    tp = fp = fn = 0
    for p, y in zip(predicted, gold, strict=True):
        if p and y:
            tp += 1
        elif p:
            fp += 1
        elif y:
            fn += 1
    precision = tp / (tp + fp) if tp + fp else 0.0
    recall = tp / (tp + fn) if tp + fn else 0.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return {"precision": precision, "recall": recall, "f1": f1}


def evaluate(weights: Weights, examples: Sequence[Example], *, threshold: float | None = None) -> dict[str, float]:
    """Precision, recall and F1 of "probability >= threshold" (default: the may-be boundary)."""
    cut = weights.may_threshold if threshold is None else threshold
    predicted = [weights.probability(f) >= cut for f, _ in examples]
    return scores(predicted, [y for _, y in examples])


def evaluate_sentences(weights: Weights, items: Sequence[tuple[str, Mapping[str, float], int]]) -> dict[str, float]:
    """P/R/F1 of "proposed" for whole sentences (text, features, label), as the pipeline decides it.

    A rule the weights obey vetoes the sentence; otherwise the model's probability (with its lexical
    terms and lifted rules) must reach the may-be threshold. Models with different rules are thereby
    compared on what an editor would see.
    """
    predicted = []
    for text, features, _ in items:
        flags = rule_flags(text, features)
        vetoed = bool(weights.vetoes(flags))
        predicted.append(
            not vetoed and weights.probability(weights.featurize(text, features, flags)) >= weights.may_threshold
        )
    return scores(predicted, [label for _, _, label in items])


def best_threshold(weights: Weights, examples: Sequence[Example]) -> tuple[float, float]:
    """Return (threshold, f1) maximising F1 on `examples`, searched on a 0.01 grid."""
    probs = [(weights.probability(f), y) for f, y in examples]
    best = (0.5, -1.0)
    for step in range(5, 96):
        cut = step / 100
        f1 = scores([p >= cut for p, _ in probs], [y for _, y in probs])["f1"]
        if f1 > best[1]:
            best = (cut, f1)
    return best


def f_beta(s: Mapping[str, float], beta: float) -> float:
    b2 = beta * beta
    denom = b2 * s["precision"] + s["recall"]
    return (1 + b2) * s["precision"] * s["recall"] / denom if denom else 0.0


def choose_threshold(
    probabilities: Sequence[float], labels: Sequence[int], *, beta: float = 1.0
) -> tuple[float, dict[str, float]]:
    """The cut on a 0.01 grid maximising F-beta, with its precision, recall, F1 and "f"."""
    best: tuple[float, dict[str, float]] = (0.5, {"f": -1.0})
    for step in range(5, 96):
        cut = step / 100
        s = scores([p >= cut for p in probabilities], labels)
        f = f_beta(s, beta)
        if f > best[1]["f"]:
            best = (cut, {**s, "f": f})
    return best


def fit_calibrated(
    examples: Sequence[Example],
    *,
    seed: int = 13,
    provenance: Mapping[str, object] | None = None,
    texts: Sequence[str] | None = None,
    lexical: bool | None = None,
    lift_rules: bool = False,
    max_terms: int = MAX_TERMS,
    min_df: int = MIN_DF,
) -> Weights:
    """Fit, then set the thresholds: worth by F1, may-be by F2 (the wide net).

    `texts` (one per example) are the sentences behind the features. With them, `lexical` (default on
    when texts are given) also learns the `max_terms` words and word pairs found in most of those texts
    (at least `min_df`), stored with the weights; `lift_rules` lets the examples lift product rules
    (see `choose_lifted_rules`).
    """
    if lexical is None:
        lexical = texts is not None
    if (lexical or lift_rules) and texts is None:
        raise ValueError("lexical features and rule lifting need the examples' texts")
    vocabulary = choose_vocabulary(texts or (), max_terms=max_terms, min_df=min_df) if lexical else frozenset()
    if texts is not None and vocabulary:
        examples = [(with_lexical(t, f, vocabulary), y) for t, (f, y) in zip(texts, examples, strict=True)]
    lifted: frozenset[str] = frozenset()
    if lift_rules and texts is not None:
        flags = [rule_flags(t, f) for t, (f, _) in zip(texts, examples, strict=True)]
        lifted = choose_lifted_rules(examples, flags, seed=seed)
        if lifted:
            examples = [({**f, **rule_features(fl, lifted)}, y) for (f, y), fl in zip(examples, flags, strict=True)]
    weights = fit(examples, seed=seed, provenance=provenance)
    probabilities = [weights.probability(f) for f, _ in examples]
    labels = [y for _, y in examples]
    worth, _ = choose_threshold(probabilities, labels, beta=1.0)
    may, _ = choose_threshold(probabilities, labels, beta=2.0)
    return Weights(
        weights=weights.weights,
        bias=weights.bias,
        worth_threshold=worth,
        may_threshold=min(may, worth),
        provenance=weights.provenance,
        vocabulary=vocabulary,
        lifted_rules=lifted,
    )


MIN_RULE_SUPPORT = 20
RULE_FOLDS = 5
# Lifting a rule must buy at least this much out-of-fold F1: a newsroom's few pledges kept by
# accident should not switch off a rule that serves most desks.
MIN_RULE_GAIN = 0.01


def choose_lifted_rules(
    examples: Sequence[Example], flags: Sequence[Mapping[str, bool]], *, seed: int = 13
) -> frozenset[str]:
    """The rules these labelled examples contradict: lifting them raises out-of-fold F1 by MIN_RULE_GAIN.

    A model that weighs every rule firing on at least MIN_RULE_SUPPORT examples is fitted RULE_FOLDS
    times, each time scoring the fold it did not see; then each set of rules is tried as vetoes on
    those scores (a vetoed example is not proposed) and the best F1 at its best threshold wins. Fewer
    lifted rules win ties and near-ties.
    """
    supported = [name for name in RULES if sum(1 for f in flags if f.get(name)) >= MIN_RULE_SUPPORT]
    if not supported or len({y for _, y in examples}) < 2:
        return frozenset()
    with_rules = [({**f, **rule_features(fl, supported)}, y) for (f, y), fl in zip(examples, flags, strict=True)]
    order = list(range(len(examples)))
    random.Random(seed).shuffle(order)
    fold = {index: position % RULE_FOLDS for position, index in enumerate(order)}
    probabilities = [0.0] * len(examples)
    for k in range(RULE_FOLDS):
        part = [with_rules[i] for i in range(len(examples)) if fold[i] != k]
        if len({y for _, y in part}) < 2:
            return frozenset()
        model = fit(part, seed=seed)
        for i in range(len(examples)):
            if fold[i] == k:
                probabilities[i] = model.probability(with_rules[i][0])
    labels = [y for _, y in examples]

    def f1_when_lifting(lifted: frozenset[str]) -> float:
        vetoed = [any(f.get(name) for name in supported if name not in lifted) for f in flags]
        scored = [0.0 if v else p for v, p in zip(vetoed, probabilities, strict=True)]
        return choose_threshold(scored, labels, beta=1.0)[1]["f1"]

    best, best_f1 = frozenset[str](), f1_when_lifting(frozenset())
    subsets = [frozenset(c) for size in range(1, len(supported) + 1) for c in combinations(supported, size)]
    for subset in subsets:
        f1 = f1_when_lifting(subset)
        if f1 >= best_f1 + MIN_RULE_GAIN * (len(subset) - len(best)):
            best, best_f1 = subset, f1
    return best


def in_holdout(text: str, fraction: float) -> bool:
    """A stable, content-addressed split: the same text always lands on the same side."""
    digest = hashlib.sha256(" ".join(text.split()).casefold().encode("utf-8")).digest()
    return int.from_bytes(digest[:8], "big") / 2**64 < fraction
