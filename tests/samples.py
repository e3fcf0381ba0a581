"""The shared sample articles handed to the project; real news pages, so read in place, never copied."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent


def samples_dir() -> Path | None:
    if os.environ.get("CLAIM_SAMPLES_DIR"):
        return Path(os.environ["CLAIM_SAMPLES_DIR"])
    # A checkout sits beside shared/; a git worktree one level deeper.
    for base in (ROOT.parent, ROOT.parent.parent):
        if (base / "shared" / "samples").is_dir():
            return base / "shared" / "samples"
    return None


def sample_text(name: str) -> str:
    """The sample's text; a missing sample fails the test that needs it, saying where to put it."""
    directory = samples_dir()
    path = directory / name if directory else None
    if path is None or not path.exists():
        pytest.fail(f"{name} not found: put shared/samples beside the repository or set CLAIM_SAMPLES_DIR")
    return path.read_text(encoding="utf-8")
