"""Requests per second and latency of the app as deployed: gunicorn on 127.0.0.1 under wrk, logged in.

Usage: python benchmarks/load_bench.py [--duration 10] [--connections 50] [--runs 3] [--configs ...]
(from the repository root, with DATABASE_URL and REDIS_URL set; `make bench` does this and installs wrk).

It creates its own throwaway database (never touching real data) with an editor and an article of 300
claims, collects the static files, starts gunicorn with the project's gunicorn.conf.py and DEBUG off on a
free port of 127.0.0.1, and points wrk at the bare page (a logged-in two-line template through the whole
middleware stack), /claims/ and the 300-claim article page, with an editor's session cookie. Each wrk run
is bounded in time (--duration) and in requests (--max-requests per connection), and the figures are the
medians of --runs runs: requests/s and the 50th, 95th and 99th percentile latencies, with every error
and every response other than 200 counted, and the CPU that gunicorn and its PostgreSQL backends spent
per request (on a machine shared with other work, wall-clock figures also measure that work; CPU per
request does not, and says what two dedicated cores can serve). `--configs gthread:3:4,sync:5:1` measures other gunicorn
settings (worker class:processes:threads) instead of the project's. Only loopback addresses are used.
Prints a table and writes benchmarks/results/load.json.
"""

from __future__ import annotations

import argparse
import contextlib
import json
import os
import platform
import shutil
import signal
import socket
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.request
from collections.abc import Iterator
from pathlib import Path
from urllib.parse import urlsplit

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "workbench.settings")
os.environ.setdefault("SECRET_KEY", "bench-secret-key-not-for-production")

import django  # noqa: E402

django.setup()

from django.conf import settings  # noqa: E402
from django.contrib.auth.models import Group  # noqa: E402
from django.test import Client  # noqa: E402
from django.test.utils import setup_databases, teardown_databases  # noqa: E402

from accounts.models import User  # noqa: E402
from claims.models import Article, Claim, Rating, Verdict  # noqa: E402
from documents.models import Document  # noqa: E402

RESULTS = ROOT / "benchmarks" / "results" / "load.json"
CLAIMS = 300
SENTENCE = "In {year} the council said {n} new cycle lanes cost £{cost} million, up {pct}% on the year before. "
# wrk's Lua hooks: count responses other than 200 per thread, stop a thread after --max-requests
# responses, and print the summary with the percentiles wrk's own report leaves out (p95).
WRK_SCRIPT = """
local threads = {}
function setup(thread) table.insert(threads, thread) end
function init(args) other = 0; count = 0; limit = tonumber(args[1]) end
function response(status, headers, body)
  count = count + 1
  if status ~= 200 then other = other + 1 end
  if count >= limit then wrk.thread:stop() end
end
function done(summary, latency, requests)
  local others = 0
  for _, thread in ipairs(threads) do others = others + thread:get("other") end
  local e = summary.errors
  io.write(string.format(
    'WRKJSON {"requests": %d, "duration_us": %d, "connect": %d, "read": %d, "write": %d, "status": %d, ' ..
    '"timeout": %d, "not_200": %d, "p50_us": %d, "p95_us": %d, "p99_us": %d, "max_us": %d}\\n',
    summary.requests, summary.duration, e.connect, e.read, e.write, e.status, e.timeout, others,
    latency:percentile(50), latency:percentile(95), latency:percentile(99), latency.max))
end
"""


TICKS = os.sysconf("SC_CLK_TCK")


def cpu_of(pid: int | str, *, reaped_children: bool = False) -> float:
    """CPU seconds a process has used (and its children it waited for, if asked); 0 once it is gone."""
    try:
        fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    except (FileNotFoundError, ProcessLookupError):
        return 0.0
    # utime, stime, cutime, cstime are fields 14-17 of stat; [0] here is field 3.
    ticks = int(fields[11]) + int(fields[12])
    if reaped_children:
        ticks += int(fields[13]) + int(fields[14])
    return ticks / TICKS


def children(pid: int) -> list[int]:
    found = []
    for task in Path(f"/proc/{pid}/task").glob("*"):
        with contextlib.suppress(FileNotFoundError):
            found += [int(child) for child in (task / "children").read_text().split()]
    return found


