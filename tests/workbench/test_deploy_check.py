"""The README's production variables give a clean `manage.py check --deploy`."""

from __future__ import annotations

import os
import re
import secrets
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def readme_environment() -> dict[str, str]:
    readme = (ROOT / "README.md").read_text()
    block = re.search(r"<!-- production-environment:.*?-->\s*```sh\n(.*?)```", readme, re.S)
    assert block, "the README has no production-environment block"
    env = {}
    for line in block.group(1).splitlines():
        name, _, value = line.split("#", 1)[0].strip().partition("=")
        env[name] = value
    return env


def test_the_readme_lists_the_production_variables():
    env = readme_environment()
    assert env["DEBUG"] == "0" and env["SECURE_HSTS_SECONDS"] == "31536000"
    assert {"SECRET_KEY", "ALLOWED_HOSTS", "SITE_URL", "SECURE_HSTS_INCLUDE_SUBDOMAINS", "SECURE_HSTS_PRELOAD"} <= set(
        env
    )


def test_check_deploy_is_clean_with_the_readme_variables():
    env = {name: value for name, value in os.environ.items() if name in ("PATH", "HOME", "LANG")}
    env |= readme_environment() | {"SECRET_KEY": secrets.token_urlsafe(50)}
    # Model checks of generated columns ask the database what it supports, so the check needs a reachable one.
    env["DATABASE_URL"] = os.environ["DATABASE_URL"]
    result = subprocess.run(
        [sys.executable, "manage.py", "check", "--deploy", "--fail-level", "WARNING"],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert "System check identified no issues" in result.stdout
