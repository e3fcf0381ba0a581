from __future__ import annotations

import csv
import io

import pytest

from claims.exports.formats import neutralise
from tests.claims.exports.conftest import streamed
from tests.claims.exports.data import HOSTILE

pytestmark = pytest.mark.django_db


def _rows(text: str) -> list[dict[str, str]]:
    assert text.startswith("\ufeff")
    return list(csv.DictReader(io.StringIO(text.removeprefix("\ufeff"))))


def test_it_exports_every_visible_claim_with_its_verdict_state(editor_client, report):
    response = editor_client.get(f"/exports/articles/{report['article'].pk}/csv/")
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    rows = _rows(streamed(response))
    by_id = {int(row["claim_id"]): row for row in rows}
    assert set(by_id) == {report[k].pk for k in ("hostile", "formula", "proposed", "bare")}
    hostile = by_id[report["hostile"].pk]
    assert hostile["claim"] == HOSTILE
    assert (hostile["rating"], hostile["rating_value"], hostile["verdict_state"]) == ("False", "1", "Published")
    assert hostile["public_url"].startswith("http://127.0.0.1:8000/reports/")
    assert "accessed 2026-03-04" in hostile["sources"] and "(Refutes;" in hostile["sources"]
    assert by_id[report["proposed"].pk]["verdict_state"] == "Proposed, awaiting approval"
    assert by_id[report["proposed"].pk]["public_url"] == ""
    assert by_id[report["bare"].pk]["verdict_state"] == "No verdict yet"


def test_it_neutralises_cells_a_spreadsheet_would_run(editor_client, report):
    rows = _rows(streamed(editor_client.get(f"/exports/articles/{report['article'].pk}/csv/")))
    formula = next(row for row in rows if int(row["claim_id"]) == report["formula"].pk)
    assert formula["claim"] == "'=1+2 cycling rose by 38%"
    hostile = next(row for row in rows if int(row["claim_id"]) == report["hostile"].pk)
    assert hostile["sources"].startswith("'=HYPERLINK")
    for row in rows:
        for value in row.values():
            assert not value.startswith(("=", "+", "-", "@", "\t", "\r", "\n"))


@pytest.mark.parametrize("cell", ["=SUM(A1)", "+1", "-1", "@cmd", "\tx", "\rx", "\nx"])
def test_neutralise_prefixes_formula_starts(cell):
    assert neutralise(cell) == "'" + cell


def test_neutralise_leaves_other_values_alone():
    assert neutralise("Cycling rose") == "Cycling rose"
    assert neutralise(-1) == -1


def test_published_only_keeps_published_verdicts(editor_client, report):
    rows = _rows(streamed(editor_client.get(f"/exports/articles/{report['article'].pk}/csv/?published=1")))
    assert {int(row["claim_id"]) for row in rows} == {report["hostile"].pk, report["formula"].pk}


def test_the_file_name_is_safe_ascii_with_a_unicode_alternative(editor_client, report):
    response = editor_client.get(f"/exports/articles/{report['article'].pk}/csv/")
    disposition = response["Content-Disposition"]
    assert disposition.startswith('attachment; filename="council-backs-cycle-lanes-unicode-edition-verdicts.csv"')
    assert "filename*=UTF-8''council-backs-cycle-lanes-%C3%BCn%C3%AFcode-%C3%A9dition-verdicts.csv" in disposition
