"""Quality and speed benchmark for claims.detection.

Usage: python benchmarks/detection_bench.py [--out FILE]   (from the repository root)

Prints a table and writes benchmarks/results/detection.json (or FILE). Data comes from ../shared/data/claims
(or $CLAIM_DATA_DIR); the sample article from ../shared/samples (or $CLAIM_SAMPLES_DIR). The TF-IDF +
logistic-regression baselines need scikit-learn (a dev-only dependency; the product never imports it).
"""

from __future__ import annotations

import json
import os
import re
import statistics
import sys
import time
import zlib
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from claim_data import data_dir, load  # noqa: E402
from fit_detector import fit_shipped  # noqa: E402

from claims.detection import (  # noqa: E402
    NOT_WORTH,
    WORTH,
    Backend,
    RuleBackend,
    Weights,
    detect_claims,
    features_for,
)
from claims.detection.rules import rule_flags  # noqa: E402
from claims.detection.training import fit_calibrated, scores  # noqa: E402

FOLDS = 5
RESULTS = ROOT / "benchmarks" / "results" / "detection.json"

# The 15 claims of deepseek-article.expected.md: a phrase locating the gold sentence region in the
# article, and key terms that must all appear in a proposed candidate's span or wording.
GOLD = [
    (1, "DeepSeek made headlines in December", ["open-source model", "comparably"]),
    (2, "DeepSeek made headlines in December", ["fraction", "cost"]),
    (3, "Then, last week, DeepSeek released", ["released", "R1"]),
    (4, "Then, last week, DeepSeek released", ["on par", "o1"]),
    (5, "Then, last week, DeepSeek released", ["lower price"]),
    (6, "Alibaba and ByteDance each released", ["Alibaba", "ByteDance", "released"]),
    (7, "OpenAI made a breakthrough", ["September", "o1"]),
    (8, "While the Chinese lab hasn’t been open", ["TechCrunch", "ChatGPT"]),
    (9, "While the Chinese lab hasn’t been open", ["open about its training data"]),
    (10, "There’s also some question of whether", ["terms of service"]),
    (11, "S&P Global tech lead David Tsui", ["research paper"]),
    (12, "Ongoing restrictions: DeepSeek", ["blocked", "Nvidia"]),
    (13, "While US-based Nvidia still has", ["wide lead"]),
    (14, "While US-based Nvidia still has", ["China", "building its own chips"]),
    (15, "Open vs. closed: DeepSeek", ["open-source licenses"]),
]
# Lines a fact-checker would not propose: furniture, opinion, predictions, framing.
NOT_CLAIMS = [
    "Skip to main content",
    "4 min read",
    "Phone displaying a DeepSeek search bar.",
    "Greg Baker/Getty Images",
    "Keep up with the innovative tech transforming business",
    "Tech Brew keeps business leaders",
    "What DeepSeek’s ultra-cheap models mean",
    "Copychat?",
    "There’s also some question of whether",
    "he wouldn’t necessarily expect AI spending",
    "“I’m sure they’re looking",
    "“But it doesn’t mean",
    "will likely lead the US",
    "“[That might mean]",
    "that will eventually help to close the gap",
    "“Nvidia and the US [will be] dominant",
    "“They’ll start having",
    "“I do think it’s a positive development",
    "“America absolutely needs to invest",
]


def samples_dir() -> Path:
    if os.environ.get("CLAIM_SAMPLES_DIR"):
        return Path(os.environ["CLAIM_SAMPLES_DIR"])
    return data_dir().parent.parent / "samples"


def quality(rows: list[dict], backend: Backend | None = None) -> dict:
    """P/R/F1 of the detector ("proposed" = worth or may-be bucket) and of simple baselines."""
    gold = [r["label"] for r in rows]
    buckets = [{c.bucket for c in detect_claims(r["text"], backend=backend)} for r in rows]
    return {
        "rows": len(rows),
        "detector": scores([bool(b - {NOT_WORTH}) for b in buckets], gold),
        "detector_worth_only": scores([WORTH in b for b in buckets], gold),
        "propose_all": scores([True] * len(rows), gold),
        "has_digit": scores([bool(re.search(r"\d", r["text"])) for r in rows], gold),
    }


