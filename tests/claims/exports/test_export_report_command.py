from __future__ import annotations

import csv
import io
import json

import pytest
from django.core.management import CommandError, call_command

pytestmark = pytest.mark.django_db


def test_it_writes_a_csv_to_standard_output(report, capsys):
    call_command("export_report", str(report["article"].pk), "--format", "csv")
    rows = list(csv.DictReader(io.StringIO(capsys.readouterr().out.removeprefix("\ufeff"))))
    assert len(rows) == 4


def test_it_writes_published_only_jsonld_and_pdf_files(report, tmp_path):
    target = tmp_path / "out.json"
    call_command("export_report", str(report["article"].pk), "--format", "json", "--published-only", "-o", str(target))
    assert len(json.loads(target.read_text(encoding="utf-8"))["claims"]) == 2
    pdf = tmp_path / "out.pdf"
    call_command("export_report", str(report["article"].pk), "--format", "pdf", "-o", str(pdf))
    assert pdf.read_bytes().startswith(b"%PDF")


def test_it_explains_mistakes(report):
    with pytest.raises(CommandError, match="no article 999999"):
        call_command("export_report", "999999")
    with pytest.raises(CommandError, match="needs a file"):
        call_command("export_report", str(report["article"].pk), "--format", "pdf")
