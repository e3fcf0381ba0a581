"""Refit the re-ranker on reviewers' decisions and activate it only when it ranks held-out decisions better."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from django.db import transaction

from claims.detection.training import in_holdout
from matching import matcher
from matching.models import MatchDecision, MatcherModel
from matching.ranking import RankerWeights, fit

MIN_DECISIONS = 20
HOLDOUT = 0.25


class TrainingError(Exception):
    """Training cannot start or cannot be measured; the message says why."""


@dataclass
class TrainingReport:
    decisions: int
    train_size: int
    holdout_size: int
    new_auc: float
    current_auc: float
    activated: bool
    dry_run: bool
    model: MatcherModel | None = None

    @property
    def better(self) -> bool:
        return self.new_auc > self.current_auc

    def summary(self) -> str:
        lines = [
            f"Decisions: {self.decisions}; {self.train_size} to fit, {self.holdout_size} held out.",
            f"Held-out ranking (AUC: how often a reused fact check scores above a rejected one): "
            f"new {self.new_auc:.3f}, current {self.current_auc:.3f}.",
        ]
        if self.activated and self.model is not None:
            lines.append(f"Activated matcher model {self.model.pk}.")
        elif self.dry_run:
            lines.append(
                f"Dry run: nothing saved; the new weights {'would' if self.better else 'would not'} be activated."
            )
        else:
            lines.append("Not activated: the new weights do not rank the held-out decisions better.")
        return "\n".join(lines)


def auc(weights: RankerWeights, examples: Sequence[tuple[Mapping[str, float], int]]) -> float:
    """The share of (reused, rejected) pairs that the weights order correctly; ties count half."""
    positives = [weights.score(f) for f, label in examples if label]
    negatives = [weights.score(f) for f, label in examples if not label]
    if not positives or not negatives:
        raise TrainingError("The held-out decisions need both reused and rejected matches to be compared.")
    wins = sum(1.0 if p > n else 0.5 if p == n else 0.0 for p in positives for n in negatives)
    return wins / (len(positives) * len(negatives))


def train_matcher(*, activate: bool = True) -> TrainingReport:
    """Fit on the decisions outside the held-out part; activate when the held-out AUC beats the current weights'."""
    decisions = list(MatchDecision.objects.exclude(features={}).order_by("pk"))
    if len(decisions) < MIN_DECISIONS:
        raise TrainingError(f"Only {len(decisions)} decisions with features; at least {MIN_DECISIONS} are needed.")
    examples = [(d.text + "\n" + str(d.fact_check_id), dict(d.features), d.label) for d in decisions]
    held = [(f, y) for key, f, y in examples if in_holdout(key, HOLDOUT)]
    train = [(f, y) for key, f, y in examples if not in_holdout(key, HOLDOUT)]
    if len({y for _, y in train}) < 2:
        raise TrainingError("The decisions to fit on need both reused and rejected matches.")
    current = matcher.active_weights()
    # One group: every reused decision should outrank every rejected one, which is what AUC measures.
    new = fit([train], threshold=current.threshold, provenance={"fitted_on": "reviewers' decisions"})
    report = TrainingReport(
        decisions=len(decisions),
        train_size=len(train),
        holdout_size=len(held),
        new_auc=auc(new, held),
        current_auc=auc(current, held),
        activated=False,
        dry_run=not activate,
    )
    if activate and report.better:
        with transaction.atomic():
            MatcherModel.objects.filter(is_active=True).update(is_active=False)
            report.model = MatcherModel.objects.create(
                weights=new.to_dict(),
                metrics={"held_out_auc": round(report.new_auc, 4), "previous_auc": round(report.current_auc, 4)},
                trained_on=len(train),
                is_active=True,
            )
        report.activated = True
    return report