def folds_of(rows: list[dict], folds: int = FOLDS) -> list[int]:
    return [zlib.crc32(r["id"].encode()) % folds for r in rows]


def speech_folds(rows: list[dict]) -> list[int]:
    """One fold per speech (the `doc` field): leave-one-speech-out, so no speech is on both sides."""
    docs = sorted({r["doc"] for r in rows})
    return [docs.index(r["doc"]) for r in rows]


def cross_validated(
    rows: list[dict],
    folds: int = FOLDS,
    *,
    lexical: bool = False,
    lift_rules: bool = False,
    fold: list[int] | None = None,
) -> dict:
    """Same pipeline, weights refitted on the other folds as train_detector would (with `lexical`, word features too).

    With `lift_rules` each fold's fit may lift the prediction or opinion rule, as train_detector does by default.

    Measures what a newsroom gets by retraining on its own labelled data; never shipped. "detector" runs
    the full pipeline (filters, prediction and opinion rules); "model_only" is the fitted model's
    probability on the whole sentence against its may-be threshold, "model_only_worth" against worth.
    """
    fold = fold or folds_of(rows, folds)
    folds = max(fold) + 1
    features = [features_for(r["text"]) for r in rows]
    proposed, may, worth = [False] * len(rows), [False] * len(rows), [False] * len(rows)
    lifted: list[list[str]] = []
    for k in range(folds):
        train = [i for i in range(len(rows)) if fold[i] != k]
        weights = fit_calibrated(
            [(features[i], rows[i]["label"]) for i in train],
            texts=[rows[i]["text"] for i in train],
            lexical=lexical,
            lift_rules=lift_rules,
        )
        lifted.append(sorted(weights.lifted_rules))
        backend = RuleBackend(weights)
        for i, r in enumerate(rows):
            if fold[i] == k:
                flags = rule_flags(r["text"], features[i])
                p = weights.probability(weights.featurize(r["text"], features[i], flags))
                may[i], worth[i] = p >= weights.may_threshold, p >= weights.worth_threshold
                proposed[i] = any(c.bucket != NOT_WORTH for c in backend.detect(r["text"]))
    gold = [r["label"] for r in rows]
    return {
        "rows": len(rows),
        "folds": folds,
        "lexical": lexical,
        "lift_rules": lift_rules,
        "lifted_per_fold": lifted,
        "detector": scores(proposed, gold),
        "model_only": scores(may, gold),
        "model_only_worth": scores(worth, gold),
    }


def _tfidf_lr(balanced: bool):  # noqa: ANN202 (scikit-learn is a dev-only import)
    from sklearn.feature_extraction.text import TfidfVectorizer
    from sklearn.linear_model import LogisticRegression
    from sklearn.pipeline import make_pipeline

    return make_pipeline(
        TfidfVectorizer(ngram_range=(1, 2)),
        LogisticRegression(max_iter=2000, class_weight="balanced" if balanced else None),
    )


