"""Fit the matcher's shipped re-ranker weights on the CLEF CheckThat! 2022 task 2 train splits.

Usage: python benchmarks/fit_matcher.py [--cache FILE] [--write]   (from the repository root, with
DATABASE_URL/REDIS_URL set; it works in a throwaway test database, created and dropped here)

For each task the task's archive is imported through the product's import and each train query
goes through the product's candidate search; the features of every candidate, labelled by the
relevance judgements, fit the logistic regression (claims.detection.training.fit, the house
approach). Train figures are printed; dev figures are only reported by matching_bench.py.
--write saves matching/weights/default.json.
"""

from __future__ import annotations

import argparse
import os
import pickle
import sys
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "benchmarks"))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "workbench.settings")

import django  # noqa: E402

django.setup()

from matching import features, search  # noqa: E402
from matching.ranking import DEFAULT_WEIGHTS, RankerWeights, fit, ranking_metrics  # noqa: E402
from matching.text import clean_statement, signature_date  # noqa: E402

Collected = list[tuple[Any, str, Any, search.QueryTerms, list[search.Candidate]]]


def collect(task: str, split: str) -> Collected:
    """Each query with its cleaned text, date, terms and candidates, from the archive in the database."""
    import matching_data

    statistics = search.archive_statistics()
    rows = []
    for query in matching_data.queries(task, split):
        cleaned = clean_statement(query.text)
        terms = search.query_terms(cleaned, statistics=statistics)
        when = query.date or signature_date(query.text)
        rows.append((query, cleaned, when, terms, search.candidates(cleaned, terms)))
    return rows


def labelled(rows: Collected) -> list[tuple[Any, list[search.Candidate]]]:
    """Compute the features of every candidate (in place); (query, candidates) pairs."""
    result = []
    for query, cleaned, when, terms, candidates in rows:
        statement = features.read_statement(cleaned, terms, when)
        features.candidate_features(statement, candidates)
        result.append((query, candidates))
    return result


def groups(pairs: list[tuple[Any, list[search.Candidate]]]) -> list[list[tuple[dict[str, float], int]]]:
    """One group of labelled candidates per query."""
    return [[(dict(c.features), int(c.external_id in q.relevant)) for c in cands] for q, cands in pairs]


def evaluate(pairs: list[tuple[Any, list[search.Candidate]]], weights: RankerWeights) -> dict[str, float]:
    rankings = []
    for query, candidates in pairs:
        ranked = sorted(candidates, key=lambda c: (-weights.score(c.features), c.id))
        rankings.append(([c.external_id for c in ranked], set(query.relevant)))
    return ranking_metrics(rankings)


def collect_all(cache: Path | None) -> dict[tuple[str, str], Collected]:
    if cache and cache.exists():
        loaded: dict[tuple[str, str], Collected] = pickle.loads(cache.read_bytes())
        return loaded
    import matching_data
    from django.db import connection
    from django.test.utils import setup_databases, teardown_databases

    # A database of its own, so the bench can run beside the test suite.
    test = connection.settings_dict.setdefault("TEST", {})
    test["NAME"] = f"bench_{connection.settings_dict['NAME']}_matching"
    old = setup_databases(verbosity=0, interactive=False)
    try:
        data = {}
        for task in matching_data.TASKS:
            matching_data.load_archive(task)
            for split in ("train", "dev"):
                data[(task, split)] = collect(task, split)
    finally:
        teardown_databases(old, verbosity=0)
    if cache:
        cache.write_bytes(pickle.dumps(data))
    return data


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--cache", type=Path, help="Keep the collected candidates in this file between runs.")
    parser.add_argument("--write", action="store_true", help=f"Save the weights to {DEFAULT_WEIGHTS}.")
    args = parser.parse_args()
    data = collect_all(args.cache)
    train = {key: labelled(rows) for key, rows in data.items() if key[1] == "train"}
    # 2B has half as many train queries as 2A: each counts twice, so debates weigh as much as tweets.
    pooled = [group for (task, _), pairs in train.items() for group in groups(pairs) * (2 if task == "2b" else 1)]
    weights = fit(
        pooled,
        provenance={
            "fitted_on": "CLEF CheckThat! 2022 task 2A and 2B train splits, candidates of the product's search; "
            "each 2B query counted twice, as 2B has half as many",
            "queries": len(pooled),
            "candidates": sum(len(group) for group in pooled),
        },
    )
    for (task, split), pairs in sorted(train.items()):
        print(task, split, {k: round(v, 4) for k, v in evaluate(pairs, weights).items()})
    for name, value in sorted(weights.weights.items(), key=lambda item: -abs(item[1])):
        print(f"  {name:20s} {value:+.3f}")
    print(f"  {'bias':20s} {weights.bias:+.3f}")
    if args.write:
        weights.save(DEFAULT_WEIGHTS)
        print(f"Wrote {DEFAULT_WEIGHTS}")


if __name__ == "__main__":
    main()
