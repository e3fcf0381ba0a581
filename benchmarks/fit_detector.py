"""Refit claims/detection/weights/default.json, deterministically.

Usage: python benchmarks/fit_detector.py [--out FILE]   (from the repository root)

Fitting data: the CT24 (ClaimBuster) training sentences (../shared/data/claims/ct24-train.jsonl, CC BY 4.0) and
the *fitting* part of the project's labelled news sentences (benchmarks/data/news-labels.jsonl, texts from
../shared/data/news). The news *measuring* part and PoliClaim are never read here.

News sentences are scored the way the product sees them: each article goes through the whole pipeline
(segmentation, furniture filters, clause splitting, context features), and every candidate takes the label of
the labelled sentence it overlaps most. The thresholds come from out-of-fold scores on the news fitting part
(five folds by article): *worth checking* is the lowest cut whose precision reaches WORTH_PRECISION (an
editor's first look should be right), *may be worth checking* the highest cut whose recall of labelled claims
reaches MAY_RECALL (the wide net).
"""

from __future__ import annotations

import hashlib
import json
import sys
from collections.abc import Sequence
from dataclasses import dataclass, replace
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "benchmarks"))

from claim_data import load  # noqa: E402
from news_data import Article, load_articles  # noqa: E402

from claims.detection.candidates import ClaimCandidate, detect  # noqa: E402
from claims.detection.features import extract_features  # noqa: E402
from claims.detection.lexical import choose_vocabulary, with_lexical  # noqa: E402
from claims.detection.rules import rule_flags  # noqa: E402
from claims.detection.training import Weights, fit, scores  # noqa: E402
from claims.detection.weights import DEFAULT_PATH, default_weights  # noqa: E402

FOLDS = 5
NEWS_WEIGHT = 3  # each news example counts this many times: the domain we serve
MAX_TERMS = 3000
WORTH_PRECISION = 0.76
MAY_RECALL = 0.85
EPOCHS = 6


@dataclass(frozen=True)
class Example:
    text: str
    span: str
    features: dict[str, float]
    label: int
    group: str  # article id, or "" for a CT24 sentence
    sentence: int = -1  # index of the labelled sentence within the news examples' sentence list


def _fold(article: str) -> int:
    return int(hashlib.sha256(article.encode()).hexdigest()[:8], 16) % FOLDS


def ct24_examples() -> list[Example]:
    return [
        Example(r["text"], r["text"], extract_features(r["text"]), r["label"], "") for r in load("ct24-train.jsonl")
    ]


def news_examples(articles: Sequence[Article]) -> tuple[list[Example], list[tuple[str, int]]]:
    """Pipeline candidates with the label of the sentence they overlap most, and every labelled sentence."""
    probe = default_weights()
    examples: list[Example] = []
    sentences: list[tuple[str, int]] = []
    for article in articles:
        first = len(sentences)
        sentences.extend((article.id, s.label) for s in article.sentences)
        for candidate in detect(article.text, language="en", weights=probe):
            best, overlap = -1, 0
            for index, s in enumerate(article.sentences):
                shared = min(candidate.end, s.end) - max(candidate.start, s.start)
                if shared > overlap:
                    best, overlap = index, shared
            if best < 0:
                continue
            examples.append(
                Example(
                    _wording(candidate),
                    candidate.text,
                    dict(candidate.features),
                    article.sentences[best].label,
                    article.id,
                    first + best,
                )
            )
    return examples, sentences


def _wording(candidate: ClaimCandidate) -> str:
    return (candidate.rewrite or candidate.text).replace("[", "").replace("]", "")


def fit_on(examples: Sequence[Example]) -> Weights:
    vocabulary = choose_vocabulary((e.text for e in examples), max_terms=MAX_TERMS)
    data = []
    for e in examples:
        row = (with_lexical(e.text, e.features, vocabulary), e.label)
        data.extend([row] * (NEWS_WEIGHT if e.group else 1))
    return replace(fit(data, epochs=EPOCHS, seed=13), vocabulary=vocabulary)