def tfidf_baselines(
    train: list[dict], tests: dict[str, list[dict]], cv_rows: list[dict], fold: list[int] | None = None
) -> dict:
    """TF-IDF (word 1-2 grams) + logistic regression, threshold 0.5, plain and class-balanced.

    "fitted_on_ct24_train" is the apples-to-apples comparison with the shipped weights; "policlaim_cv"
    refits it on PoliClaim's own folds (the crc32 folds of cross_validated, or `fold`); with no `train`
    only the cross-validated part runs.
    """
    out: dict = {"fitted_on_ct24_train": {}, "policlaim_cv": {}}
    fold = fold or folds_of(cv_rows)
    for variant, balanced in (("plain", False), ("balanced", True)):
        if train:
            model = _tfidf_lr(balanced).fit([r["text"] for r in train], [r["label"] for r in train])
            out["fitted_on_ct24_train"][variant] = {
                name: scores(list(model.predict([r["text"] for r in rows]) == 1), [r["label"] for r in rows])
                for name, rows in tests.items()
            }
        predicted = [False] * len(cv_rows)
        for k in range(max(fold) + 1):
            part = [r for i, r in enumerate(cv_rows) if fold[i] != k]
            held = [i for i in range(len(cv_rows)) if fold[i] == k]
            model = _tfidf_lr(balanced).fit([r["text"] for r in part], [r["label"] for r in part])
            for i, p in zip(held, model.predict([cv_rows[i]["text"] for i in held]), strict=True):
                predicted[i] = p == 1
        out["policlaim_cv"][variant] = scores(predicted, [r["label"] for r in cv_rows])
    return out


def article() -> dict:
    text = (samples_dir() / "deepseek-article.txt").read_text(encoding="utf-8")
    found = [c for c in detect_claims(text) if c.bucket != NOT_WORTH]
    matched = []
    used: set[int] = set()
    # One candidate answers one gold claim: two claims in one candidate count once.
    for number, anchor, terms in GOLD:
        region_start = text.index(anchor)
        region_end = text.find("\n", region_start)
        region_end = len(text) if region_end < 0 else region_end
        for index, c in enumerate(found):
            blob = text[c.start : c.end] + " " + c.text
            if index in used:
                continue
            if c.start < region_end and region_start < c.end and all(t in blob for t in terms):
                matched.append(number)
                used.add(index)
                break
    bad = []
    for phrase in NOT_CLAIMS:
        at = text.index(phrase)
        region = (at, at + len(phrase))
        if any(c.start < region[1] and region[0] < c.end for c in found):
            bad.append(phrase)
    return {
        "gold_found": len(matched),
        "gold_total": len(GOLD),
        "gold_missed": [n for n, _, _ in GOLD if n not in matched],
        "not_claims_checked": len(NOT_CLAIMS),
        "not_claims_proposed": bad,
        "proposed_candidates": len(found),
    }


def speed(rows: list[dict], repeat: int = 5, weights: Weights | None = None) -> float:
    """Sentences per second: the median of ``repeat`` passes (not the best, which flatters a shared machine)."""
    sentences = [r["text"] for r in rows]
    backend = RuleBackend(weights)
    timings = []
    for _ in range(repeat):
        start = time.perf_counter()
        for sentence in sentences:
            detect_claims(sentence, backend=backend)
        timings.append(time.perf_counter() - start)
    return len(sentences) / statistics.median(timings)


def row(name: str, s: dict) -> str:
    return f"{name:<34} {s['precision']:>6.3f} {s['recall']:>6.3f} {s['f1']:>6.3f}"


