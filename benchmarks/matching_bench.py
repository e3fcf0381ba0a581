"""Claim matching: quality on CLEF CheckThat! 2022 task 2 against plain BM25, and speed on a million fact checks.

Usage: python benchmarks/matching_bench.py [--size N] [--import-items N] [--no-scale] [--no-quality] [--no-import]
       [--out FILE]
(from the repository root, with DATABASE_URL/REDIS_URL set; `make bench` runs it)

Works in a throwaway test database (created and dropped here), so it never touches real data.

Quality: for each task (2B: debate and speech sentences → PolitiFact; 2A: tweets → Snopes), the
task's archive is imported through the product's import, and every train and dev query goes
through the product's matcher (PostgreSQL candidate search, then the re-ranker). MAP@5 (as the lab
scores it), MRR and P@1 are reported beside plain BM25 (k1 1.2, b 0.75, lower-cased word tokens,
over the same fact checks' claims) measured in the same run, with the matcher's queries per second.
The weights were fitted on the train splits (benchmarks/fit_matcher.py); dev is held out.

Scale: the real archives plus synthetic fact checks (one INSERT … SELECT generate_series, twelve
words each drawn from the archive's own vocabulary with a skew towards frequent words) up to
--size rows (default 1,000,000); then the p50/p95 time of one match query and the time to match all claims of a
50-claim article (candidates, re-ranking, near-duplicate claims, storing the matches).
Each timing comes with the CPU time this process spent (the database's is not in it) and the load
average, since the machine may be shared.

Import: a ClaimReview DataFeed of 100,000 fact checks (--import-items) imported through the admin's
background job as the worker runs it, twice: time, progress as the job page reads it while it runs,
and that the second run creates nothing.
Data: ../shared/data/matching (or $MATCHING_DATA_DIR). Results: benchmarks/results/matching.json.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import statistics
import sys
import time
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "benchmarks"))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "workbench.settings")

import django  # noqa: E402

django.setup()

import matching_data  # noqa: E402
from django.db import connection  # noqa: E402
from django.test.utils import setup_databases, teardown_databases  # noqa: E402

from matching import archive, claim_matches, matcher, search  # noqa: E402
from matching.ranking import ranking_metrics  # noqa: E402

RESULTS = ROOT / "benchmarks" / "results" / "matching.json"
SPLITS = ("train", "dev")
ARTICLE_CLAIMS = 50
LATENCY_QUERIES = 200
# Timed passes at scale; the figures reported are their medians.
RUNS = 3


def quality() -> dict[str, Any]:
    weights = matcher.active_weights()
    results: dict[str, Any] = {}
    for task, description in matching_data.TASKS.items():
        started = time.perf_counter()
        report = matching_data.load_archive(task)
        print(f"{task}: imported {report.created:,} fact checks in {time.perf_counter() - started:.0f} s", flush=True)
        documents = [(item["id"], item["claim"]) for item in matching_data.archive_items(task)]
        bm25 = matching_data.BM25(documents)
        stats = search.archive_statistics()
        for split in SPLITS:
            queries = matching_data.queries(task, split)
            ours, baseline = [], []
            started = time.perf_counter()
            for query in queries:
                _, scored = matcher.rank(query.text, when=query.date, weights=weights, statistics=stats)
                ours.append(([c.external_id for _, c in scored], set(query.relevant)))
            elapsed = time.perf_counter() - started
            for query in queries:
                baseline.append((bm25.rank(query.text), set(query.relevant)))
            mine = ranking_metrics(ours)
            base = ranking_metrics(baseline)
            results[f"{task}-{split}"] = {
                "task": description,
                "queries": len(queries),
                "archive": len(documents),
                "matcher": {k: round(v, 4) for k, v in mine.items() if k != "queries"},
                "bm25": {k: round(v, 4) for k, v in base.items() if k != "queries"},
                "map@5_gain": round(mine["map@5"] - base["map@5"], 4),
                "queries_per_second": round(len(queries) / elapsed, 1),
            }
            print(f"  {split}: {json.dumps(results[f'{task}-{split}'])}", flush=True)
    return results


# The archive's own words, most frequent first, for the synthetic fact checks.
VOCABULARY = """
CREATE TEMP TABLE bench_vocabulary AS
SELECT row_number() OVER (ORDER BY ndoc DESC, word)::int AS id, word
FROM ts_stat('SELECT search FROM matching_factcheck') WHERE ndoc > 1 AND word ~ '^[a-z]+$'
"""
# WORDS words per fact check, drawn with a skew towards the frequent ones; grouped rather than drawn in
# a subquery per row, which PostgreSQL would run a million times.
SYNTHETIC = """
WITH size AS (SELECT count(*)::int AS n FROM bench_vocabulary),
draws AS (
    SELECT g / %(words)s AS doc, 1 + floor(power(random(), 2.5) * size.n)::int AS word_id
    FROM generate_series(0, %(rows)s * %(words)s - 1) AS g, size
),
docs AS (
    SELECT d.doc, string_agg(v.word, ' ') AS text
    FROM draws AS d JOIN bench_vocabulary AS v ON v.id = d.word_id GROUP BY d.doc
)
INSERT INTO matching_factcheck
    (key, url, external_id, claim, title, claimant, rating, publisher, language, origin,
     review_date, created_at, updated_at)
