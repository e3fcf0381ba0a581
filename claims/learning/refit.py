"""Refit the claim detector on the newsroom's decisions and activate it only when it does better."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field

from django.conf import settings
from django.db import transaction

from claims.detection import (
    FEATURE_NAMES,
    Weights,
    default_weights,
    evaluate_sentences,
    features_for,
    fit_calibrated,
    in_holdout,
)
from claims.detection.rules import NAMES as RULE_NAMES
from claims.detection.rules import rule_flags
from claims.models import DetectorDecision, DetectorModel

MIN_EXAMPLES = 20


class TrainingError(Exception):
    """Training cannot start or cannot be measured; the message says why, for an editor."""


@dataclass(frozen=True)
class Example:
    text: str
    label: int
    features: Mapping[str, float]
    source: str


@dataclass
class TrainingReport:
    decisions: int
    extra: int
    train_size: int
    holdout_size: int
    holdout_positives: int
    new: dict[str, float]
    baseline: dict[str, float]
    baseline_name: str
    activated: bool
    dry_run: bool
    model: DetectorModel | None = None
    notes: list[str] = field(default_factory=list)

    @property
    def better(self) -> bool:
        return self.new["f1"] > self.baseline["f1"]

    def summary(self) -> str:
        def figures(s: Mapping[str, float]) -> str:
            return f"precision {s['precision']:.3f}, recall {s['recall']:.3f}, F1 {s['f1']:.3f}"

        lines = [
            f"Examples: {self.decisions} editor decisions + {self.extra} from files; "
            f"{self.train_size} to fit, {self.holdout_size} held out ({self.holdout_positives} worth checking).",
            f"New weights on the held-out part: {figures(self.new)}.",
            f"{self.baseline_name[:1].upper()}{self.baseline_name[1:]} on the same part: {figures(self.baseline)}.",
        ]
        lines += self.notes
        if self.activated and self.model is not None:
            lines.append(f"Activated detector model {self.model.pk}.")
        elif self.dry_run:
            verdict = "would be activated" if self.better else "would not be activated"
            lines.append(f"Dry run: nothing saved; the new weights {verdict}.")
        else:
            lines.append(f"Not activated: the new weights do not beat {self.baseline_name}; keeping them.")
        return "\n".join(lines)


def _decision_features(decision: DetectorDecision) -> Mapping[str, float]:
    # Features stored by an older detector lack newer names; recompute them from the text then.
    stored = decision.features or {}
    if all(name in stored for name in FEATURE_NAMES):
        return stored
    return features_for(decision.text)


def collect_examples(extra_examples: Iterable[tuple[str, int]] = ()) -> tuple[list[Example], int, int]:
    """Editors' decisions (latest per claim wins) plus labelled texts; returns (examples, decisions, extra)."""
    examples: list[Example] = []
    seen_claims: set[int] = set()
    # Newest first, so a claim kept and later dismissed counts as dismissed.
    for decision in DetectorDecision.objects.order_by("-created_at", "-pk").iterator():
        if decision.claim_id is not None:
            if decision.claim_id in seen_claims:
                continue
            seen_claims.add(decision.claim_id)
        label = int(decision.label)
        examples.append(Example(decision.text, label, _decision_features(decision), "decision"))
    decisions = len(examples)
    for text, label in extra_examples:
        examples.append(Example(text, int(label), features_for(text), "file"))
    return examples, decisions, len(examples) - decisions


def active_model() -> DetectorModel | None:
    return DetectorModel.objects.filter(is_active=True).first()


