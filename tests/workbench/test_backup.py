"""make backup / make restore, end to end: what is restored is what was backed up."""

from __future__ import annotations

import os
import subprocess
import sys
import uuid
from pathlib import Path

import psycopg
import pytest
from django.db import connection

from claims.review import triage
from tests.claims.exports.data import published_claim
from tests.factories import ArticleFactory, ClaimFactory

ROOT = Path(__file__).resolve().parents[2]
TABLES = (
    "claims_article",
    "claims_claim",
    "claims_source",
    "claims_verdict",
    "claims_comment",
    "claims_claimevent",
    "claims_verdictevent",
    "documents_document",
    "accounts_user",
)
VERDICTS_CHECKSUM = (
    "SELECT md5(string_agg(concat_ws('|', id, claim_id, rating_id, rationale, author_id, approved_by_id,"
    " approved_at, published_at), ',' ORDER BY id)) FROM claims_verdict"
)


def _url(name: str) -> str:
    settings = connection.settings_dict
    return f"postgresql://{settings['USER']}@{settings['HOST']}:{settings['PORT'] or 5432}/{name}"


def _snapshot(url: str) -> dict[str, object]:
    with psycopg.connect(url) as conn:
        counts: dict[str, object] = {t: conn.execute(f"SELECT count(*) FROM {t}").fetchone()[0] for t in TABLES}
        counts["verdicts"] = conn.execute(VERDICTS_CHECKSUM).fetchone()[0]
    return counts


def _make(command: str, url: str, file: Path) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "DATABASE_URL": url}
    return subprocess.run(
        [sys.executable, "scripts/dev.py", command, str(file)], cwd=ROOT, env=env, capture_output=True, text=True
    )


@pytest.mark.django_db(transaction=True)
def test_a_backup_restores_into_an_empty_database_with_everything_equal(tmp_path, alice, dave, bob):
    article = ArticleFactory(title="Council backs cycle lanes", url="https://news.example/lanes")
    published_claim(article, text="Cycling rose by 38%.", rating="false", reviewer=bob, editor=alice)
    triage.edit_claim(claim=ClaimFactory(article=article), user=alice, version=1, text="Buses are late.")
    source = _url(connection.settings_dict["NAME"])
    before = _snapshot(source)
    assert before["claims_verdict"] == 1 and before["claims_claimevent"] >= 3

    dump = tmp_path / "workbench.dump"
    backed_up = _make("backup", source, dump)
    assert backed_up.returncode == 0, backed_up.stderr
    assert dump.stat().st_size > 0

    restored_name = f"restore_{uuid.uuid4().hex[:8]}"
    with psycopg.connect(_url("postgres"), autocommit=True) as conn:
        conn.execute(f"CREATE DATABASE {restored_name}")
    try:
        restored = _make("restore", _url(restored_name), dump)
        assert restored.returncode == 0, restored.stderr
        assert _snapshot(_url(restored_name)) == before
    finally:
        with psycopg.connect(_url("postgres"), autocommit=True) as conn:
            conn.execute(f"DROP DATABASE IF EXISTS {restored_name} WITH (FORCE)")


def test_restore_refuses_a_missing_file(tmp_path):
    result = _make("restore", "postgresql://nobody@127.0.0.1:1/none", tmp_path / "missing.dump")
    assert result.returncode != 0
    assert "no backup at" in result.stderr
