"""Gunicorn settings for the web app (used by the Dockerfile; `gunicorn -c gunicorn.conf.py workbench.wsgi`).

Chosen by measurement on a 2-core machine (benchmarks/load_bench.py, README "Serving a newsroom"):
threaded workers, WEB_CONCURRENCY processes of GUNICORN_THREADS threads each. Requests spend much of
their time waiting on PostgreSQL, and an export or a small PDF keeps its thread for seconds, so
threads keep the other requests moving where one-request-per-process workers queued them behind it.
Every variable can be overridden from the environment.
"""

from __future__ import annotations

import multiprocessing
import os


def _int(name: str, default: int) -> int:
    value = os.environ.get(name, "")
    return int(value) if value.strip() else default


cores = multiprocessing.cpu_count()

bind = os.environ.get("GUNICORN_BIND", "0.0.0.0:8000")
worker_class = os.environ.get("GUNICORN_WORKER_CLASS", "gthread")
# One process per core plus one, so a process busy in Python never leaves a core idle.
workers = _int("WEB_CONCURRENCY", cores + 1)
threads = _int("GUNICORN_THREADS", 4)
# Each thread keeps its own database connection (CONN_MAX_AGE): workers x threads per web process,
# to be counted against PostgreSQL's max_connections when scaling out.

# Longer than the slowest request meant to be served in a request: a 50-claim PDF, a streamed export.
timeout = _int("GUNICORN_TIMEOUT", 60)
graceful_timeout = _int("GUNICORN_GRACEFUL_TIMEOUT", 30)
# Behind a proxy that reuses connections.
keepalive = _int("GUNICORN_KEEPALIVE", 5)
# Recycle a process now and then so slow memory growth cannot pile up; the jitter keeps them apart.
max_requests = _int("GUNICORN_MAX_REQUESTS", 2000)
max_requests_jitter = _int("GUNICORN_MAX_REQUESTS_JITTER", 200)
# Load the app once and fork: faster start, and the code pages are shared between processes.
# Django opens no database connection at import, so none is shared across the fork.
preload_app = True
# The heartbeat file on tmpfs: on a container's overlay file system its writes can stall a worker.
worker_tmp_dir = "/dev/shm" if os.path.isdir("/dev/shm") else None
accesslog = os.environ.get("GUNICORN_ACCESS_LOG", "-") or None
# Only the proxy may say which scheme and client a request came with (a comma list, or * inside a private network).
forwarded_allow_ips = os.environ.get("FORWARDED_ALLOW_IPS", "127.0.0.1")
