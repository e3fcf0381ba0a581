"""Server time and query count of the JSON API at 3, 300 and 3,000 claims.

Usage: python benchmarks/api_bench.py [--runs N]   (from the repository root, with DATABASE_URL/REDIS_URL
set; `make bench` does this)

Works in a throwaway test database. Each operation is requested through django.test.Client with an
editor's API token; the figure is the median of N requests. Writes benchmarks/results/api.json.
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

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "workbench.settings")

import django  # noqa: E402

django.setup()

from django.conf import settings  # noqa: E402
from django.contrib.auth.models import Group  # noqa: E402
from django.db import connection  # noqa: E402
from django.test import Client  # noqa: E402
from django.test.utils import override_settings, setup_databases, teardown_databases  # noqa: E402

from accounts.models import User  # noqa: E402
from api import tokens  # noqa: E402
from benchmarks.pages_bench import make_article  # noqa: E402
from claims.models import Article  # noqa: E402

SIZES = (3, 300, 3000)
RESULTS = ROOT / "benchmarks" / "results" / "api.json"


def measure(client: Client, url: str, runs: int, headers: dict[str, str]) -> dict[str, float | int]:
    client.get(url, headers=headers)  # warm up (and record the token's last use)
    executed: list[str] = []

    def count(execute, sql, params, many, context):  # type: ignore[no-untyped-def]
        executed.append(sql)
        return execute(sql, params, many, context)

    with connection.execute_wrapper(count):
        response = client.get(url, headers=headers)
    assert response.status_code == 200, (url, response.status_code)
    timings = []
    for _ in range(runs):
        started = time.perf_counter()
        client.get(url, headers=headers)
        timings.append((time.perf_counter() - started) * 1000)
    return {"median_ms": round(statistics.median(timings), 2), "queries": len(executed), "bytes": len(response.content)}


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=15)
    args = parser.parse_args()

    database = settings.DATABASES["default"]
    database["TEST"] = {**database.get("TEST", {}), "NAME": f"bench_api_{database['NAME']}"}
    old_config = setup_databases(verbosity=0, interactive=False)
    rows = []
    try:
        with override_settings(DEBUG=False, ALLOWED_HOSTS=["testserver"], API_RATE_LIMIT="1000000/m"):
            editor = User.objects.create_user("bench-editor", first_name="Editor")
            editor.groups.set(Group.objects.filter(name="Editors"))
            reviewer = User.objects.create_user("bench-reviewer", first_name="Reviewer")
            reviewer.groups.set(Group.objects.filter(name="Reviewers"))
            _, raw = tokens.create_token(user=editor, name="bench")
            headers = {"Authorization": f"Bearer {raw}"}
            client = Client()
            for size in SIZES:
                Article.objects.all().delete()
                article, first = make_article(size, editor, reviewer)
                rows.append(
                    {
                        "claims": size,
                        "GET /me": measure(client, "/api/v1/me", args.runs, headers),
                        "GET /claims (50)": measure(client, "/api/v1/claims", args.runs, headers),
                        "GET /claims?q=…": measure(client, "/api/v1/claims?q=council+lanes", args.runs, headers),
                        "GET /claims/{id}": measure(client, f"/api/v1/claims/{first.pk}", args.runs, headers),
                        "GET /articles/{id}": measure(client, f"/api/v1/articles/{article.pk}", args.runs, headers),
                    }
                )
            Article.objects.all().delete()
    finally:
        teardown_databases(old_config, verbosity=0)

    names = [key for key in rows[0] if key != "claims"]
    print(f"\nServer time per request: median of {args.runs} (ms) / queries, through django.test.Client\n")
    print(f"{'operation':<22}" + "".join(f"{f'{row["claims"]:,} claims':>22}" for row in rows))
    for name in names:
        cells = "".join(f"{f'{row[name]["median_ms"]:.1f} ms / {row[name]["queries"]} q':>22}" for row in rows)
        print(f"{name:<22}{cells}")
    RESULTS.parent.mkdir(parents=True, exist_ok=True)
    RESULTS.write_text(
        json.dumps(
            {
                "benchmark": "api",
                "runs": args.runs,
                "python": platform.python_version(),
                "django": django.get_version(),
                "machine": f"{platform.machine()}, {os.cpu_count()} cores",
                "results": rows,
            },
            indent=2,
        )
        + "\n"
    )
    print(f"wrote {RESULTS.relative_to(ROOT)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
