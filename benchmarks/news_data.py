"""The labelled news sentences (benchmarks/data/news-labels.jsonl) joined to their article texts.

Texts come from ../shared/data/news/articles.jsonl (or $NEWS_DATA_DIR); labels keep only offsets.
A labelled sentence counts as *proposed* when a candidate that `detect_claims(article text)` returns in
the worth or may-be bucket overlaps it, and as *worth* when such a candidate is in the worth bucket.
"""

from __future__ import annotations

import json
import os
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from pathlib import Path

from claim_data import data_dir

ROOT = Path(__file__).resolve().parent.parent
LABELS = ROOT / "benchmarks" / "data" / "news-labels.jsonl"


def labels_path() -> Path:
    return Path(os.environ.get("NEWS_LABELS", LABELS))


@dataclass(frozen=True)
class Sentence:
    article: str
    start: int
    end: int
    text: str
    label: int
    split: str


@dataclass(frozen=True)
class Article:
    id: str
    text: str
    sentences: tuple[Sentence, ...]


def news_dir() -> Path:
    if os.environ.get("NEWS_DATA_DIR"):
        return Path(os.environ["NEWS_DATA_DIR"])
    return data_dir().parent / "news"


def load_articles(split: str | None = None, *, passes: Iterable[int] = (1,)) -> list[Article]:
    """The labelled articles of `split` ("fit", "measure" or None for both), first-pass labels by default."""
    wanted = set(passes)
    labels: dict[str, list[dict]] = {}
    with open(labels_path(), encoding="utf-8") as handle:
        for line in handle:
            row = json.loads(line)
            if row["pass"] in wanted and (split is None or row["split"] == split):
                labels.setdefault(row["article"], []).append(row)
    articles = []
    with open(news_dir() / "articles.jsonl", encoding="utf-8") as handle:
        for line in handle:
            row = json.loads(line)
            if row["id"] not in labels:
                continue
            text = row["text"]
            sentences = tuple(
                Sentence(row["id"], r["start"], r["end"], text[r["start"] : r["end"]], r["label"], r["split"])
                for r in sorted(labels[row["id"]], key=lambda r: r["start"])
            )
            articles.append(Article(row["id"], text, sentences))
    return sorted(articles, key=lambda a: a.id)


def predictions(articles: list[Article], detect: Callable[[str], list]) -> list[tuple[int, str]]:
    """(gold label, best bucket among overlapping candidates or "none") for every labelled sentence."""
    rank = {"worth_checking": 2, "may_be_worth_checking": 1, "not_worth_checking": 0}
    out = []
    for article in articles:
        found = detect(article.text)
        for sentence in article.sentences:
            best = max((rank[c.bucket] for c in found if c.start < sentence.end and sentence.start < c.end), default=-1)
            bucket = {2: "worth", 1: "may", 0: "not", -1: "none"}[best]
            out.append((sentence.label, bucket))
    return out


def prf(pairs: list[tuple[int, bool]]) -> dict[str, float]:
    tp = sum(1 for gold, pred in pairs if gold and pred)
    fp = sum(1 for gold, pred in pairs if not gold and pred)
    fn = sum(1 for gold, pred in pairs if gold and not pred)
    p = tp / (tp + fp) if tp + fp else 0.0
    r = tp / (tp + fn) if tp + fn else 0.0
    return {"precision": round(p, 3), "recall": round(r, 3), "f1": round(2 * p * r / (p + r) if p + r else 0.0, 3)}


def news_scores(articles: list[Article], detect: Callable[[str], list]) -> dict[str, dict[str, float]]:
    pairs = predictions(articles, detect)
    return {
        "worth": prf([(g, b == "worth") for g, b in pairs]),
        "worth_or_may": prf([(g, b in ("worth", "may")) for g, b in pairs]),
        "propose_all": prf([(g, True) for g, _ in pairs]),
        "sentences": len(pairs),
        "positives": sum(g for g, _ in pairs),
    }