SELECT 'synthetic:' || doc, '', 'synthetic-' || doc, text || ' ' || mod(doc, 9973),
    split_part(text, ' ', 2) || ' ' || split_part(text, ' ', 5) || ' ' || split_part(text, ' ', 9),
    '', 'Synthetic', 'Synthetic Checks', 'en', 'imported', date '2008-01-01' + mod(doc, 6000)::int, now(), now()
FROM docs
"""
SYNTHETIC_WORDS = 12


def timed(label: str, function: Any, *args: Any) -> float:
    started = time.perf_counter()
    function(*args)
    elapsed = time.perf_counter() - started
    print(f"  {label}: {elapsed:.0f} s", flush=True)
    return elapsed


def scale(size: int, *, texts: list[str] | None = None, real_archives: bool = True) -> dict[str, Any]:
    """Fill the archive to `size` fact checks, then time match queries for `texts` (the dev queries by default).

    Without `real_archives` the synthetic rows draw on whatever archive is already there (the tests).
    """
    print(f"scale: building an archive of {size:,} fact checks", flush=True)
    setup: dict[str, float] = {}
    if real_archives:
        with connection.cursor() as cursor:
            cursor.execute("TRUNCATE matching_factcheck, matching_term CASCADE")
        for task in matching_data.TASKS:
            data = (matching_data.require_data() / f"vclaims-{task}.jsonl.gz").read_bytes()
            archive.import_file(data, refresh=False)
    archive.refresh_statistics()
    with connection.cursor() as cursor:
        cursor.execute("SELECT count(*) FROM matching_factcheck")
        real = cursor.fetchone()[0]
        cursor.execute(
            "SELECT indexdef FROM pg_indexes WHERE tablename = 'matching_factcheck' "
            "AND indexname NOT LIKE '%%pkey' AND indexdef NOT LIKE 'CREATE UNIQUE%%'"
        )
        indexes = [row[0] for row in cursor.fetchall()]
        cursor.execute("SET maintenance_work_mem = '512MB'")
        # Indexes are built once after the bulk insert, as a large import into an empty archive would.
        for definition in indexes:
            cursor.execute("DROP INDEX " + definition.split(" INDEX ", 1)[1].split(" ON ", 1)[0])
        cursor.execute(VOCABULARY)
        rows = {"rows": max(size - real, 0), "words": SYNTHETIC_WORDS}
        setup["insert"] = timed("insert", cursor.execute, SYNTHETIC, rows)
        # Deferred constraint checks of the insert must run before an index is built in the same transaction.
        cursor.execute("SET CONSTRAINTS ALL IMMEDIATE")
        started = time.perf_counter()
        for definition in indexes:
            cursor.execute(definition)
        setup["indexes"] = round(time.perf_counter() - started, 1)
        print(f"  indexes: {setup['indexes']:.0f} s", flush=True)
        setup["analyze"] = timed("analyze", cursor.execute, "ANALYZE matching_factcheck")
    setup["term statistics"] = timed("term statistics", archive.refresh_statistics)
    stats = search.archive_statistics()
    weights = matcher.active_weights()
    if texts is None:
        texts = [q.text for task in matching_data.TASKS for q in matching_data.queries(task, "dev")]
    texts = texts[:LATENCY_QUERIES]
    for text in texts[:10]:  # warm the caches, as a running server has them
        matcher.match_statement(text, weights=weights, statistics=stats)
    passes = []
    for _ in range(RUNS):
        latencies = []
        cpu = time.process_time()
        for text in texts:
            started = time.perf_counter()
            matcher.match_statement(text, weights=weights)
            latencies.append((time.perf_counter() - started) * 1000)
        latencies.sort()
        passes.append(
            {
                "p50": round(statistics.median(latencies), 1),
                "p95": round(latencies[int(0.95 * (len(latencies) - 1))], 1),
                "max": round(latencies[-1], 1),
                "cpu_ms_per_query": round((time.process_time() - cpu) * 1000 / len(texts), 1),
                "load_average": round(os.getloadavg()[0], 1),
            }
        )
        print(f"  queries: {json.dumps(passes[-1])}", flush=True)
    article = match_article_times(texts[:ARTICLE_CLAIMS])
    with connection.cursor() as cursor:
        cursor.execute("TRUNCATE matching_factcheck, matching_term CASCADE")
    return {
        "archive": stats[0],
        "setup_seconds": {k: round(v, 1) for k, v in setup.items()},
        # Medians over RUNS passes of the same queries; each pass as measured beside.
        "query_ms": {
            "p50": statistics.median(p["p50"] for p in passes),
            "p95": statistics.median(p["p95"] for p in passes),
            "max": max(p["max"] for p in passes),
            "queries": len(texts),
            "passes": passes,
        },
        "article_50_claims_seconds": statistics.median(run["seconds"] for run in article),
        "article_runs": article,
    }


def match_article_times(texts: list[str]) -> list[dict[str, float]]:
    """Match an article with these claims RUNS times (each run replaces the previous matches)."""
    from claims.models import Article, Claim
    from documents.models import Document

    document = Document.objects.create(kind=Document.Kind.PASTE, status=Document.Status.READY)
    article = Article.objects.create(title="Bench", document=document, dedupe_key="text:matching-bench", body="")
    Claim.objects.bulk_create(Claim(article=article, text=text) for text in texts)
    runs = []
    for _ in range(RUNS):
        started, cpu = time.perf_counter(), time.process_time()
        claim_matches.match_article(article_id=article.pk)
        runs.append(
            {
                "seconds": round(time.perf_counter() - started, 2),
                "cpu_seconds": round(time.process_time() - cpu, 2),
                "load_average": round(os.getloadavg()[0], 1),
            }
        )
        print(f"  article: {json.dumps(runs[-1])}", flush=True)
    return runs


IMPORT_ITEMS = 100_000
IMPORT_WORDS = [
    "mayor",
    "council",
    "budget",
    "school",
    "hospital",
    "vaccine",
    "tax",
    "border",
    "wages",
    "jobs",
    "crime",
    "police",
    "bridge",
]


def claim_review_feed(items: int) -> bytes:
    """A ClaimReview DataFeed of `items` fact checks, as fact-checkers publish their archives."""
    elements = []
    for n in range(items):
        words = " ".join(IMPORT_WORDS[(n * k + k) % len(IMPORT_WORDS)] for k in (3, 7, 11, 13, 17))
        review = {
            "@type": "ClaimReview",
            "url": f"https://feed.example/checks/{n}",
            "claimReviewed": f"The {words} figure {n} was reported in {2000 + n % 25}.",
            "name": f"Fact check {n}: {words}",
            "datePublished": f"{2000 + n % 25}-{1 + n % 12:02d}-{1 + n % 28:02d}",
            "reviewRating": {"@type": "Rating", "alternateName": ("False", "True", "Misleading")[n % 3]},
            "author": {"@type": "Organization", "name": "Feed Checks"},
        }
        elements.append({"@type": "DataFeedItem", "item": review})
    feed = {"@context": "https://schema.org", "@type": "DataFeed", "dataFeedElement": elements}
    return json.dumps(feed).encode()


def background_import(items: int = IMPORT_ITEMS) -> dict[str, Any]:
    """Time an admin import of an `items`-item ClaimReview feed through its background job, twice.

    The job runs as the worker runs it (jobs.run_import_job); a second connection reads the job's row
    every half second, as the job page does, to show that progress is visible while it runs. The
    second run of the same file must create nothing and update every item (idempotent).
    """
    import threading

    from django.db import connections

    from matching import jobs, tasks
    from matching.models import FactCheck, ImportJob

    data = claim_review_feed(items)
    print(f"import: a ClaimReview DataFeed of {items:,} items ({len(data) / 1e6:.0f} MB)", flush=True)
    before = FactCheck.objects.count()
    # No worker here: the job is run below, and the rematch it schedules afterwards is only counted.
    rematches: list[int] = []
    enqueue, rematch = tasks.run_import_job.delay, tasks.rematch_open_claims.delay
    tasks.run_import_job.delay = lambda job_id: None  # type: ignore[method-assign]
    tasks.rematch_open_claims.delay = lambda: rematches.append(1)  # type: ignore[method-assign]
    runs = []
    try:
        for _ in range(2):
            job = jobs.request_import(data=data, filename="feed.json")
            readings: list[int] = []
            done = threading.Event()

            def watch(job_id: int = job.pk, readings: list[int] = readings, done: threading.Event = done) -> None:
                try:
                    while not done.wait(0.5):
                        row = ImportJob.objects.filter(pk=job_id).values_list("status", "processed").first()
                        if row and row[0] == ImportJob.Status.RUNNING:
                            readings.append(row[1])
                finally:
                    connections.close_all()

            watcher = threading.Thread(target=watch)
            watcher.start()
            started, cpu = time.perf_counter(), time.process_time()
            try:
                jobs.run_import_job(job_id=job.pk)
            finally:
                done.set()
                watcher.join()
            job.refresh_from_db()
            runs.append(
                {
                    "seconds": round(time.perf_counter() - started, 1),
                    "cpu_seconds": round(time.process_time() - cpu, 1),
                    "load_average": round(os.getloadavg()[0], 1),
                    "status": job.status,
                    "total": job.total,
                    "created": job.created,
                    "updated": job.updated,
                    "skipped": job.skipped,
                    "progress_readings": len(readings),
                    "distinct_progress_values": len(set(readings)),
                    "progress_never_decreased": readings == sorted(readings),
                    "first_progress": readings[0] if readings else None,
                }
            )
            print(f"  run {len(runs)}: {json.dumps(runs[-1])}", flush=True)
    finally:
        tasks.run_import_job.delay, tasks.rematch_open_claims.delay = enqueue, rematch  # type: ignore[method-assign]
    after = FactCheck.objects.count()
    return {
        "items": items,
        "file_mb": round(len(data) / 1e6, 1),
        "runs": runs,
        "fact_checks_added": after - before,
        "idempotent": runs[1]["created"] == 0 and runs[1]["updated"] == items and after - before == items,
        "rematches_scheduled": len(rematches),
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--size", type=int, default=1_000_000, help="Fact checks in the scale test.")
    parser.add_argument("--no-scale", action="store_true")
    parser.add_argument("--no-quality", action="store_true")
    parser.add_argument("--no-import", action="store_true")
    parser.add_argument("--import-items", type=int, default=IMPORT_ITEMS, help="Items in the background import.")
    parser.add_argument("--out", type=Path, default=RESULTS)
    args = parser.parse_args()
    matching_data.require_data()
    # A database of its own, so the bench can run beside the test suite.
    test = connection.settings_dict.setdefault("TEST", {})
    test["NAME"] = f"bench_{connection.settings_dict['NAME']}_matching"
    old = setup_databases(verbosity=0, interactive=False)
    results: dict[str, Any] = {
        "machine": f"{platform.machine()}, {os.cpu_count()} cores",
        "python": sys.version.split()[0],
    }
    try:
        if not args.no_quality:
            results["quality"] = quality()
        if not args.no_import:
            results["import"] = background_import(args.import_items)
            with connection.cursor() as cursor:
                cursor.execute("TRUNCATE matching_factcheck, matching_term CASCADE")
        if not args.no_scale:
            results["scale"] = scale(args.size)
            print(f"scale: {json.dumps(results['scale'])}", flush=True)
    finally:
        teardown_databases(old, verbosity=0)
    results["load_average_at_end"] = [round(x, 1) for x in os.getloadavg()]
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text(json.dumps(results, indent=2) + "\n", encoding="utf-8")
    print(f"Wrote {args.out}")


if __name__ == "__main__":
    main()
