"""Time and peak memory of exporting 10,000 claims in each format.

Usage: python benchmarks/exports_bench.py   (from the repository root, with DATABASE_URL and REDIS_URL set;
`make bench` does this). It creates its own throwaway test database (never touching real data), fills it
with published claims, verdicts and sources, and exports them with the same writers the views stream.
Prints a table and writes benchmarks/results/exports.json.

Time and RSS come from one run; the tracemalloc peak (Python allocations only) from a second run, since
tracing slows allocation-heavy code. Each PDF runs in a subprocess of its own (a fresh resident set, a time
limit, no tracing) with EXPORT_PDF_CHUNK_CLAIMS claims per part document; `--pdf-chunk-sizes 100,250,500`
also measures the 1,000-claim PDF at each of those part sizes (a size of 1000 or more is one document).
"""

from __future__ import annotations

import argparse
import json
import os
import platform
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


def rss() -> int:
    with open("/proc/self/statm") as statm:
        return int(statm.read().split()[1]) * PAGE


class RssPeak:
    """Samples the resident set every 5 ms while a run lasts; reports the peak above the start."""

    def __enter__(self) -> RssPeak:
        self.start = self.peak = rss()
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._sample, daemon=True)
        self._thread.start()
        return self

    def _sample(self) -> None:
        while not self._stop.wait(0.005):
            self.peak = max(self.peak, rss())

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


def measure(fmt: str, article: Article, *, trace: bool = True) -> dict:
    scope = article_scope(article, published_only=False)
    # Warm up (templates, fonts, connections) on five claims so the timing is the export's own.
    first = list(scope.queryset.values_list("pk", flat=True)[:5])
    produce(fmt, replace(scope, queryset=scope.queryset.filter(pk__in=first)))
    with RssPeak() as memory, CaptureQueriesContext(connection) as queries:
        started = time.perf_counter()
        size = produce(fmt, scope)
        seconds = time.perf_counter() - started
    result = {
        "format": fmt,
        "claims": article.claims.count(),
        "seconds": round(seconds, 2),
        "claims_per_second": round(article.claims.count() / seconds),
        "bytes": size,
        "queries": len(queries),
        "rss_delta_mb": round(memory.delta_mb, 1),
        "tracemalloc_peak_mb": None,
    }
    if trace:
        tracemalloc.start()
        produce(fmt, scope)
        result["tracemalloc_peak_mb"] = round(tracemalloc.get_traced_memory()[1] / 2**20, 1)
        tracemalloc.stop()
    return result


def pdf_in_subprocess(article: Article, claims_per_part: int) -> dict:
    """A PDF in a child process (fresh RSS) with the given part size, killed past the time limit."""
    db = settings.DATABASES["default"]
    url = f"postgresql://{db['USER']}@{db['HOST']}:{db['PORT']}/{db['NAME']}"
    if db.get("PASSWORD"):
        url = f"postgresql://{db['USER']}:{db['PASSWORD']}@{db['HOST']}:{db['PORT']}/{db['NAME']}"
    command = [sys.executable, __file__, "--pdf-child", str(article.pk)]
    try:
        done = subprocess.run(
            command,
            env={**os.environ, "DATABASE_URL": url, "EXPORT_PDF_CHUNK_CLAIMS": str(claims_per_part)},
            capture_output=True,
            text=True,
            timeout=PDF_LIMIT_SECONDS,
        )
    except subprocess.TimeoutExpired:
        return {
            "format": f"pdf/{claims_per_part}",
            "claims": article.claims.count(),
            "skipped": f"did not finish in {PDF_LIMIT_SECONDS} s",
        }
    if done.returncode:
        return {
            "format": f"pdf/{claims_per_part}",
            "claims": article.claims.count(),
            "skipped": done.stderr.strip()[-300:],
        }
    return json.loads(done.stdout.strip().splitlines()[-1])


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
        f"{'format':8} {'claims':>7} {'seconds':>8} {'claims/s':>9} {'MB out':>8} {'queries':>8} {'RSS Δ MB':>9} "
        f"{'py peak MB':>11} {'RSS peak MB':>12}",
    ]
    for row in rows:
        if "skipped" in row:
            lines.append(f"{row['format']:8} {row['claims']:>7}  skipped: {row['skipped']}")
            continue
        peak = "-" if row["tracemalloc_peak_mb"] is None else f"{row['tracemalloc_peak_mb']:.1f}"
        process_peak = f"{row['rss_peak_mb']:.1f}" if row.get("rss_peak_mb") else "-"
        lines.append(
            f"{row['format']:8} {row['claims']:>7} {row['seconds']:>8.2f} {row['claims_per_second']:>9} "
            f"{row['bytes'] / 2**20:>8.1f} {row['queries']:>8} {row['rss_delta_mb']:>9.1f} {peak:>11} {process_peak:>12}"
        )
    return "\n".join(lines)


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--pdf-child", type=int, help=argparse.SUPPRESS)
    parser.add_argument("--skip-pdf-10k", action="store_true")
    parser.add_argument("--pdf-chunk-sizes", default="", help="also time the 1,000-claim PDF at these part sizes")
    args = parser.parse_args()
    if args.pdf_child:
        row = measure("pdf", Article.objects.get(pk=args.pdf_child), trace=False)
        row.update(format=f"pdf/{settings.EXPORT_PDF_CHUNK_CLAIMS}", rss_peak_mb=peak_rss_mb())
        print(json.dumps(row))
        return 0

    # A database of our own, so the benchmark never touches real data nor a test run's database.
    settings.DATABASES["default"].setdefault("TEST", {})["NAME"] = (
        f"{settings.DATABASES['default']['NAME']}_exports_bench"
    )
    old_config = setup_databases(verbosity=0, interactive=False)
    try:
        started = time.perf_counter()
        articles = {size: seed(size, f"Bench {size}") for size in SIZES}
        print(f"seeded {sum(SIZES)} claims in {time.perf_counter() - started:.0f} s", flush=True)
        rows = []
        for article in articles.values():
            for fmt in STREAMED:
                rows.append(measure(fmt, article))
                print(table(rows[-1:]).splitlines()[-1], flush=True)
        part = settings.EXPORT_PDF_CHUNK_CLAIMS
        sweep = [int(size) for size in args.pdf_chunk_sizes.split(",") if size.strip()]
        for size in [*(size for size in sweep if size != part), part]:
            rows.append(pdf_in_subprocess(articles[1_000], size))
            print(table(rows[-1:]).splitlines()[-1], flush=True)
        if args.skip_pdf_10k:
            rows.append({"format": f"pdf/{part}", "claims": 10_000, "skipped": "not attempted (--skip-pdf-10k)"})
        else:
            rows.append(pdf_in_subprocess(articles[10_000], part))
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
        "sources_per_claim": 2,
        "notes": (
            "seconds/RSS from one run; tracemalloc peak from a second run; each pdf in a subprocess, no tracing, "
            "format pdf/N = N claims per part document; RSS peak = the child's VmHWM"
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
