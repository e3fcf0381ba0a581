"""Time and peak memory of exporting 10,000 claims in each format.

Usage: python benchmarks/exports_bench.py   (from the repository root, with DATABASE_URL and REDIS_URL set;
`make bench` does this). It creates its own throwaway test database (never touching real data), fills it
with published claims, verdicts and sources, and exports them with the same writers the views stream.
Prints a table and writes benchmarks/results/exports.json.

Seconds are the median of `--runs` runs (default 3) of each format, with the CPU seconds of the same runs
(this process and its helpers: on a shared machine wall time also counts other people's work); RSS is the
largest of those runs; the tracemalloc peak (Python allocations only) comes from one more run, since tracing
slows allocation-heavy code. Each PDF runs in a subprocess of its own (a fresh resident set, a time limit, no
tracing), `--pdf-runs` times (default 3), with EXPORT_PDF_CHUNK_CLAIMS claims per part document and
EXPORT_PDF_PROCESSES helper processes; `--pdf-chunk-sizes 100,250,500` also measures the 1,000-claim PDF at
each of those part sizes (a size of 1000 or more is one document).
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import resource
import statistics
import subprocess
import sys
import threading
import time
import tracemalloc
from dataclasses import replace
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "workbench.settings")
os.environ.setdefault("SECRET_KEY", "bench-secret-key-not-for-production")
os.environ.setdefault("STATIC_MANIFEST", "0")

import django  # noqa: E402

django.setup()

from django.conf import settings  # noqa: E402
from django.db import connection  # noqa: E402
from django.test.utils import CaptureQueriesContext, setup_databases, teardown_databases  # noqa: E402

from claims.exports import formats  # noqa: E402
from claims.exports.pdf import report_pdf  # noqa: E402
from claims.exports.records import article_scope  # noqa: E402
from claims.models import Article  # noqa: E402

STREAMED = {
    "csv": formats.csv_chunks,
    "json": formats.json_chunks,
    "jsonld": formats.jsonld_chunks,
    "md": formats.markdown_chunks,
    "html": formats.html_chunks,
}
SIZES = (1_000, 10_000)
PDF_LIMIT_SECONDS = int(os.environ.get("EXPORTS_BENCH_PDF_LIMIT", "900"))
PAGE = os.sysconf("SC_PAGE_SIZE")


def peak_rss_mb() -> float:
    """The process's high-water resident set (VmHWM), all of it: Python, Django, WeasyPrint, pypdf."""
    with open("/proc/self/status") as status:
        for line in status:
            if line.startswith("VmHWM:"):
                return round(int(line.split()[1]) / 1024, 1)
    return 0.0


def rss(pid: int | str = "self") -> int:
    try:
        with open(f"/proc/{pid}/statm") as statm:
            return int(statm.read().split()[1]) * PAGE
    except (FileNotFoundError, ProcessLookupError):
        return 0


def children_rss() -> int:
    """The resident sets of this process's children (a PDF's helper processes) added up."""
    total = 0
    for task in Path("/proc/self/task").iterdir():
        try:
            pids = (task / "children").read_text().split()
        except FileNotFoundError:
            continue
        total += sum(rss(pid) for pid in pids)
    return total


class RssPeak:
    """Samples the resident set every 5 ms while a run lasts; reports the peak above the start.

    ``helpers_peak`` is the largest sum of the children's resident sets seen meanwhile.
    """

    def __enter__(self) -> RssPeak:
        self.start = self.peak = rss()
        self.helpers_peak = 0
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._sample, daemon=True)
        self._thread.start()
        return self

    def _sample(self) -> None:
        while not self._stop.wait(0.005):
            self.peak = max(self.peak, rss())
            self.helpers_peak = max(self.helpers_peak, children_rss())

    def __exit__(self, *exc: object) -> None:
        self._stop.set()
        self._thread.join()
        self.peak = max(self.peak, rss())

    @property
    def delta_mb(self) -> float:
        return (self.peak - self.start) / 2**20


def produce(fmt: str, scope) -> int:
    if fmt == "pdf":
        return len(report_pdf(scope))
    return sum(len(chunk.encode("utf-8")) for chunk in STREAMED[fmt](scope))


def cpu_seconds() -> float:
    """CPU time of this process and of the children it has waited for (the PDF's helper processes)."""
    own, children = resource.getrusage(resource.RUSAGE_SELF), resource.getrusage(resource.RUSAGE_CHILDREN)
    return own.ru_utime + own.ru_stime + children.ru_utime + children.ru_stime


