"""Seconds from a fresh clone to the first page of `make run`, as a newcomer meets it.

Clones this repository into a temporary folder, runs `make run` there with no DATABASE_URL or
REDIS_URL (so the embedded servers start and the demo loads), and times until the log-in page
answers; the install and the start are timed apart. Run from the repository root:
python benchmarks/first_run_bench.py [--cold] (--cold: an empty uv cache, every wheel downloaded).
"""

from __future__ import annotations

import json
import os
import resource
import signal
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
RESULTS = ROOT / "benchmarks" / "results" / "first_run.json"
DEADLINE = 600


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def answers(url: str) -> bool:
    try:
        with urllib.request.urlopen(url, timeout=2) as response:
            return bool(response.status == 200)
    except OSError:
        return False


def main() -> int:
    cold = "--cold" in sys.argv
    with tempfile.TemporaryDirectory(prefix="first-run-") as folder:
        clone = Path(folder) / "workbench"
        subprocess.run(["git", "clone", "-q", str(ROOT), str(clone)], check=True)
        env = {k: v for k, v in os.environ.items() if k not in ("DATABASE_URL", "REDIS_URL", "SECRET_KEY")}
        port = free_port()
        env |= {"PORT": str(port)}
        if cold:
            env["UV_CACHE_DIR"] = str(Path(folder) / "uv-cache")
        started = time.monotonic()
        subprocess.run(["make", "install"], cwd=clone, env=env, check=True, stdout=subprocess.DEVNULL)
        installed = time.monotonic() - started
        run = subprocess.Popen(["make", "run"], cwd=clone, env=env, stdout=subprocess.DEVNULL, start_new_session=True)
        try:
            while not answers(f"http://127.0.0.1:{port}/accounts/login/"):
                if run.poll() is not None or time.monotonic() - started > DEADLINE:
                    raise SystemExit("make run did not serve its first page")
                time.sleep(0.25)
            first_page = time.monotonic() - started
        finally:
            # Ctrl-C, as a person stops it: make run stops every process it started.
            os.killpg(run.pid, signal.SIGINT)
            run.wait(timeout=60)
    # Wall-clock seconds depend on what else the machine runs; CPU seconds much less. Daemons that make
    # run's children leave behind (the embedded PostgreSQL's server) are not counted.
    children = resource.getrusage(resource.RUSAGE_CHILDREN)
    result = {
        "uv_cache": "cold" if cold else "as on this machine",
        "install_seconds": round(installed, 1),
        "first_page_seconds": round(first_page, 1),
        "cpu_seconds": round(children.ru_utime + children.ru_stime, 1),
        "load_average": round(os.getloadavg()[0], 1),
        "cpus": os.cpu_count(),
    }
    print(json.dumps(result, indent=2))
    RESULTS.parent.mkdir(exist_ok=True)
    RESULTS.write_text(json.dumps(result, indent=2) + "\n")
    return 0


if __name__ == "__main__":
    sys.exit(main())