def main() -> None:
    dev = load("ct24-dev.jsonl")
    sets = {
        "ct24-dev (dev + dev-test)": dev,
        "ct24-dev (split=dev)": [r for r in dev if r.get("split") == "dev"],
        "ct24-dev (split=dev-test)": [r for r in dev if r.get("split") == "dev-test"],
        "policlaim-train (all held out)": load("policlaim-train.jsonl"),
    }
    policlaim = sets["policlaim-train (all held out)"]
    results = {"quality": {name: quality(rows) for name, rows in sets.items()}}
    results["policlaim_cross_validated"] = cross_validated(policlaim)
    results["policlaim_cross_validated_lexical"] = cross_validated(policlaim, lexical=True)
    results["policlaim_cross_validated_lift"] = cross_validated(policlaim, lift_rules=True)
    results["policlaim_cross_validated_lexical_lift"] = cross_validated(policlaim, lexical=True, lift_rules=True)
    by_speech = speech_folds(policlaim)
    results["policlaim_by_speech_lexical_lift"] = cross_validated(
        policlaim, lexical=True, lift_rules=True, fold=by_speech
    )
    results["tfidf_lr_by_speech"] = tfidf_baselines([], {}, policlaim, fold=by_speech)["policlaim_cv"]
    candidate = fit_shipped(lexical=True)
    results["candidate_lexical_ct24"] = {
        name: quality(sets[name], backend=RuleBackend(candidate))
        for name in ("ct24-dev (dev + dev-test)", "policlaim-train (all held out)")
    }
    results["tfidf_lr"] = tfidf_baselines(
        load("ct24-train.jsonl"), {"ct24-dev": dev, "policlaim-train": policlaim}, policlaim
    )
    results["sample_article"] = article()
    results["sentences_per_second"] = round(speed(dev), 1)
    results["sentences_per_second_lexical_candidate"] = round(speed(dev, weights=candidate), 1)

    print(f"{'data set / system':<34} {'P':>6} {'R':>6} {'F1':>6}")
    for name, q in results["quality"].items():
        print(f"{name} ({q['rows']} sentences), shipped weights")
        for system in ("detector", "detector_worth_only", "propose_all", "has_digit"):
            print(row("  " + system, q[system]))
    print("candidate: same pipeline + lexical features, fitted on CT24 train only (not shipped)")
    for name, q in results["candidate_lexical_ct24"].items():
        print(row(f"  {name.split(' ')[0]} detector", q["detector"]))
    print("baseline: TF-IDF 1-2 grams + logistic regression fitted on CT24 train, threshold 0.5")
    for variant, by_set in results["tfidf_lr"]["fitted_on_ct24_train"].items():
        for name, s in by_set.items():
            print(row(f"  {variant} on {name}", s))
    for key, label in (
        ("policlaim_cross_validated", "same features"),
        ("policlaim_cross_validated_lexical", "+ lexical"),
        ("policlaim_cross_validated_lift", "same features, rules may be lifted"),
        ("policlaim_cross_validated_lexical_lift", "+ lexical, rules may be lifted (train_detector --lexical)"),
    ):
        cv = results[key]
        print(
            f"policlaim-train: {label}, weights fitted on PoliClaim by {cv['folds']}-fold cross-validation "
            f"(measurement only, never shipped); lifted per fold: {cv['lifted_per_fold']}"
        )
        print(row("  detector (refitted per fold)", cv["detector"]))
        print(row("  model only, may-be threshold", cv["model_only"]))
        print(row("  model only, worth threshold", cv["model_only_worth"]))
    print("baseline: TF-IDF + logistic regression, PoliClaim 5-fold CV, threshold 0.5 (measurement only)")
    for variant, s in results["tfidf_lr"]["policlaim_cv"].items():
        print(row(f"  {variant}", s))
    cv = results["policlaim_by_speech_lexical_lift"]
    print(f"policlaim-train, leave one speech out ({cv['folds']} speeches; measurement only)")
    print(row("  detector, train_detector --lexical", cv["detector"]))
    for variant, s in results["tfidf_lr_by_speech"].items():
        print(row(f"  TF-IDF + LR, {variant}", s))
    a = results["sample_article"]
    print(f"sample article: {a['gold_found']}/{a['gold_total']} gold claims found; missed {a['gold_missed']}")
    print(
        f"sample article: {len(a['not_claims_proposed'])}/{a['not_claims_checked']} furniture/opinion/prediction lines proposed {a['not_claims_proposed']}"
    )
    print(
        f"speed: {results['sentences_per_second']:.0f} sentences/s shipped, "
        f"{results['sentences_per_second_lexical_candidate']:.0f} with lexical features (one core, ct24-dev sentences)"
    )

    out = Path(sys.argv[sys.argv.index("--out") + 1]) if "--out" in sys.argv else RESULTS
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text(json.dumps(results, indent=2) + "\n", encoding="utf-8")
    print(f"wrote {out}")


if __name__ == "__main__":
    main()
