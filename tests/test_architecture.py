"""The documents app must never depend on the claims app."""

from __future__ import annotations

import ast
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def imported_modules(path: Path) -> set[str]:
    names: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text(), filename=str(path))):
        if isinstance(node, ast.Import):
            names.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            names.add(node.module)
    return names


def test_documents_never_imports_claims():
    offenders = {
        str(path.relative_to(ROOT)): sorted(name for name in imported_modules(path) if name.split(".")[0] == "claims")
        for path in (ROOT / "documents").rglob("*.py")
    }
    assert {path: names for path, names in offenders.items() if names} == {}


def test_the_rule_sees_an_offending_import(tmp_path):
    offending = tmp_path / "bad.py"
    offending.write_text("from claims.models import Claim\n")
    assert "claims.models" in imported_modules(offending)