class ServerCpu:
    """CPU seconds used by gunicorn (master and workers, recycled ones included) and by the PostgreSQL
    backends serving the benchmark's database, so a figure per request holds however busy the machine is."""

    def __init__(self, master: int, database: str) -> None:
        self.master, self.database = master, database

    def _backends(self) -> dict[int, float]:
        from django.db import connection

        with connection.cursor() as cursor:
            cursor.execute(
                "SELECT pid FROM pg_stat_activity WHERE datname = %s AND pid <> pg_backend_pid()", [self.database]
            )
            return {pid: cpu_of(pid) for (pid,) in cursor.fetchall()}

    def snapshot(self) -> tuple[float, dict[int, float]]:
        web = cpu_of(self.master, reaped_children=True) + sum(cpu_of(pid) for pid in children(self.master))
        return web, self._backends()

    @staticmethod
    def used(before: tuple[float, dict[int, float]], after: tuple[float, dict[int, float]]) -> tuple[float, float]:
        """(web, database) CPU seconds between two snapshots; a backend that started meanwhile counts whole."""
        database = sum(seconds - before[1].get(pid, 0.0) for pid, seconds in after[1].items())
        return after[0] - before[0], database


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def seed() -> tuple[User, Article]:
    """An editor, a reviewer and an article of 300 claims in mixed states, three in four with a verdict."""
    editor = User.objects.create_user("load-editor", password="load-editor-password-2026")
    editor.groups.set(Group.objects.filter(name="Editors"))
    reviewer = User.objects.create_user("load-reviewer", password="load-reviewer-password-2026")
    reviewer.groups.set(Group.objects.filter(name="Reviewers"))
    sentences = [SENTENCE.format(year=2000 + i % 25, n=i, cost=i % 90 + 1, pct=i % 50) for i in range(CLAIMS)]
    body = "".join(sentences).strip()
    article = Article.objects.create(
        status=Article.Status.READY,
        title=f"Load benchmark article with {CLAIMS} claims",
        body=body,
        document=Document.objects.create(kind=Document.Kind.PASTE, status=Document.Status.READY),
        dedupe_key=f"load-bench:{time.time()}",
    )
    statuses = [Claim.Status.NEW, Claim.Status.IN_REVIEW, Claim.Status.VERDICT_PROPOSED, Claim.Status.PUBLISHED]
    claims, offset = [], 0
    for index, sentence in enumerate(sentences):
        start, end = offset, offset + len(sentence.rstrip())
        claims.append(
            Claim(
                article=article,
                text=sentence.strip(),
                quote=body[start:end],
                start=start,
                end=end,
                claim_type=Claim.Type.QUANTITY,
                status=statuses[index % len(statuses)],
                assignee=reviewer if index % 2 else None,
                checkworthiness=0.8,
                bucket=Claim.Bucket.WORTH_CHECKING,
            )
        )
        offset += len(sentence)
    claims = Claim.objects.bulk_create(claims)
    ratings = list(Rating.objects.all())
    for index, claim in enumerate(claims):
        if claim.status != Claim.Status.NEW:
            Verdict.objects.create(
                claim=claim, rating=ratings[index % len(ratings)], rationale="Per the **report**.", author=reviewer
            )
    return editor, article


def server_env(database: str, port: int, config: str | None) -> dict[str, str]:
    # Swap the database name in the configured URL, leaving the rest (a quoted socket directory) as written.
    url = urlsplit(os.environ["DATABASE_URL"])._replace(path=f"/{database}").geturl()
    env = {
        **os.environ,
        "DATABASE_URL": url,
        "DJANGO_SETTINGS_MODULE": "benchmarks.load_settings",
        "DEBUG": "0",
        "ALLOWED_HOSTS": "127.0.0.1",
        "STATIC_MANIFEST": "1",
        "GUNICORN_BIND": f"127.0.0.1:{port}",
        "GUNICORN_ACCESS_LOG": "",
        "PYTHONPATH": str(ROOT),
    }
    if config:
        worker_class, processes, threads = config.split(":")
        env.update(GUNICORN_WORKER_CLASS=worker_class, WEB_CONCURRENCY=processes, GUNICORN_THREADS=threads)
    return env


