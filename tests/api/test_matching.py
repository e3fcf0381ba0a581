"""Has this been checked? through the API: the matching page's matcher and rules."""

from __future__ import annotations

import pytest

from tests.api.conftest import client_for
from tests.matching.conftest import fact_checks  # noqa: F401  (the archive fixture)

pytestmark = pytest.mark.django_db


def test_a_statement_finds_the_fact_check_that_verified_it(alice, fact_checks):  # noqa: F811
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