def train_detector(
    *,
    extra_examples: Iterable[tuple[str, int]] = (),
    holdout: float = 0.2,
    activate: bool = True,
    lexical: bool | None = None,
    lift_rules: bool = True,
) -> TrainingReport:
    """Fit on the decisions (and `extra_examples` of (text, label)), compare on a held-out part, maybe activate.

    The held-out part is chosen by a hash of each example's text, so reruns and the old/new
    comparison see exactly the same sentences. `activate=False` is a dry run: nothing is saved.
    `lexical` (default: settings.DETECTION_TRAIN_LEXICAL, else off) also learns weights for the words
    and word pairs of the newsroom's own sentences; the vocabulary is stored with the weights.
    `lift_rules` lets the decisions lift a product rule (predictions, opinion) that they clearly
    contradict (claims.detection.rules); `False` keeps every rule whatever the decisions say.
    """
    if lexical is None:
        lexical = bool(getattr(settings, "DETECTION_TRAIN_LEXICAL", False))
    if not 0 < holdout < 1:
        raise TrainingError("The held-out share must be between 0 and 1 (e.g. 0.2).")
    examples, decisions, extra = collect_examples(extra_examples)
    if len(examples) < MIN_EXAMPLES:
        raise TrainingError(
            f"Only {len(examples)} labelled examples; at least {MIN_EXAMPLES} are needed to train and measure."
        )
    held = [e for e in examples if in_holdout(e.text, holdout)]
    train = [e for e in examples if not in_holdout(e.text, holdout)]
    for part, name in ((train, "training"), (held, "held-out")):
        labels = {e.label for e in part}
        if labels != {0, 1}:
            raise TrainingError(
                f"The {name} part needs examples both worth and not worth checking; "
                "record more decisions or pass a labelled file with --jsonl."
            )
    weights = fit_calibrated(
        [(e.features, e.label) for e in train],
        provenance={
            "data": "newsroom decisions" + (" and labelled files" if extra else ""),
            "examples": len(train),
            "lexical": lexical,
        },
        texts=[e.text for e in train],
        lexical=lexical,
        lift_rules=lift_rules,
    )
    current = active_model()
    baseline_weights = Weights.from_dict(current.weights) if current else default_weights()
    baseline_name = f"active detector model {current.pk}" if current else "the shipped default weights"
    # Each model sees its own lexical terms, if any, so both are measured as they would run.
    # Each model sees its own lexical terms and obeys its own rules, so both are measured as they would run.
    held_items = [(e.text, e.features, e.label) for e in held]
    new_scores = _rounded(evaluate_sentences(weights, held_items))
    baseline_scores = _rounded(evaluate_sentences(baseline_weights, held_items))
    report = TrainingReport(
        decisions=decisions,
        extra=extra,
        train_size=len(train),
        holdout_size=len(held),
        holdout_positives=sum(e.label for e in held),
        new=new_scores,
        baseline=baseline_scores,
        baseline_name=baseline_name,
        activated=False,
        dry_run=not activate,
    )
    if lexical:
        report.notes.append(f"Lexical features: {len(weights.vocabulary)} words and word pairs from the fitting part.")
    for name in sorted(weights.lifted_rules):
        flagged = [e for e in train if rule_flags(e.text, e.features)[name]]
        kept = sum(e.label for e in flagged)
        report.notes.append(
            f"Rule lifted: {RULE_NAMES[name]} ({kept} of {len(flagged)} such sentences were "
            "worth checking in your decisions); the model now weighs it instead of always demoting it."
        )
    if len(held) < 30:
        report.notes.append(f"Only {len(held)} held-out examples: treat these figures as rough.")
    if activate and report.better:
        metrics = {
            "held_out": new_scores,
            "baseline": baseline_scores,
            "baseline_name": baseline_name,
            "holdout_share": holdout,
            "holdout_size": len(held),
            "lifted_rules": sorted(weights.lifted_rules),
        }
        with transaction.atomic():
            DetectorModel.objects.filter(is_active=True).update(is_active=False)
            report.model = DetectorModel.objects.create(
                weights=weights.to_dict(), metrics=metrics, trained_on=len(train), is_active=True
            )
        report.activated = True
    return report


def _rounded(values: Mapping[str, float]) -> dict[str, float]:
    return {k: round(v, 4) for k, v in values.items()}
