"""Locate and read the shared claim data sets (never copied into the repository)."""

from __future__ import annotations

import json
import os
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def data_dir() -> Path:
    """$CLAIM_DATA_DIR, else ../shared/data/claims from the repository root.

    A git worktree lives one level deeper than the main checkout, so its grandparent is tried too.
    """
    if os.environ.get("CLAIM_DATA_DIR"):
        return Path(os.environ["CLAIM_DATA_DIR"])
    for base in (ROOT.parent, ROOT.parent.parent):
        candidate = base / "shared" / "data" / "claims"
        if candidate.is_dir():
            return candidate
    return ROOT.parent / "shared" / "data" / "claims"


def load(name: str) -> list[dict]:
    with open(data_dir() / name, encoding="utf-8") as handle:
        return [json.loads(line) for line in handle if line.strip()]