def measure(fmt: str, article: Article, *, runs: int = 3, trace: bool = True) -> dict:
    scope = article_scope(article, published_only=False)
    # Warm up (templates, fonts, connections) on five claims so the timing is the export's own.
    first = list(scope.queryset.values_list("pk", flat=True)[:5])
    produce(fmt, replace(scope, queryset=scope.queryset.filter(pk__in=first)))
    timings, cpu, deltas, helpers = [], [], [], []
    for _ in range(runs):
        with RssPeak() as memory, CaptureQueriesContext(connection) as queries:
            started, cpu_started = time.perf_counter(), cpu_seconds()
            size = produce(fmt, scope)
            timings.append(time.perf_counter() - started)
            cpu.append(cpu_seconds() - cpu_started)
        deltas.append(memory.delta_mb)
        helpers.append(memory.helpers_peak / 2**20)
    seconds = statistics.median(timings)
    claims = article.claims.count()
    result = {
        "format": fmt,
        "claims": claims,
        "runs": runs,
        "seconds": round(seconds, 2),
        "seconds_each": [round(value, 2) for value in timings],
        "cpu_seconds": round(statistics.median(cpu), 2),
        "claims_per_second": round(claims / seconds),
        "bytes": size,
        "queries": len(queries),
        "rss_delta_mb": round(max(deltas), 1),
        "helpers_rss_peak_mb": round(max(helpers), 1),
        "tracemalloc_peak_mb": None,
    }
    if trace:
        tracemalloc.start()
        produce(fmt, scope)
        result["tracemalloc_peak_mb"] = round(tracemalloc.get_traced_memory()[1] / 2**20, 1)
        tracemalloc.stop()
    return result


