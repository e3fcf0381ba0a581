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
    news, labels = tiny_news(tmp_path)
    out = tmp_path / "results.json"
    result = subprocess.run(
        [sys.executable, "benchmarks/detection_bench.py", "--out", str(out)],
        cwd=ROOT,
        env={
            **os.environ,
            "CLAIM_DATA_DIR": str(tmp_path),
            "CLAIM_SAMPLES_DIR": str(samples),
            "NEWS_DATA_DIR": str(news),
            "NEWS_LABELS": str(labels),
        },
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
    # News: the shipped detector, the baselines and a desk's refit, all on the measuring articles only.
    assert figures["news"]["articles"] == {"fit": 4, "measure": 2}
    assert figures["news"]["shipped"]["sentences"] == 2 * 4
    assert figures["news"]["shipped"]["propose_all"]["recall"] == 1.0
    assert set(figures["news"]["tfidf_lr_news_fit"]) == {"plain", "balanced"}
    assert figures["news"]["desk"]["decisions"] > 0
    assert figures["sentences_per_second"]["median"] > 0
    assert figures["paste_200k_seconds"] > 0


NEWS_TEXT = (
    "The council raised parking fees by 20% in March. {n} residents signed a petition against it. "
    "You should always check the small print. What happens next is anyone's guess."
)


def tiny_news(tmp_path: Path) -> tuple[Path, Path]:
    """Six small articles (four to fit, two to measure) with a label per sentence."""
    news = tmp_path / "news"
    news.mkdir()
    articles, labels = [], []
    for n in range(6):
        text = NEWS_TEXT.format(n=100 + n)
        articles.append({"id": f"t{n}", "text": text})
        start = 0
        for sentence, label in zip(text.split(". "), (1, 1, 0, 0), strict=True):
            end = start + len(sentence) + (0 if sentence.endswith(".") else 1)
            split = "measure" if n >= 4 else "fit"
            labels.append({"article": f"t{n}", "start": start, "end": end, "label": label, "pass": 1, "split": split})
            start = end + 1
    (news / "articles.jsonl").write_text("".join(json.dumps(a) + "\n" for a in articles))
    path = tmp_path / "labels.jsonl"
    path.write_text("".join(json.dumps(r) + "\n" for r in labels))
    return news, path


def test_speech_folds_keep_each_speech_on_one_side(bench):
    rows = [{"doc": d} for d in ("KY2018", "AL2003", "KY2018", "US2016")]
    assert bench.speech_folds(rows) == [1, 0, 1, 2]
