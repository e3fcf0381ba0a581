"""A small archive of fact checks written for the tests, imported through the product's import."""

from __future__ import annotations

import json

import pytest

from matching import archive

FACT_CHECKS = [
    {
        "id": "fc-bridge",
        "claim": "The new Elbe bridge cost 480 million euros, twice the original budget.",
        "title": "Elbe bridge cost did not double",
        "date": "2024-03-02",
        "url": "https://checks.example/elbe-bridge-cost",
        "truth_label": "False",
        "publisher": "Example Checks",
    },
    {
        "id": "fc-vaccine",
        "claim": "Flu vaccines cause a 4,250% increase in fetal deaths.",
        "title": "No, flu shots do not cause fetal deaths",
        "date": "2019-10-29",
        "url": "https://checks.example/flu-shot-fetal",
        "truth_label": "Pants on Fire",
        "publisher": "Example Checks",
    },
    {
        "id": "fc-unemployment",
        "claim": "Unemployment in Riverton fell to 3.1 percent, the lowest rate in 17 years.",
        "title": "Riverton unemployment at a 17-year low",
        "date": "2023-06-12",
        "url": "https://verify.example/riverton-jobs",
        "truth_label": "True",
        "publisher": "Verify Desk",
    },
    {
        "id": "fc-cycling",
        "claim": "Cycling in Lisbon rose by 38% since 2020 after the new lanes opened.",
        "title": "Lisbon cycling boom is real",
        "date": "2022-09-01",
        "url": "https://verify.example/lisbon-cycling",
        "truth_label": "Mostly true",
        "publisher": "Verify Desk",
    },
    {
        "id": "fc-moon",
        "claim": "A photo shows the moon landing flag waving in the wind.",
        "title": "Moon flag photo",
        "date": "2018-07-20",
        "url": "https://checks.example/moon-flag",
        "truth_label": "Misleading",
        "publisher": "Example Checks",
    },
]


TOPICS = (
    "council budget", "school meals", "rail strike", "housing prices", "water quality", "bus routes",
    "tax credits", "hospital waiting lists", "police numbers", "energy bills", "park maintenance",
    "library hours", "parking fines", "recycling rates", "broadband coverage", "pension age",
)  # fmt: skip
# Other fact checks, so that words are as rare or common as in a real archive.
FILLER = [
    {
        "id": f"fc-other-{n}",
        "claim": f"The {TOPICS[n % len(TOPICS)]} report number {n} was published by the regional office.",
        "title": f"Regional office report {n}",
        "date": "2021-01-01",
        "url": f"https://other.example/report-{n}",
        "truth_label": "True",
        "publisher": "Other Checks",
    }
    for n in range(300)
]


def archive_jsonl(items=FACT_CHECKS + FILLER) -> bytes:
    return "\n".join(json.dumps(item) for item in items).encode()


@pytest.fixture
def fact_checks(db):
    """The test archive in the database, with its term statistics."""
    report = archive.import_file(archive_jsonl(), fmt="jsonl")
    assert report.created == len(FACT_CHECKS) + len(FILLER)
    from matching.models import FactCheck

    return {fc.external_id: fc for fc in FactCheck.objects.exclude(external_id__startswith="fc-other")}