def pdf_in_subprocess(article: Article, claims_per_part: int, runs: int) -> dict:
    """A PDF in child processes (a fresh RSS each) with the given part size, ``runs`` times; the median run.

    The child connects to this benchmark's database by name, with the rest of the connection settings
    as they are: rebuilding a URL from them lost the embedded server's socket directory.
    """
    name = f"pdf/{settings.EXPORT_PDF_PROCESSES}p/{claims_per_part}"
    command = [sys.executable, __file__, "--pdf-child", str(article.pk)]
    env = {
        **os.environ,
        "EXPORTS_BENCH_DATABASE": settings.DATABASES["default"]["NAME"],
        "EXPORT_PDF_CHUNK_CLAIMS": str(claims_per_part),
    }
    done_runs = []
    for _ in range(runs):
        try:
            done = subprocess.run(command, env=env, capture_output=True, text=True, timeout=PDF_LIMIT_SECONDS)
        except subprocess.TimeoutExpired:
            return {
                "format": name,
                "claims": article.claims.count(),
                "skipped": f"did not finish in {PDF_LIMIT_SECONDS} s",
            }
        if done.returncode:
            return {"format": name, "claims": article.claims.count(), "skipped": done.stderr.strip()[-300:]}
        done_runs.append(json.loads(done.stdout.strip().splitlines()[-1]))
    row = sorted(done_runs, key=lambda run: run["seconds"])[(len(done_runs) - 1) // 2]
    return {
        **row,
        "runs": len(done_runs),
        "seconds_each": [run["seconds"] for run in done_runs],
        "rss_delta_mb": max(run["rss_delta_mb"] for run in done_runs),
        "rss_peak_mb": max(run["rss_peak_mb"] for run in done_runs),
        "helpers_rss_peak_mb": max(run["helpers_rss_peak_mb"] for run in done_runs),
    }


def seed(count: int, title: str) -> Article:
    from django.contrib.auth.models import Group

    from accounts.models import User
    from tests.claims.exports.data import bulk_published_claims
    from tests.factories import ArticleFactory

    author, _ = User.objects.get_or_create(username="bench-reviewer")
    approver, _ = User.objects.get_or_create(username="bench-editor")
    approver.groups.set(Group.objects.filter(name="Editors"))
    article = ArticleFactory(title=title, publisher="Bench News", url="https://news.example/bench")
    bulk_published_claims(article, count, author=author, approver=approver)
    return article


def table(rows: list[dict]) -> str:
    lines = [
        f"{'format':12} {'claims':>7} {'seconds':>8} {'CPU s':>7} {'claims/s':>9} {'MB out':>7} {'queries':>8} "
        f"{'RSS Δ MB':>9} {'py peak MB':>11} {'RSS peak MB':>12} {'helpers MB':>10}",
    ]
    for row in rows:
        if "skipped" in row:
            lines.append(f"{row['format']:12} {row['claims']:>7}  skipped: {row['skipped']}")
            continue
        peak = "-" if row["tracemalloc_peak_mb"] is None else f"{row['tracemalloc_peak_mb']:.1f}"
        process_peak = f"{row['rss_peak_mb']:.1f}" if row.get("rss_peak_mb") else "-"
        helper_peak = f"{row['helpers_rss_peak_mb']:.1f}" if row.get("helpers_rss_peak_mb") else "-"
        lines.append(
            f"{row['format']:12} {row['claims']:>7} {row['seconds']:>8.2f} {row['cpu_seconds']:>7.1f} "
            f"{row['claims_per_second']:>9} {row['bytes'] / 2**20:>7.1f} {row['queries']:>8} {row['rss_delta_mb']:>9.1f} "
            f"{peak:>11} {process_peak:>12} {helper_peak:>10}"
        )
    return "\n".join(lines)


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--pdf-child", type=int, help=argparse.SUPPRESS)
    parser.add_argument("--skip-pdf-10k", action="store_true")
    parser.add_argument("--pdf-chunk-sizes", default="", help="also time the 1,000-claim PDF at these part sizes")
    parser.add_argument("--runs", type=int, default=3, help="runs of each streamed format (the median is reported)")
    parser.add_argument("--pdf-runs", type=int, default=3, help="runs of each PDF, each in a fresh process")
    parser.add_argument("--sizes", default=",".join(map(str, SIZES)), help="claims per article (default 1000,10000)")
    args = parser.parse_args()
    if args.pdf_child:
        settings.DATABASES["default"]["NAME"] = os.environ["EXPORTS_BENCH_DATABASE"]
        row = measure("pdf", Article.objects.get(pk=args.pdf_child), runs=1, trace=False)
        row.update(
            format=f"pdf/{settings.EXPORT_PDF_PROCESSES}p/{settings.EXPORT_PDF_CHUNK_CLAIMS}", rss_peak_mb=peak_rss_mb()
        )
        print(json.dumps(row))
        return 0
    sizes = [int(size) for size in args.sizes.split(",")]

    # A database of our own, so the benchmark never touches real data nor a test run's database.
    settings.DATABASES["default"].setdefault("TEST", {})["NAME"] = (
        f"{settings.DATABASES['default']['NAME']}_exports_bench"
    )
    old_config = setup_databases(verbosity=0, interactive=False)
    try:
        started = time.perf_counter()
        articles = {size: seed(size, f"Bench {size}") for size in sizes}
        print(f"seeded {sum(sizes)} claims in {time.perf_counter() - started:.0f} s", flush=True)
        rows = []
        for article in articles.values():
            for fmt in STREAMED:
                rows.append(measure(fmt, article, runs=args.runs))
                print(table(rows[-1:]).splitlines()[-1], flush=True)
        part = settings.EXPORT_PDF_CHUNK_CLAIMS
        sweep = [int(size) for size in args.pdf_chunk_sizes.split(",") if size.strip()]
        smallest, largest = min(sizes), max(sizes)
        for size in [*(size for size in sweep if size != part), part]:
            rows.append(pdf_in_subprocess(articles[smallest], size, args.pdf_runs))
            print(table(rows[-1:]).splitlines()[-1], flush=True)
        if largest != smallest:
            if args.skip_pdf_10k:
                rows.append({"format": f"pdf/{part}", "claims": largest, "skipped": "not attempted (--skip-pdf-10k)"})
            else:
                rows.append(pdf_in_subprocess(articles[largest], part, args.pdf_runs))
            print(table(rows[-1:]).splitlines()[-1], flush=True)
    finally:
        teardown_databases(old_config, verbosity=0)

    print()
    print(table(rows))
    results = {
        "benchmark": "exports",
        "machine": f"{platform.machine()}, {os.cpu_count()} CPUs, Python {platform.python_version()}",
        "chunk_size": settings.EXPORT_CHUNK_SIZE,
        "pdf_claims_per_part": settings.EXPORT_PDF_CHUNK_CLAIMS,
        "pdf_processes": settings.EXPORT_PDF_PROCESSES,
        "sources_per_claim": 2,
        "notes": (
            "seconds = median of `runs` runs (seconds_each lists them), CPU seconds = median CPU of this process and "
            "its helpers; RSS Δ = the largest of the runs; tracemalloc peak from one more run; each pdf in a "
            "subprocess, no tracing, format pdf/Pp/N = P helper processes, N claims per part document; RSS peak = "
            "the child's VmHWM, helpers MB = the largest sum of its helper processes' resident sets"
        ),
        "rows": rows,
    }
    out = ROOT / "benchmarks" / "results" / "exports.json"
    out.parent.mkdir(exist_ok=True)
    out.write_text(json.dumps(results, indent=2) + "\n")
    print(f"\nwrote {out.relative_to(ROOT)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
