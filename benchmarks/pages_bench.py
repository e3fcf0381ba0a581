"""Server time, ratio to a bare page, HTML size and query count of the review workspace's pages at
3, 300 and 3,000 claims.

Usage: python benchmarks/pages_bench.py [--runs N] [--rounds N] [--no-screenshot]   (from the repository root,
with DATABASE_URL/REDIS_URL set; `make bench` does this)

Works in a throwaway test database (created and dropped here), so it never touches real data.
Each page is requested through django.test.Client with a logged-in editor; the figure is the median
over --rounds whole measurements of the median of --runs requests. A bare Django template response
is timed before and after each article size, and every page is also given as a ratio to it, which
holds better than milliseconds on a shared machine. "After an edit" changes a claim before each request (untimed), so the article page cannot
use its cached highlights. Prints a table, writes benchmarks/results/pages.json and, unless
--no-screenshot, takes docs/screenshots/article-page.png with headless Chromium.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import shutil
import statistics
import sys
import time
from collections.abc import Callable
from datetime import date
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "workbench.settings")
# Playwright's sync API runs an event loop in this thread.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")

import django  # noqa: E402

django.setup()

from django.conf import settings  # noqa: E402
from django.contrib.auth.models import Group  # noqa: E402
from django.db import connection  # noqa: E402
from django.http import HttpRequest, HttpResponse  # noqa: E402
from django.template import engines  # noqa: E402
from django.test import Client  # noqa: E402
from django.test.utils import override_settings, setup_databases, teardown_databases  # noqa: E402
from django.urls import path  # noqa: E402

from accounts.models import User  # noqa: E402
from claims.models import Article, Claim, Comment, Rating, Source, Verdict  # noqa: E402
from documents.models import Document  # noqa: E402
from workbench.urls import urlpatterns as project_urls  # noqa: E402

SIZES = (3, 300, 3000)
RESULTS = ROOT / "benchmarks" / "results" / "pages.json"
SCREENSHOT = ROOT / "docs" / "screenshots" / "article-page.png"
SENTENCE = "In {year} the council said {n} new cycle lanes cost £{cost} million, up {pct}% on the year before. "
BARE = engines["django"].from_string("<!doctype html><title>{{ title }}</title><p>{{ text }}</p>")


def bare(request: HttpRequest) -> HttpResponse:
    return HttpResponse(BARE.render({"title": "Bare", "text": "A bare template response."}, request))


# This module doubles as the URLconf: the project's URLs plus the bare baseline.
urlpatterns = [path("__bare__/", bare), *project_urls]


# Buckets in about the proportions the detector gives the sample article (half worth checking, a
# tenth may be, four in ten not worth); most claims untouched, as in an article being triaged.
BUCKETS = (
    [Claim.Bucket.WORTH_CHECKING] * 5 + [Claim.Bucket.MAY_BE_WORTH_CHECKING] + [Claim.Bucket.NOT_WORTH_CHECKING] * 4
)
SCORES = {
    Claim.Bucket.WORTH_CHECKING: 0.8,
    Claim.Bucket.MAY_BE_WORTH_CHECKING: 0.5,
    Claim.Bucket.NOT_WORTH_CHECKING: 0.2,
}
STATUSES = [Claim.Status.PUBLISHED, Claim.Status.VERDICT_PROPOSED, Claim.Status.IN_REVIEW] + [Claim.Status.NEW] * 7


def make_article(size: int, editor: User, reviewer: User) -> tuple[Article, Claim]:
    """An article with one sentence per claim (at least 30), claims in mixed buckets and states,
    verdicts on those past triage."""
    sentences = [SENTENCE.format(year=2000 + i % 25, n=i, cost=i % 90 + 1, pct=i % 50) for i in range(max(size, 30))]
    body = "".join(sentences).strip()
    document = Document.objects.create(kind=Document.Kind.PASTE, status=Document.Status.READY)
    article = Article.objects.create(
        status=Article.Status.READY,
        title=f"Benchmark article with {size} claims",
        body=body,
        document=document,
        dedupe_key=f"bench:{size}:{time.time()}",
    )
    claims, offset = [], 0
    for index, sentence in enumerate(sentences[:size]):
        start, end = offset, offset + len(sentence.rstrip())
        claims.append(
            Claim(
                article=article,
                text=sentence.strip(),
                quote=body[start:end],
                start=start,
                end=end,
                claim_type=Claim.Type.QUANTITY,
                status=STATUSES[index * 7 % len(STATUSES)],
                assignee=reviewer if index % 2 else None,
                checkworthiness=SCORES[BUCKETS[index % len(BUCKETS)]],
                bucket=BUCKETS[index % len(BUCKETS)],
            )
        )
        offset += len(sentence)
    claims = Claim.objects.bulk_create(claims)
    ratings = list(Rating.objects.all())
    Verdict.objects.bulk_create(
        Verdict(claim=claim, rating=ratings[i % len(ratings)], rationale="Per the **report**.", author=reviewer)
        for i, claim in enumerate(claims)
        if claim.status != Claim.Status.NEW
    )
    return article, claims[0]


def measure(
    client: Client,
    url: str,
    runs: int,
    headers: dict[str, str] | None = None,
    before: Callable[[], object] | None = None,
) -> dict[str, float | int]:
    """Median time of ``runs`` requests, with queries and size of one; ``before`` runs untimed."""
    client.get(url, headers=headers or {})  # warm caches and template loading
    executed: list[str] = []

    def count(execute, sql, params, many, context):  # type: ignore[no-untyped-def]
        executed.append(sql)
        return execute(sql, params, many, context)

    if before:
        before()
    with connection.execute_wrapper(count):
        response = client.get(url, headers=headers or {})
    assert response.status_code == 200, (url, response.status_code)
    timings, cpu = [], []
    for _ in range(runs):
        if before:
            before()
        started, started_cpu = time.perf_counter(), time.process_time()
        client.get(url, headers=headers or {})
        timings.append((time.perf_counter() - started) * 1000)
        cpu.append((time.process_time() - started_cpu) * 1000)
    return {
        "median_ms": round(statistics.median(timings), 2),
        # This process's CPU time: the Python side of a request, without the waits a loaded machine adds.
        "median_cpu_ms": round(statistics.median(cpu), 2),
        "queries": len(executed),
        "bytes": len(response.content),
    }


def combine(rounds: list[list[dict[str, Any]]]) -> list[dict[str, Any]]:
    """Each figure as the median over the rounds (times and ratios); sizes and queries of the last."""
    combined = []
    for rows in zip(*rounds, strict=True):
        row: dict[str, Any] = {"claims": rows[0]["claims"]}
        for name, figures in rows[-1].items():
            if isinstance(figures, dict):
                row[name] = {
                    **figures,
                    **{
                        key: round(statistics.median(r[name][key] for r in rows), 2)
                        for key in ("median_ms", "median_cpu_ms", "ratio_to_bare", "cpu_ratio_to_bare")
                    },
                }
        combined.append(row)
    return combined


def edit(claim: Claim) -> Callable[[], object]:
    """A change the article page shows (the claim's bucket), so its cached highlights are stale."""
    buckets = [Claim.Bucket.WORTH_CHECKING, Claim.Bucket.MAY_BE_WORTH_CHECKING]

    def _edit() -> object:
        claim.bucket = buckets[buckets.index(claim.bucket) - 1] if claim.bucket in buckets else buckets[0]
        return Claim.objects.filter(pk=claim.pk).update(bucket=claim.bucket)

    return _edit


def screenshot(editor: User, reviewer: User) -> str:
    """The demo article with claims in several states and one claim open, at 1280 px."""
    chromium = shutil.which("chromium") or "/usr/bin/chromium"
    if not os.path.exists(chromium):
        return "skipped: no chromium"
    from django.contrib.staticfiles.handlers import StaticFilesHandler
    from django.test.testcases import LiveServerThread
    from playwright.sync_api import sync_playwright

    from claims.detection import detect_claims

    text = (ROOT / "claims" / "demo" / "article.txt").read_text()
    title, _, body = text.strip().partition("\n\n")
    article = Article.objects.create(
        title=title.strip(),
        publisher="Northbridge Evening News (demo)",
        body=body.strip(),
        document=Document.objects.create(kind=Document.Kind.PASTE, status=Document.Status.READY),
        dedupe_key="bench:demo",
        status=Article.Status.READY,
    )
    body = article.body
    found = [
        Claim.objects.create(
            article=article,
            text=c.text,
            quote=body[c.start : c.end],
            start=c.start,
            end=c.end,
            claim_type=c.claim_type,
            checkworthiness=c.checkworthiness,
            bucket=c.bucket,
            claimant=c.claimant or "",
        )
        for c in detect_claims(body)
    ]
    states = [Claim.Status.IN_REVIEW, Claim.Status.VERDICT_PROPOSED, Claim.Status.PUBLISHED, Claim.Status.NEW]
    for index, claim in enumerate(found):
        claim.status = states[index % len(states)]
        claim.assignee = reviewer if claim.status != Claim.Status.NEW else None
        claim.save()
    focus = next(c for c in found if c.status == Claim.Status.VERDICT_PROPOSED)
    Verdict.objects.create(
        claim=focus,
        rating=Rating.objects.get(slug="misleading"),
        author=reviewer,
        rationale="The council's **own counters** show a 31% rise, not 38%: see the [travel counts](https://example.org).",
    )
    page_doc = Document.objects.create(
        kind=Document.Kind.URL,
        url="https://council.example/travel-counts-2025",
        status=Document.Status.READY,
        title="Northbridge travel counts 2025",
        publisher="Northbridge Council",
        published_on=date(2026, 3, 2),
        text="Automatic counters on six routes recorded a 31% rise in cycling trips between 2020 and 2025.",
    )
    Source.objects.create(
        claim=focus,
        document=page_doc,
        stance=Source.Stance.REFUTES,
        excerpt="a 31% rise in cycling trips",
        added_by=reviewer,
    )
    Comment.objects.create(claim=focus, author=editor, body="Does the 31% include e-scooters?")

    server = LiveServerThread("127.0.0.1", StaticFilesHandler, connections_override={}, port=0)
    server.daemon = True
    server.start()
    server.is_ready.wait()
    try:
        base = f"http://127.0.0.1:{server.port}"
        with sync_playwright() as playwright:
            browser = playwright.chromium.launch(executable_path=chromium, args=["--no-sandbox"])
            page = browser.new_page(viewport={"width": 1280, "height": 860})
            page.goto(f"{base}/accounts/login/")
            page.get_by_label("Username").fill(editor.username)
            page.get_by_label("Password").fill("bench-password")
            page.get_by_role("button", name="Log in").click()
            page.wait_for_url(f"{base}/")
            page.goto(f"{base}{focus.get_absolute_url()}")
            page.locator("#claim-panel .rationale").wait_for()
            SCREENSHOT.parent.mkdir(parents=True, exist_ok=True)
            page.screenshot(path=str(SCREENSHOT))
            browser.close()
    finally:
        server.terminate()
    return str(SCREENSHOT.relative_to(ROOT))


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=11)
    parser.add_argument("--rounds", type=int, default=3, help="whole measurements; each figure is their median")
    parser.add_argument("--no-screenshot", action="store_true")
    args = parser.parse_args()

    # A name of its own, so a benchmark never collides with a test run's test database.
    database = settings.DATABASES["default"]
    database["TEST"] = {**database.get("TEST", {}), "NAME": f"bench_pages_{database['NAME']}"}
    old_config = setup_databases(verbosity=0, interactive=False)
    rows = []
    try:
        # Plain static storage: the manifest only exists after collectstatic.
        storages = {
            **settings.STORAGES,
            "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
        }
        with override_settings(
            ROOT_URLCONF=__name__,
            PASSWORD_HASHERS=["django.contrib.auth.hashers.MD5PasswordHasher"],
            DEBUG=False,
            STORAGES=storages,
            # Not setup_test_environment(): its template instrumentation would dominate the timings.
            ALLOWED_HOSTS=["testserver", "127.0.0.1"],
        ):
            editor = User.objects.create_user("bench-editor", password="bench-password", first_name="Editor")
            editor.groups.set(Group.objects.filter(name="Editors"))
            reviewer = User.objects.create_user("bench-reviewer", password="bench-password", first_name="Reviewer")
            reviewer.groups.set(Group.objects.filter(name="Reviewers"))
            client = Client()
            client.force_login(editor)
            panel_headers = {"HX-Request": "true", "HX-Target": "claim-panel"}
            rounds: list[list[dict[str, Any]]] = []
            for _ in range(args.rounds):
                rows = []
                for size in SIZES:
                    Article.objects.all().delete()
                    article, first = make_article(size, editor, reviewer)
                    bare_before = measure(client, "/__bare__/", args.runs)
                    row: dict[str, Any] = {
                        "claims": size,
                        "article page": measure(client, article.get_absolute_url(), args.runs),
                        "article page, after an edit": measure(
                            client, article.get_absolute_url(), args.runs, before=edit(first)
                        ),
                        "article page, every candidate": measure(
                            client, f"{article.get_absolute_url()}?show=all", args.runs
                        ),
                        "claim panel (htmx)": measure(client, first.get_absolute_url(), args.runs, panel_headers),
                        "claims list": measure(client, "/claims/", args.runs),
                        "claims list, search": measure(client, "/claims/?q=council+lanes&status=in_review", args.runs),
                    }
                    bare_after = measure(client, "/__bare__/", args.runs)
                    bare_ms = (bare_before["median_ms"] + bare_after["median_ms"]) / 2
                    row["bare template"] = {**bare_before, "median_ms": round(bare_ms, 2)}
                    bare_cpu_ms = (bare_before["median_cpu_ms"] + bare_after["median_cpu_ms"]) / 2
                    row["bare template"]["median_cpu_ms"] = round(bare_cpu_ms, 2)
                    for figures in row.values():
                        if isinstance(figures, dict):
                            figures["ratio_to_bare"] = round(figures["median_ms"] / bare_ms, 1)
                            figures["cpu_ratio_to_bare"] = round(figures["median_cpu_ms"] / bare_cpu_ms, 1)
                    rows.append(row)
                rounds.append(rows)
            rows = combine(rounds)
            Article.objects.all().delete()
            shot = "skipped" if args.no_screenshot else screenshot(editor, reviewer)
    finally:
        teardown_databases(old_config, verbosity=0)

    pages = ["bare template", *(key for key in rows[0] if key not in ("claims", "bare template"))]
    print(
        f"\nServer time per request: median over {args.rounds} rounds of the median of {args.runs} requests,"
        " ratio to the bare page (and of CPU time), HTML, queries\n"
    )
    print(f"{'page':<31}" + "".join(f"{f'{row["claims"]:,} claims':>48}" for row in rows))
    for name in pages:
        cells = "".join(
            f"{f'{row[name]["median_ms"]:.1f} ms {row[name]["ratio_to_bare"]}× (CPU {row[name]["cpu_ratio_to_bare"]}×) {row[name]["bytes"] / 1000:.0f} KB {row[name]["queries"]} q':>48}"
            for row in rows
        )
        print(f"{name:<31}{cells}")
    print(f"\nscreenshot: {shot}")
    RESULTS.parent.mkdir(parents=True, exist_ok=True)
    RESULTS.write_text(
        json.dumps(
            {
                "benchmark": "pages",
                "runs": args.runs,
                "rounds": args.rounds,
                "python": platform.python_version(),
                "django": django.get_version(),
                "machine": f"{platform.machine()}, {os.cpu_count()} cores",
                "results": rows,
                "screenshot": shot,
            },
            indent=2,
        )
        + "\n"
    )
    print(f"wrote {RESULTS.relative_to(ROOT)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
