from __future__ import annotations

import random
import subprocess
import sys
import time

from claims.detection import (
    RuleBackend,
    Weights,
    default_weights,
    describe_weights,
    evaluate,
    fit,
)
from claims.detection.training import best_threshold


def synthetic(n: int, seed: int = 1):
    rng = random.Random(seed)
    examples = []
    for _ in range(n):
        number = rng.random() < 0.4
        opinion = rng.random() < 0.3
        label = int(number and not opinion) if rng.random() < 0.9 else int(rng.random() < 0.5)
        examples.append(
            (
                {
                    "has_number": float(number),
                    "opinion": float(opinion),
                    "length": rng.random(),
                },
                label,
            )
        )
    return examples


def test_it_fits_weights_that_separate_the_classes():
    weights = fit(synthetic(3000), may_threshold=0.5)
    assert weights.weights["has_number"] > 1.0
    assert weights.weights["opinion"] < -1.0
    assert evaluate(weights, synthetic(1000, seed=2))["f1"] > 0.8


def test_it_fits_deterministically():
    examples = synthetic(2000)
    assert fit(examples, seed=7).to_dict() == fit(examples, seed=7).to_dict()


def test_it_fits_25k_examples_quickly():
    examples = synthetic(25_000)
    started = time.perf_counter()
    fit(examples)
    assert time.perf_counter() - started < 10


def test_it_reports_precision_recall_and_f1():
    weights = Weights(weights={"x": 5.0}, bias=-2.5, may_threshold=0.5)
    result = evaluate(weights, [({"x": 1.0}, 1), ({"x": 0.0}, 0), ({"x": 1.0}, 0), ({"x": 0.0}, 1)])
    assert result == {"precision": 0.5, "recall": 0.5, "f1": 0.5}
    assert best_threshold(weights, [({"x": 1.0}, 1), ({"x": 0.0}, 0)])[1] == 1.0


def test_it_round_trips_weights_through_json(tmp_path):
    weights = fit(synthetic(500), provenance={"data": "synthetic"})
    path = tmp_path / "w.json"
    weights.save(path)
    loaded = Weights.load(path)
    assert loaded.to_dict() == weights.to_dict()
    assert RuleBackend(loaded).detect("Sales rose 5% in 2023.")


def test_it_ships_weights_with_provenance_and_describes_them():
    weights = default_weights()
    assert "ct24-train" in weights.provenance["data"]
    assert 0 < weights.may_threshold <= weights.worth_threshold < 1
    lines = describe_weights()
    assert any("has_percent" in line and "contains a percentage" in line for line in lines)
    output = subprocess.run(
        [sys.executable, "-m", "claims.detection.weights"],
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    assert "bias" in output and "has_number" in output
