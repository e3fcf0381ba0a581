"""The detection benchmark counts precision, recall and F1 the way the README reports them."""

from __future__ import annotations

import importlib
import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from claims.detection import RuleBackend
from tests.samples import sample_text, samples_dir

ROOT = Path(__file__).resolve().parents[2]

TINY = [
    {"id": "a", "text": "Unemployment fell to 3.1% in 2023.", "label": 1},
    {"id": "b", "text": "The state budget rose by $4 billion last year.", "label": 1},
    {"id": "c", "text": "Thank you all for coming tonight.", "label": 0},
    {"id": "d", "text": "Did taxes rise?", "label": 1},
    {"id": "e", "text": "Taxes rose 2% in 2019.", "label": 0},
]


@pytest.fixture
def bench(monkeypatch):
    monkeypatch.syspath_prepend(str(ROOT / "benchmarks"))
    return importlib.import_module("detection_bench")


def test_the_bench_counts_precision_recall_and_f1_on_a_hand_made_set(bench):
    q = bench.quality(TINY, backend=RuleBackend())
    # Proposed: a, b (right) and e (wrong); the question d is missed; the greeting c is dropped.
    third = pytest.approx(2 / 3)
    assert q["detector"] == {"precision": third, "recall": third, "f1": third}
    assert q["propose_all"] == {"precision": 0.6, "recall": 1.0, "f1": pytest.approx(0.75)}
    assert q["has_digit"] == {"precision": third, "recall": third, "f1": third}
    assert q["rows"] == 5


def test_the_bench_script_runs_end_to_end_and_writes_its_figures(tmp_path):
    sample_text("deepseek-article.txt")  # the bench scores the sample; fails clearly if it is absent
    samples = samples_dir()
    rows = [
        {**r, "id": f"{r['id']}{n}", "split": "dev" if n % 2 else "dev-test", "doc": f"speech {n % 3}"}
        for n in range(8)
        for r in TINY
    ]
    for name in ("ct24-train.jsonl", "ct24-dev.jsonl", "policlaim-train.jsonl"):
        (tmp_path / name).write_text("".join(json.dumps(r) + "\n" for r in rows))
    out = tmp_path / "results.json"
    result = subprocess.run(
        [sys.executable, "benchmarks/detection_bench.py", "--out", str(out)],
        cwd=ROOT,
        env={**os.environ, "CLAIM_DATA_DIR": str(tmp_path), "CLAIM_SAMPLES_DIR": str(samples)},
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 0, result.stderr
    assert "5-fold cross-validation (measurement only, never shipped)" in result.stdout
    figures = json.loads(out.read_text())
    assert figures["quality"]["ct24-dev (dev + dev-test)"]["detector"]["precision"] == pytest.approx(2 / 3)
    assert figures["policlaim_cross_validated"]["rows"] == 40
    # The honest baselines and the lexical measurements run in the same pass as the shipped figures.
    assert "TF-IDF + logistic regression, PoliClaim 5-fold CV" in result.stdout
    assert set(figures["tfidf_lr"]["fitted_on_ct24_train"]["plain"]) == {"ct24-dev", "policlaim-train"}
    assert set(figures["tfidf_lr"]["policlaim_cv"]["balanced"]) == {"precision", "recall", "f1"}
    assert figures["policlaim_cross_validated_lexical"]["lexical"] is True
    assert set(figures["policlaim_cross_validated_lexical"]) >= {"detector", "model_only", "model_only_worth"}
    assert figures["sample_article"]["gold_total"] == 15
    # Rule lifting and leave-one-speech-out run in the same pass too.
    assert figures["policlaim_cross_validated_lexical_lift"]["lift_rules"] is True
    assert len(figures["policlaim_cross_validated_lexical_lift"]["lifted_per_fold"]) == 5
    assert figures["policlaim_by_speech_lexical_lift"]["folds"] == 3
    assert set(figures["tfidf_lr_by_speech"]) == {"plain", "balanced"}
    assert "leave one speech out (3 speeches; measurement only)" in result.stdout


def test_speech_folds_keep_each_speech_on_one_side(bench):
    rows = [{"doc": d} for d in ("KY2018", "AL2003", "KY2018", "US2016")]
    assert bench.speech_folds(rows) == [1, 0, 1, 2]