def sentence_scores(weights: Weights, examples: Sequence[Example], sentence_count: int) -> list[float]:
    """Per labelled sentence, the best probability of a candidate the product would not veto (0 if none)."""
    best = [0.0] * sentence_count
    for e in examples:
        flags = rule_flags(e.span, e.features)
        if weights.vetoes(flags):
            continue
        p = weights.probability(weights.featurize(e.text, e.features, flags))
        best[e.sentence] = max(best[e.sentence], p)
    return best


def choose_cuts(probabilities: Sequence[float], labels: Sequence[int]) -> tuple[float, float, dict, dict]:
    grid = [step / 200 for step in range(10, 196)]
    worth = next(
        (c for c in grid if scores([p >= c for p in probabilities], labels)["precision"] >= WORTH_PRECISION), 0.9
    )
    may = max((c for c in grid if scores([p >= c for p in probabilities], labels)["recall"] >= MAY_RECALL), default=0.1)
    may = min(may, worth)
    return (
        worth,
        may,
        scores([p >= worth for p in probabilities], labels),
        scores([p >= may for p in probabilities], labels),
    )


def _rounded(values: dict) -> dict:
    return {k: round(v, 4) for k, v in values.items()}


def fit_ct24_only() -> Weights:
    """The model before any news labels (CT24 sentences only, no context): the baseline a desk starts from."""
    weights = fit_on(ct24_examples())
    news, sentences = news_examples(load_articles("fit"))
    probabilities = sentence_scores(weights, news, len(sentences))
    worth, may, _, _ = choose_cuts(probabilities, [label for _, label in sentences])
    return replace(weights, worth_threshold=worth, may_threshold=may)


def fit_shipped() -> Weights:
    ct24 = ct24_examples()
    news, sentences = news_examples(load_articles("fit"))
    labels = [label for _, label in sentences]
    oof = [0.0] * len(sentences)
    for fold in range(FOLDS):
        held = [e for e in news if _fold(e.group) == fold]
        weights = fit_on(ct24 + [e for e in news if _fold(e.group) != fold])
        for index, p in enumerate(sentence_scores(weights, held, len(sentences))):
            if _fold(sentences[index][0]) == fold:
                oof[index] = p
    worth, may, worth_scores, may_scores = choose_cuts(oof, labels)
    final = fit_on(ct24 + news)
    return replace(
        final,
        worth_threshold=worth,
        may_threshold=may,
        provenance={
            "data": (
                "ct24-train.jsonl (ClaimBuster via CLEF 2024 CheckThat! Task 1, CC BY 4.0) and the fitting part of "
                "benchmarks/data/news-labels.jsonl (texts: Web Content Extraction Benchmark, CC BY 4.0)"
            ),
            "fit_rows": len(ct24) + len(news),
            "news_candidates": len(news),
            "news_weight": NEWS_WEIGHT,
            "method": f"logistic regression, AdaGrad SGD, {EPOCHS} epochs, lr 0.1, l2 1e-4, seed 13, balanced; "
            f"{MAX_TERMS} lexical terms; context features",
            "thresholds": f"out-of-fold by article ({FOLDS} folds) on the news fitting part: worth = lowest cut with "
            f"precision >= {WORTH_PRECISION}, may-be = highest cut with recall >= {MAY_RECALL}",
            "script": "benchmarks/fit_detector.py",
        },
        held_out={
            "news_fit_out_of_fold_worth": _rounded(worth_scores),
            "news_fit_out_of_fold_worth_or_may": _rounded(may_scores),
            "note": "sentence level; the measuring part's figures are in benchmarks/results/detection.json",
        },
    )


def main() -> None:
    final = fit_shipped()
    out = Path(sys.argv[sys.argv.index("--out") + 1]) if "--out" in sys.argv else DEFAULT_PATH
    final.save(out)
    print(f"wrote {out} worth>={final.worth_threshold} may>={final.may_threshold}")
    print(json.dumps(final.held_out, indent=2))


if __name__ == "__main__":
    main()