def fetch(url: str, cookie: str) -> int:
    request = urllib.request.Request(url, headers={"Cookie": cookie})

    class NoRedirect(urllib.request.HTTPRedirectHandler):
        def redirect_request(self, *args: object, **kwargs: object) -> None:
            return None

    opener = urllib.request.build_opener(NoRedirect)
    try:
        with opener.open(request, timeout=30) as response:
            response.read()
            return int(response.status)
    except urllib.error.HTTPError as error:
        return error.code


@contextlib.contextmanager
def gunicorn(env: dict[str, str], base: str, cookie: str) -> Iterator[subprocess.Popen[bytes]]:
    """gunicorn with the project's config, stopped (SIGTERM, then SIGKILL) however the block ends."""
    with tempfile.TemporaryFile() as log:
        process = subprocess.Popen(
            [sys.executable, "-m", "gunicorn", "-c", str(ROOT / "gunicorn.conf.py"), "workbench.wsgi"],
            cwd=ROOT,
            env=env,
            stdout=log,
            stderr=subprocess.STDOUT,
        )
        try:
            deadline = time.monotonic() + 60
            while True:
                with contextlib.suppress(OSError):
                    if fetch(f"{base}/__bare__/", cookie) == 200:
                        break
                if process.poll() is not None or time.monotonic() > deadline:
                    log.seek(0)
                    raise SystemExit("gunicorn did not start:\n" + log.read().decode(errors="replace")[-2000:])
                time.sleep(0.2)
            yield process
        finally:
            process.send_signal(signal.SIGTERM)
            try:
                process.wait(timeout=30)
            except subprocess.TimeoutExpired:
                process.kill()
                process.wait()


def wrk(url: str, cookie: str, script: Path, *, connections: int, duration: int, max_requests: int) -> dict:
    command = [
        "wrk",
        "-t1",
        f"-c{connections}",
        f"-d{duration}s",
        "--timeout",
        "10s",
        "-H",
        f"Cookie: {cookie}",
        "-s",
        str(script),
        url,
        "--",
        str(max_requests),
    ]
    done = subprocess.run(command, capture_output=True, text=True, timeout=duration + 60, check=True)
    line = next(line for line in done.stdout.splitlines() if line.startswith("WRKJSON "))
    figures = json.loads(line.removeprefix("WRKJSON "))
    figures["requests_per_second"] = figures["requests"] / (figures["duration_us"] / 1e6)
    return figures


