"""Time and queries per article import, paste and URL paths, for a few article sizes.

Runs the synchronous pipeline (importing.import_* then run_import) against the configured database,
inside a transaction that is rolled back, with pages served by a local web server on 127.0.0.1.
Run from the repository root: python benchmarks/import_bench.py
"""

from __future__ import annotations

import json
import os
import statistics
import sys
import threading
import time
from http.server import ThreadingHTTPServer
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "workbench.settings")

import django  # noqa: E402

django.setup()

from django.conf import settings  # noqa: E402
from django.db import connection, transaction  # noqa: E402
from django.test.utils import CaptureQueriesContext  # noqa: E402

from claims import importing  # noqa: E402
from claims.models import Article  # noqa: E402
from tests.claims.importpages import article_html  # noqa: E402
from tests.webserver import Site, _handler_for  # noqa: E402

RESULTS = ROOT / "benchmarks" / "results" / "import.json"
REPEATS = 3
SIZES = {"short": 1, "medium": 10, "long": 60}  # groups of four paragraphs
TEMPLATES = (
    "Road injuries to cyclists fell by {n}% on streets where protected lanes were built, the council report found.",
    "Across the rest of district {n} the fall was 4%, according to the same report published in March.",
    "The mayor, Jane Doe, said phase {n} cost £12 million and would be extended to ten more streets by 2027.",
    "Cycling trips on route {n} rose by 38% since 2020, while car journeys in the centre fell by a fifth.",
)


class _Rollback(Exception):
    pass


def paragraphs(groups: int, salt: int) -> tuple[str, ...]:
    return tuple(t.format(n=salt * 1000 + g) for g in range(groups) for t in TEMPLATES)


def measure(run) -> tuple[float, int, int]:
    """Seconds, queries and claims of one import, rolled back so every run starts from the same state."""
    outcome: dict[str, float | int] = {}
    try:
        with transaction.atomic():
            with CaptureQueriesContext(connection) as queries:
                started = time.perf_counter()
                article_id = run()
                outcome["seconds"] = time.perf_counter() - started
            article = Article.objects.get(pk=article_id)
            assert article.status == Article.Status.READY, article.error
            outcome["queries"], outcome["claims"] = len(queries), article.claims.count()
            raise _Rollback
    except _Rollback:
        pass
    return float(outcome["seconds"]), int(outcome["queries"]), int(outcome["claims"])


def main() -> int:
    site = Site()
    server = ThreadingHTTPServer(("127.0.0.1", 0), _handler_for(site))
    server.daemon_threads = True
    site.port = server.server_address[1]
    threading.Thread(target=server.serve_forever, daemon=True).start()
    settings.FETCH_ALLOWED_ADDRESSES = [site.address]

    results = []
    salt = int(time.time())
    try:
        for size, groups in SIZES.items():
            for path_name in ("paste", "url"):
                runs = []
                for repeat in range(REPEATS):
                    paras = paragraphs(groups, salt + repeat)
                    if path_name == "paste":
                        text = "Cycle lanes cut injuries\n\n" + "\n\n".join(paras)

                        def run(text=text):
                            article = importing.import_text(text=text, enqueue=False).article
                            importing.run_import(article_id=article.pk)
                            return article.pk
                    else:
                        url = site.add(f"/{size}-{repeat}-{salt}", article_html(paragraphs=paras))

                        def run(url=url):
                            article = importing.import_url(url=url, enqueue=False).article
                            importing.run_import(article_id=article.pk)
                            return article.pk

                    runs.append(measure(run))
                chars = sum(len(p) + 2 for p in paragraphs(groups, salt))
                results.append(
                    {
                        "path": path_name,
                        "size": size,
                        "chars": chars,
                        "median_ms": round(statistics.median(r[0] for r in runs) * 1000, 1),
                        "max_ms": round(max(r[0] for r in runs) * 1000, 1),
                        "queries": max(r[1] for r in runs),
                        "claims": runs[0][2],
                    }
                )
        # One long paragraph of short sentences: every step must stay linear in the text (≤ 5 s end to end).
        for name, text in (
            ("paste-200k", " ".join(f"Tax up {i}%." for i in range(14000))),
            ("paste-200k-claims", " ".join(f"Taxes rose {i}% in 2023." for i in range(7700))),
        ):
            runs = []
            for repeat in range(REPEATS):

                def run(text=f"{text} Run {salt}-{repeat}."):
                    article = importing.import_text(text=text, enqueue=False).article
                    importing.run_import(article_id=article.pk)
                    return article.pk

                runs.append(measure(run))
            results.append(
                {
                    "path": "paste",
                    "size": name,
                    "chars": len(text),
                    "median_ms": round(statistics.median(r[0] for r in runs) * 1000, 1),
                    "max_ms": round(max(r[0] for r in runs) * 1000, 1),
                    "queries": max(r[1] for r in runs),
                    "claims": runs[0][2],
                }
            )
    finally:
        server.shutdown()
        server.server_close()

    print(f"{'path':<6} {'size':<17} {'chars':>7} {'median ms':>10} {'max ms':>8} {'queries':>8} {'claims':>7}")
    for row in results:
        print(
            f"{row['path']:<6} {row['size']:<17} {row['chars']:>7} {row['median_ms']:>10} {row['max_ms']:>8}"
            f" {row['queries']:>8} {row['claims']:>7}"
        )
    RESULTS.parent.mkdir(parents=True, exist_ok=True)
    RESULTS.write_text(json.dumps({"repeats": REPEATS, "results": results}, indent=2) + "\n", encoding="utf-8")
    print(f"Wrote {RESULTS.relative_to(ROOT)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
