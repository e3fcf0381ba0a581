"""Refit claims/detection/weights/default.json from ct24-train.jsonl, deterministically.

Usage: python benchmarks/fit_detector.py [--lexical] [--out FILE]   (data from ../shared/data/claims or $CLAIM_DATA_DIR)

`--lexical` adds word/word-pair features (vocabulary from the fitting sentences); `--out` writes elsewhere
than the shipped default.json, e.g. to measure a candidate with `detection_bench.py --weights FILE`.

Only the CT24 (ClaimBuster) training sentences are used: 85 % to fit the weights, the other 15 %
(chosen by a hash of the sentence id) to choose the bucket thresholds. PoliClaim is never read here.
"""

from __future__ import annotations

import json
import sys
import zlib
from dataclasses import replace
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from claim_data import load  # noqa: E402

from claims.detection.candidates import detect  # noqa: E402
from claims.detection.features import extract_features  # noqa: E402
from claims.detection.lexical import choose_vocabulary, with_lexical  # noqa: E402
from claims.detection.training import Weights, choose_threshold, evaluate, fit, scores  # noqa: E402
from claims.detection.weights import DEFAULT_PATH  # noqa: E402

CALIBRATION_PERCENT = 15


def is_calibration(row: dict) -> bool:
    return zlib.crc32(row["id"].encode()) % 100 < CALIBRATION_PERCENT


def pipeline_scores(weights: Weights, rows: list[dict]) -> list[float]:
    """Per sentence, the best score the full pipeline gives (0 when nothing is proposed)."""
    # A near-zero may-be threshold makes overridden candidates (predictions, opinion) score ~0.
    probe = replace(weights, worth_threshold=1.0, may_threshold=1e-9)
    out = []
    for row in rows:
        found = detect(row["text"], language="en", weights=probe)
        out.append(max((c.checkworthiness for c in found), default=0.0))
    return out


def _rounded(values: dict) -> dict:
    return {k: round(v, 4) for k, v in values.items()}


def fit_shipped(*, lexical: bool = False) -> Weights:
    """The shipped model (with `lexical`, the candidate that adds word features), from CT24 train only."""
    rows = load("ct24-train.jsonl")
    train = [r for r in rows if not is_calibration(r)]
    calibration = [r for r in rows if is_calibration(r)]
    vocabulary = choose_vocabulary(r["text"] for r in train) if lexical else frozenset()
    examples = [(with_lexical(r["text"], extract_features(r["text"]), vocabulary), r["label"]) for r in train]
    weights = replace(fit(examples, seed=13), vocabulary=vocabulary)
    probabilities = pipeline_scores(weights, calibration)
    labels = [r["label"] for r in calibration]
    worth, worth_scores = choose_threshold(probabilities, labels, beta=1.0)
    # "May be worth checking" is the wide net an editor triages, so favour recall (F2).
    may, may_scores = choose_threshold(probabilities, labels, beta=2.0)
    may = min(may, worth)
    dev = load("ct24-dev.jsonl")
    final = replace(
        weights,
        worth_threshold=worth,
        may_threshold=may,
        provenance={
            "data": "ct24-train.jsonl (ClaimBuster via CLEF 2024 CheckThat! Task 1), CC BY 4.0",
            "fit_rows": len(train),
            "calibration_rows": len(calibration),
            "split": f"crc32(id) % 100 < {CALIBRATION_PERCENT} -> calibration",
            "method": "logistic regression, AdaGrad SGD, 8 epochs, lr 0.1, l2 1e-4, seed 13, balanced",
            "script": "benchmarks/fit_detector.py" + (" --lexical" if lexical else ""),
        },
    )
    dev_scores = pipeline_scores(final, dev)
    dev_labels = [r["label"] for r in dev]
    final = replace(
        final,
        held_out={
            "calibration_worth": _rounded(worth_scores),
            "calibration_may_be": _rounded(may_scores),
            "ct24_dev_proposed": _rounded(scores([p >= may for p in dev_scores], dev_labels)),
            "ct24_dev_worth": _rounded(scores([p >= worth for p in dev_scores], dev_labels)),
            "ct24_dev_model_only": _rounded(
                evaluate(final, [(final.featurize(r["text"], extract_features(r["text"])), r["label"]) for r in dev])
            ),
            "note": "calibration = held-out 15% of ct24-train; proposed = worth or may-be bucket",
        },
    )
    return final


def main() -> None:
    final = fit_shipped(lexical="--lexical" in sys.argv)
    out = Path(sys.argv[sys.argv.index("--out") + 1]) if "--out" in sys.argv else DEFAULT_PATH
    final.save(out)
    print(f"wrote {out} worth>={final.worth_threshold} may>={final.may_threshold}")
    print(json.dumps(final.held_out, indent=2))


if __name__ == "__main__":
    main()
