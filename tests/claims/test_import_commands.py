from __future__ import annotations

import io
import json

import pytest
from django.core.management import CommandError, call_command

from claims.models import Article
from tests.claims.importpages import DEEPSEEK, DEEPSEEK_TITLE, article_html

pytestmark = pytest.mark.django_db


def run(*args, stdin: str | None = None, monkeypatch=None) -> str:
    out = io.StringIO()
    if stdin is not None:
        monkeypatch.setattr("sys.stdin", io.TextIOWrapper(io.BytesIO(stdin.encode())))
    call_command(*args, stdout=out, stderr=io.StringIO())
    return out.getvalue()


def test_dry_run_prints_what_a_url_import_would_produce_and_saves_nothing(site):
    url = site.add("/lanes", article_html())
    result = json.loads(run("import_article", url, "--dry-run", "--json"))
    assert result["title"] == "Cycle lanes cut injuries"
    assert (result["publisher"], result["published"], result["authors"]) == (
        "Evening News",
        "2025-03-04",
        ["Sam Reporter"],
    )
    assert "fell by 22%" in result["text"]
    assert result["claims"] and {"start", "end", "text", "bucket", "claimant_type"} <= set(result["claims"][0])
    assert not Article.objects.exists()


def test_dry_run_reads_standard_input(monkeypatch):
    result = json.loads(
        run("import_article", "-", "--dry-run", "--json", stdin=DEEPSEEK.read_text(), monkeypatch=monkeypatch)
    )
    assert result["title"] == DEEPSEEK_TITLE
    assert not Article.objects.exists()


def test_it_imports_a_file_synchronously(tmp_path):
    path = tmp_path / "story.html"
    path.write_text(article_html())
    out = run("import_article", str(path))
    article = Article.objects.get()
    assert article.status == Article.Status.READY
    assert out.strip() == f"{path}: article {article.pk}, {article.claims.count()} claims"
    assert "(already imported)" in run("import_article", str(path))


def test_a_failure_exits_non_zero_with_the_reason(site):
    site.add("/gone", "gone", status=404, content_type="text/plain")
    err = io.StringIO()
    with pytest.raises(CommandError, match="1 of 1 import failed"):
        call_command("import_article", site.url("/gone"), "--dry-run", stdout=io.StringIO(), stderr=err)
    assert "The site answered 404" in err.getvalue()
    with pytest.raises(CommandError):
        call_command("import_article", "/no/such/file.txt", stdout=io.StringIO(), stderr=io.StringIO())


def test_detect_claims_prints_candidates(tmp_path):
    path = tmp_path / "a.txt"
    path.write_text("Cycling rose by 38% since 2020, the council said. Hello there.")
    claims = json.loads(run("detect_claims", str(path)))
    assert claims[0]["text"].startswith("Cycling rose by 38%")


def test_detect_claims_jsonl(monkeypatch):
    lines = "\n".join(
        json.dumps({"id": i, "text": t}) for i, t in [(1, "Unemployment fell to 4% in 2024."), (2, "Hi.")]
    )
    out = run("detect_claims", "-", "--jsonl", stdin=lines, monkeypatch=monkeypatch)
    records = [json.loads(line) for line in out.splitlines()]
    assert [r["id"] for r in records] == [1, 2]
    assert records[0]["claims"] and records[0]["claims"][0]["start"] == 0
    assert records[1]["claims"] == []
