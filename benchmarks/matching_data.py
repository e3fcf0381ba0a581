"""The CLEF CheckThat! 2022 task 2 data for the matching bench and for fitting the re-ranker's weights.

Reads ../shared/data/matching/ (or $MATCHING_DATA_DIR); see its README. Needs Django set up.
"""

from __future__ import annotations

import datetime
import gzip
import json
import math
import os
import re
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from django.db import connection

from matching import archive, features, matcher
from matching.ranking import RankerWeights

ROOT = Path(__file__).resolve().parent.parent


def _data_dir() -> Path:
    if os.environ.get("MATCHING_DATA_DIR"):
        return Path(os.environ["MATCHING_DATA_DIR"])
    # A checkout sits beside shared/; a git worktree one level deeper.
    for base in (ROOT.parent, ROOT.parent.parent):
        if (base / "shared" / "data" / "matching").is_dir():
            return base / "shared" / "data" / "matching"
    return ROOT.parent / "shared" / "data" / "matching"


DATA = _data_dir()
TASKS = {"2b": "debates and speeches → PolitiFact", "2a": "tweets → Snopes"}


@dataclass(frozen=True)
class Query:
    id: str
    text: str
    relevant: frozenset[str]
    # When the statement was made, as the product knows a claim's date from its article: 2B's ids
    # start with the debate's or speech's date ("20121023_third_presidential_debate_0959"); tweets
    # carry theirs in the pasted signature, which the matcher reads itself.
    date: datetime.date | None = None


DATED_ID = re.compile(r"^(\d{4})(\d{2})(\d{2})_")


def statement_date(query_id: str) -> datetime.date | None:
    found = DATED_ID.match(query_id)
    if not found:
        return None
    try:
        return datetime.date(*(int(part) for part in found.groups()))
    except ValueError:
        return None


def require_data() -> Path:
    if not (DATA / "vclaims-2b.jsonl.gz").exists():
        raise SystemExit(f"The matching data is missing: expected it in {DATA} (set MATCHING_DATA_DIR).")
    return DATA


def queries(task: str, split: str) -> list[Query]:
    path = require_data() / f"queries-{task}-{split}.jsonl"
    result = []
    for line in path.read_text(encoding="utf-8").splitlines():
        if line.strip():
            item = json.loads(line)
            result.append(Query(item["id"], item["text"], frozenset(item["relevant"]), statement_date(item["id"])))
    return result


def archive_items(task: str) -> Iterator[dict[str, str]]:
    with gzip.open(require_data() / f"vclaims-{task}.jsonl.gz", "rt", encoding="utf-8") as handle:
        for line in handle:
            if line.strip():
                yield json.loads(line)


def load_archive(task: str) -> archive.ImportReport:
    """Empty the archive, then import the task's fact checks through the product's import."""
    with connection.cursor() as cursor:
        cursor.execute("TRUNCATE matching_factcheck, matching_term CASCADE")
    data = (require_data() / f"vclaims-{task}.jsonl.gz").read_bytes()
    return archive.import_file(data, fmt="jsonl")


def candidate_examples(
    items: list[Query], weights: RankerWeights
) -> list[tuple[Query, list[tuple[str, dict[str, float]]]]]:
    """Each query's candidates (external id, features) in first-stage order, with the shared statistics."""
    from matching import search

    statistics = search.archive_statistics()
    result = []
    for query in items:
        _, scored = matcher.rank(query.text, weights=weights, statistics=statistics)
        ordered = sorted((c for _, c in scored), key=lambda c: c.first_stage_rank)
        result.append((query, [(c.external_id, dict(c.features)) for c in ordered]))
    return result


# Plain BM25 over the fact checks' claims: the baseline the lab's README asks to report beside any result.

TOKEN = re.compile(r"\w+")


class BM25:
    def __init__(self, documents: list[tuple[str, str]], k1: float = 1.2, b: float = 0.75):
        self.ids = [doc_id for doc_id, _ in documents]
        self.k1, self.b = k1, b
        self.postings: dict[str, list[tuple[int, int]]] = {}
        self.lengths = []
        for index, (_, text) in enumerate(documents):
            counts = Counter(TOKEN.findall(text.lower()))
            self.lengths.append(sum(counts.values()))
            for term, tf in counts.items():
                self.postings.setdefault(term, []).append((index, tf))
        self.average = sum(self.lengths) / max(len(self.lengths), 1)
        n = len(documents)
        self.idf = {t: math.log(1 + (n - len(p) + 0.5) / (len(p) + 0.5)) for t, p in self.postings.items()}

    def rank(self, text: str, k: int = 100) -> list[str]:
        scores: dict[int, float] = {}
        for term in set(TOKEN.findall(text.lower())):
            idf = self.idf.get(term)
            if idf is None:
                continue
            for index, tf in self.postings[term]:
                norm = tf * (self.k1 + 1) / (tf + self.k1 * (1 - self.b + self.b * self.lengths[index] / self.average))
                scores[index] = scores.get(index, 0.0) + idf * norm
        best = sorted(scores.items(), key=lambda pair: (-pair[1], pair[0]))[:k]
        return [self.ids[index] for index, _ in best]


def feature_names() -> tuple[str, ...]:
    return features.FEATURE_NAMES
