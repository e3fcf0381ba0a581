"""Our extractor next to trafilatura on trafilatura's own evaluation pages, scored by the shared scorer.

Run from the repository root: python benchmarks/trafeval_bench.py [--limit N]

The development set lives outside the repository (it is not ours to commit): set EXTRACTION_DATA
to an unpacked trafeval directory, or EXTRACTION_SHARED to the folder holding score.py and
trafeval.tar.gz; otherwise ../shared/data/extraction is looked for above the repository, and the
tarball is unpacked once into .var/trafeval. The three extractors run in one process, page by
page in turn, so that their times are measured under the same load, in CPU time (process_time):
wall-clock time counts whatever else the machine is doing. With --repeat N, ours and the plain
trafilatura.extract are timed N times over all pages and the time ratio is the median of the N
ratios; quality comes from the first pass.

"Invented" counts pages whose annotation leaves the author (or date) empty where the extractor
gives one. The annotators left a field empty when they saw nothing to put there, so this stands in
for "the page states none"; a few of those pages do state one in their metadata.
"""

from __future__ import annotations

import argparse
import importlib.util
import json
import os
import statistics
import sys
import tarfile
import time
from pathlib import Path
from types import ModuleType

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "benchmarks"))

METADATA = {"title_exact", "author_match", "date_exact", "author_invented", "date_invented"}
RESULTS = ROOT / "benchmarks" / "results" / "trafeval.json"
UNPACKED = ROOT / ".var" / "trafeval"
SHARED = Path("shared") / "data" / "extraction"


def shared_folder() -> Path | None:
    if os.environ.get("EXTRACTION_SHARED"):
        return Path(os.environ["EXTRACTION_SHARED"])
    for parent in ROOT.parents:
        if (parent / SHARED / "score.py").exists():
            return parent / SHARED
    return None


def dataset(shared: Path) -> Path:
    if os.environ.get("EXTRACTION_DATA"):
        return Path(os.environ["EXTRACTION_DATA"])
    if not (UNPACKED / "evaldata.json").exists():
        UNPACKED.mkdir(parents=True, exist_ok=True)
        with tarfile.open(shared / "trafeval.tar.gz") as archive:
            archive.extractall(UNPACKED, filter="data")
    return UNPACKED


