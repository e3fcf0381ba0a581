"""The Makefile installs the pinned requirements with uv, bootstrapped from the pinned version."""

from __future__ import annotations

import subprocess
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def test_install_uses_uv_and_the_pinned_requirements():
    commands = subprocess.run(
        ["make", "--dry-run", "--always-make", "install"], cwd=ROOT, capture_output=True, text=True, check=True
    ).stdout
    assert "uv pip install -q --python .venv/bin/python -r requirements/base.txt" in commands
    assert "-r requirements/local.txt -r requirements/dev.txt" in commands
    assert "grep -E '^uv==' requirements/dev.txt" in commands
    assert "pip install -q -r requirements" not in commands
