"""The scale bench's own machinery, at a small size: synthetic fact checks in SQL, timed queries."""

from __future__ import annotations

import importlib
import sys
from pathlib import Path

import pytest

from matching.models import FactCheck

BENCHMARKS = Path(__file__).resolve().parents[2] / "benchmarks"


@pytest.mark.django_db
def test_the_scale_bench_fills_the_archive_and_times_matching(fact_checks):
    sys.path.insert(0, str(BENCHMARKS))
    try:
        bench = importlib.import_module("matching_bench")
    finally:
        sys.path.remove(str(BENCHMARKS))
    texts = ["Cycling in Lisbon rose by 38% since 2020.", "Flu shots cause fetal deaths.", "The Elbe bridge cost."]
    result = bench.scale(2000, texts=texts * 4, real_archives=False)
    assert result["archive"] == 2000
    assert result["query_ms"]["queries"] == 12
    assert 0 < result["query_ms"]["p50"] <= result["query_ms"]["p95"] <= result["query_ms"]["max"]
    assert result["article_50_claims_seconds"] > 0
    assert not FactCheck.objects.exists()  # emptied again


@pytest.mark.django_db(transaction=True)
def test_the_import_bench_runs_the_background_job_twice_and_finds_it_idempotent():
    sys.path.insert(0, str(BENCHMARKS))
    try:
        bench = importlib.import_module("matching_bench")
    finally:
        sys.path.remove(str(BENCHMARKS))
    result = bench.background_import(2500)
    first, second = result["runs"]
    assert first["status"] == second["status"] == "done"
    assert (first["total"], first["created"], first["updated"], first["skipped"]) == (2500, 2500, 0, 0)
    assert (second["created"], second["updated"]) == (0, 2500)
    assert result["fact_checks_added"] == 2500 and result["idempotent"] is True
    assert result["rematches_scheduled"] == 2
    assert first["progress_never_decreased"]
