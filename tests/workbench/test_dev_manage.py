"""`make manage` runs manage.py commands with no DATABASE_URL, on the embedded services."""

from __future__ import annotations

import contextlib
import os
import shutil
import signal
import subprocess
import sys
import tempfile
import threading
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]


def _env(var_dir: Path) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if k not in ("DATABASE_URL", "REDIS_URL", "SECRET_KEY", "DEBUG")}
    return env | {"WORKBENCH_VAR_DIR": str(var_dir)}


@pytest.fixture
def var_dir():
    """A data folder the embedded PostgreSQL's own user can reach (pytest's tmp_path is root's alone)."""
    (ROOT / ".var").mkdir(exist_ok=True)
    folder = Path(tempfile.mkdtemp(prefix="test-", dir=ROOT / ".var"))
    yield folder
    shutil.rmtree(folder, ignore_errors=True)


def test_a_manage_command_works_without_database_url_and_shares_running_services(var_dir):
    env = _env(var_dir)
    # A running `make run` (here: only its services) keeps its Redis address in the data directory.
    services = subprocess.Popen(
        [sys.executable, "scripts/dev.py", "services"], cwd=ROOT, env=env, stdout=subprocess.PIPE, text=True
    )
    try:
        lines: dict[str, str] = {}
        while "REDIS_URL" not in lines:
            line = services.stdout.readline()
            assert line, "the services did not start"
            if "=" in line and not line.startswith("["):
                name, value = line.strip().split("=", 1)
                lines[name] = value
        # Keep reading what the services print, so a full pipe never blocks them on the way out.
        threading.Thread(target=services.stdout.read, daemon=True).start()
        result = subprocess.run(
            [
                sys.executable,
                "scripts/dev.py",
                "manage",
                "shell",
                "-c",
                "from django.db import connection; connection.ensure_connection(); "
                "from django.conf import settings; print('redis', settings.REDIS_URL)",
            ],
            cwd=ROOT,
            env=env,
            capture_output=True,
            text=True,
            timeout=120,
        )
    finally:
        # Ctrl-C, as a person stops it: the embedded servers are stopped on the way out.
        services.send_signal(signal.SIGINT)
        try:
            # Stopping the embedded PostgreSQL takes seconds, far more on a loaded machine.
            services.wait(timeout=120)
        except subprocess.TimeoutExpired:
            services.kill()
            services.wait()
            raise
        finally:
            with contextlib.suppress(ValueError):  # the reading thread may still hold it
                services.stdout.close()
    assert result.returncode == 0, result.stdout + result.stderr
    assert f"redis {lines['REDIS_URL']}" in result.stdout
    assert "using the embedded Redis already running" in result.stdout