def measure(name: str, url: str, cookie: str, script: Path, server: ServerCpu, args: argparse.Namespace) -> dict:
    runs = []
    for _ in range(args.runs):
        before = server.snapshot()
        run = wrk(
            url, cookie, script, connections=args.connections, duration=args.duration, max_requests=args.max_requests
        )
        web, database = ServerCpu.used(before, server.snapshot())
        run["cpu_ms_per_request"] = (web + database) * 1000 / max(run["requests"], 1)
        run["web_cpu_ms_per_request"] = web * 1000 / max(run["requests"], 1)
        run["load_average"] = os.getloadavg()[0]
        runs.append(run)
    errors = sum(run[kind] for run in runs for kind in ("connect", "read", "write", "status", "timeout"))
    return {
        "page": name,
        "runs": len(runs),
        "requests": sum(run["requests"] for run in runs),
        "requests_per_second": round(statistics.median(run["requests_per_second"] for run in runs), 1),
        "p50_ms": round(statistics.median(run["p50_us"] for run in runs) / 1000, 1),
        "p95_ms": round(statistics.median(run["p95_us"] for run in runs) / 1000, 1),
        "p99_ms": round(statistics.median(run["p99_us"] for run in runs) / 1000, 1),
        "max_ms": round(max(run["max_us"] for run in runs) / 1000, 1),
        "errors": errors,
        "not_200": sum(run["not_200"] for run in runs),
        "requests_per_second_each": [round(run["requests_per_second"], 1) for run in runs],
        # CPU of gunicorn and its PostgreSQL backends per request: what the machine's cores must supply.
        "cpu_ms_per_request": round(statistics.median(run["cpu_ms_per_request"] for run in runs), 2),
        "web_cpu_ms_per_request": round(statistics.median(run["web_cpu_ms_per_request"] for run in runs), 2),
        "load_average": [round(run["load_average"], 1) for run in runs],
    }


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--duration", type=int, default=10, help="seconds of each wrk run")
    parser.add_argument("--connections", type=int, default=50)
    parser.add_argument("--runs", type=int, default=3, help="wrk runs per page; the medians are reported")
    parser.add_argument("--max-requests", type=int, default=20_000, help="responses per wrk run at most")
    parser.add_argument("--configs", default="", help="worker class:processes:threads,… instead of the project's")
    args, _ = parser.parse_known_args()
    if shutil.which("wrk") is None:
        print("load_bench: wrk is missing (apt-get install wrk; `make bench` installs it as root)", file=sys.stderr)
        return 1

    settings.DATABASES["default"].setdefault("TEST", {})["NAME"] = f"{settings.DATABASES['default']['NAME']}_load_bench"
    old_config = setup_databases(verbosity=0, interactive=False)
    rows: list[dict] = []
    try:
        editor, article = seed()
        client = Client()
        client.force_login(editor)
        cookie = f"{settings.SESSION_COOKIE_NAME}={client.cookies[settings.SESSION_COOKIE_NAME].value}"
        database = settings.DATABASES["default"]["NAME"]
        subprocess.run(
            [sys.executable, "manage.py", "collectstatic", "--no-input", "-v", "0"],
            cwd=ROOT,
            env=server_env(database, 0, None),
            check=True,
        )
        pages = {
            "bare page": "/__bare__/",
            "claims list (/claims/)": "/claims/",
            f"article page, {CLAIMS} claims": f"/articles/{article.pk}/",
        }
        with tempfile.NamedTemporaryFile("w", suffix=".lua") as script:
            script.write(WRK_SCRIPT)
            script.flush()
            for config in args.configs.split(",") if args.configs else [None]:
                port = free_port()
                base = f"http://127.0.0.1:{port}"
                with gunicorn(server_env(database, port, config), base, cookie) as process:
                    server = ServerCpu(process.pid, database)
                    for name, path in pages.items():
                        status = fetch(base + path, cookie)
                        if status != 200:
                            raise SystemExit(f"{path} answered {status} before the load: not measured")
                        row = measure(name, base + path, cookie, Path(script.name), server, args)
                        row["server"] = config or "gunicorn.conf.py"
                        rows.append(row)
                        print(format_row(row), flush=True)
    finally:
        teardown_databases(old_config, verbosity=0)

    print(f"\n{args.connections} connections, {args.duration} s per run, median of {args.runs} runs\n")
    print(header())
    for row in rows:
        print(format_row(row))
    RESULTS.parent.mkdir(exist_ok=True)
    RESULTS.write_text(
        json.dumps(
            {
                "benchmark": "load",
                "machine": f"{platform.machine()}, {os.cpu_count()} CPUs, Python {platform.python_version()}",
                "connections": args.connections,
                "duration_seconds": args.duration,
                "runs": args.runs,
                "notes": (
                    "wrk -t1 against gunicorn on 127.0.0.1, DEBUG off, an editor's session; medians of the runs; "
                    "cpu_ms_per_request = CPU of gunicorn (master, workers) and the database's backends / requests; "
                    "load_average = the machine's 1-minute load after each run"
                ),
                "rows": rows,
            },
            indent=2,
        )
        + "\n"
    )
    print(f"\nwrote {RESULTS.relative_to(ROOT)}")
    return 0


def header() -> str:
    return (
        f"{'server':18} {'page':30} {'req/s':>7} {'p50 ms':>7} {'p95 ms':>7} {'p99 ms':>7} {'errors':>7} "
        f"{'not 200':>8} {'CPU ms/req':>11} {'load':>5}"
    )


def format_row(row: dict) -> str:
    return (
        f"{row['server']:18} {row['page']:30} {row['requests_per_second']:>7.1f} {row['p50_ms']:>7.1f} "
        f"{row['p95_ms']:>7.1f} {row['p99_ms']:>7.1f} {row['errors']:>7} {row['not_200']:>8} "
        f"{row['cpu_ms_per_request']:>11.1f} {statistics.median(row['load_average']):>5.1f}"
    )


if __name__ == "__main__":
    sys.exit(main())