def load_scorer(shared: Path) -> ModuleType:
    spec = importlib.util.spec_from_file_location("score", shared / "score.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules["score"] = module
    spec.loader.exec_module(module)
    return module


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--limit", type=int, default=0, help="only the first N pages (a smoke test)")
    parser.add_argument("--repeat", type=int, default=3, help="timing passes for the time ratio (median)")
    args, _ = parser.parse_known_args()
    shared = shared_folder()
    if shared is None:
        print(
            "trafeval bench skipped: the development set was not found. Set EXTRACTION_SHARED to the folder "
            "with score.py and trafeval.tar.gz (or EXTRACTION_DATA to an unpacked trafeval), or put it in "
            f"../{SHARED} beside the repository."
        )
        return 0
    score = load_scorer(shared)
    score.DATA = dataset(shared)
    import trafeval_adapter as adapter
    from trafilatura.external import jt_stoplist_init

    extractors = {
        "ours": adapter.ours,
        "trafilatura.extract": adapter.trafilatura_text,
        "trafilatura.extract+metadata": adapter.trafilatura_default,
    }
    cases = score.load_trafeval(score.DATA)
    if args.limit:
        cases = cases[: args.limit]
    results: dict[str, list[tuple[dict | None, float, str | None]]] = {name: [] for name in extractors}
    first = score.read_html(cases[0])
    for function in extractors.values():  # untimed: lazy imports and caches
        function(first)
    # justext's stop lists load on the first page that falls back to it: a cost of neither extractor.
    jt_stoplist_init()
    order = list(extractors)
    for number, case in enumerate(cases):
        html = score.read_html(case)
        # Alternate who goes first, so that neither is always the one running on a warm cache.
        for name in order[number % len(order) :] + order[: number % len(order)]:
            results[name].append(run(extractors[name], html, score))

    report: dict[str, dict] = {}
    for name, rows in results.items():
        metrics, _ = score.score_dataset(cases, rows, 200)
        metrics.update(invented(cases, rows, score))
        report[name] = metrics
        score.print_report(f"trafeval · {name}", "trafilatura's evaluation set", metrics, metrics["extract_seconds"])
    ratios = [report["ours"]["extract_seconds"] / report["trafilatura.extract"]["extract_seconds"]]
    htmls = [score.read_html(case) for case in cases] if args.repeat > 1 else []
    for _ in range(args.repeat - 1):
        seconds = {"ours": 0.0, "trafilatura.extract": 0.0}
        for number, html in enumerate(htmls):
            for name in list(seconds)[number % 2 :] + list(seconds)[: number % 2]:
                seconds[name] += run(extractors[name], html, score)[1]
        ratios.append(seconds["ours"] / seconds["trafilatura.extract"])
    report["time_ratio"] = {
        "trafilatura.extract": round(statistics.median(ratios), 3),
        "trafilatura.extract (each pass)": [round(r, 3) for r in ratios],
        "trafilatura.extract+metadata": round(
            report["ours"]["extract_seconds"] / report["trafilatura.extract+metadata"]["extract_seconds"], 3
        ),
    }
    print_summary(report)
    RESULTS.parent.mkdir(parents=True, exist_ok=True)
    RESULTS.write_text(json.dumps(report, indent=1, ensure_ascii=False) + "\n", encoding="utf-8")
    print(f"Wrote {RESULTS.relative_to(ROOT)}")
    return 0


def run(function, html: str, score: ModuleType) -> tuple[dict | None, float, str | None]:
    """One extraction, scored like score.py does, timed in CPU seconds."""
    started = time.process_time()
    try:
        output, error = score.normalize_output(function(html)), None
    except Exception as exc:  # noqa: BLE001 - a crash is a scored failure, as in score.py
        output, error = None, f"{type(exc).__name__}: {str(exc)[:200]}"
    return output, time.process_time() - started, error


def invented(cases: list, rows: list, score: ModuleType) -> dict[str, float | int]:
    """Authors and dates given on pages whose annotation leaves them empty."""
    annotations = json.loads((score.DATA / "evaldata.json").read_text("utf-8"))
    found: dict[str, float | int] = {}
    for key in ("author", "date"):
        empty = [
            (row[0] or {}).get(key)
            for case, row in zip(cases, rows, strict=True)
            if _left_empty(annotations, case, key)
        ]
        given = sum(1 for value in empty if value and (key == "author" or score.parse_date(value)))
        found[f"{key}_invented_pages"] = len(empty)
        found[f"{key}_invented"] = given / len(empty) if empty else 0.0
    return found


def _left_empty(annotations: dict, case, key: str) -> bool:
    item = annotations.get(case.url, {})
    return key in item and not item[key]


def print_summary(report: dict[str, dict]) -> None:
    columns = [
        ("snippet_precision", "P"),
        ("with_recall", "R"),
        ("without_leak", "leak"),
        ("snippet_f1", "F1"),
        ("empty_text", "no text"),
        ("title_exact", "title"),
        ("author_match", "author"),
        ("author_invented", "invented"),
        ("date_exact", "date"),
        ("date_invented", "invented"),
        ("extract_seconds", "CPU s"),
    ]
    print("\n" + f"{'extractor':<30}" + "".join(f"{label:>9}" for _, label in columns))
    for name, metrics in report.items():
        if name == "time_ratio":
            continue
        # The bare call returns no title, author or date: show nothing rather than zeros.
        cells = ["-" if name == "trafilatura.extract" and key in METADATA else metrics.get(key) for key, _ in columns]
        print(f"{name:<30}" + "".join(f"{v:>9.3f}" if isinstance(v, float) else f"{v!s:>9}" for v in cells))
    ratios = report["time_ratio"]
    passes = ", ".join(f"{r:.2f}" for r in ratios["trafilatura.extract (each pass)"])
    print(f"CPU time, ours / trafilatura.extract: {ratios['trafilatura.extract']:.2f} (median of {passes})")
    print(f"CPU time, ours / trafilatura.extract+metadata: {ratios['trafilatura.extract+metadata']:.2f} (first pass)")


if __name__ == "__main__":
    sys.exit(main())
