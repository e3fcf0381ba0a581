"""Has this been checked? through the API: the matching page's matcher and rules."""

from __future__ import annotations

import json

import pytest

from matching import archive
from tests.api.conftest import client_for

pytestmark = pytest.mark.django_db

TOPICS = ("council budget", "school meals", "rail strike", "housing prices", "water quality", "bus routes")
ARCHIVE = [
    {
        "id": "fc-vaccine",
        "claim": "Flu vaccines cause a 4,250% increase in fetal deaths.",
        "title": "No, flu shots do not cause fetal deaths",
        "date": "2019-10-29",
        "url": "https://checks.example/flu-shot-fetal",
        "truth_label": "Pants on Fire",
        "publisher": "Example Checks",
    },
    *(
        {
            "id": f"fc-other-{n}",
            "claim": f"The {TOPICS[n % len(TOPICS)]} report number {n} was published by the regional office.",
            "title": f"Regional office report {n}",
            "date": "2021-01-01",
            "url": f"https://other.example/report-{n}",
            "truth_label": "True",
            "publisher": "Other Checks",
        }
        for n in range(60)
    ),
]


def test_a_statement_finds_the_fact_check_that_verified_it(alice):
    archive.import_file("\n".join(json.dumps(item) for item in ARCHIVE).encode(), fmt="jsonl")
    response = client_for(alice).get("/fact-checks/matches", {"q": "Flu shots lead to a 4250% rise in fetal deaths"})
    assert response.status_code == 200
    matches = response.json()
    assert matches[0]["external_id"] == "fc-vaccine"
    assert matches[0]["rating"] == "Pants on Fire" and matches[0]["reasons"]
    assert all(set(m) >= {"claim", "url", "publisher", "date", "score"} for m in matches)


@pytest.mark.parametrize("statement", ["", "a\x00b", "x" * 2001])
def test_a_bad_statement_is_a_problem_not_an_error(alice, statement):
    response = client_for(alice).get("/fact-checks/matches", {"q": statement})
    assert response.status_code in (413, 422)
    assert response["Content-Type"] == "application/problem+json"
