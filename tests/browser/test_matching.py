"""Claim matching in headless Chromium: reuse a previous fact check, reject one, ask "has this been checked?"."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import expect

from claims.models import Claim, Source
from matching import archive, claim_matches
from matching.models import MatchDecision
from tests.factories import ClaimFactory
from tests.matching.conftest import FILLER, archive_jsonl

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

CHECK = """<html><head><title>No, flu shots do not cause fetal deaths</title></head><body><article>
<h1>No, flu shots do not cause fetal deaths</h1><p>The 4,250% figure comes from a misread report.</p>
</article></body></html>"""


def load_archive(site) -> None:
    items = [
        {"id": "fc-flu", "claim": "Flu vaccines cause a 4,250% increase in fetal deaths.",
         "title": "No, flu shots do not cause fetal deaths", "date": "2019-10-29",
         "url": site.add("/flu-check", CHECK), "truth_label": "False", "publisher": "Example Checks"},
        {"id": "fc-flu-2", "claim": "Flu vaccines caused a 4,250% increase in fetal deaths in Canada.",
         "title": "Canadian flu shot figures", "date": "2018-01-10",
         "url": site.add("/mercury-check", CHECK), "truth_label": "Misleading", "publisher": "Verify Desk"},
    ]  # fmt: skip
    archive.import_file(archive_jsonl(items + FILLER), fmt="jsonl")


def test_a_reviewer_reuses_one_match_and_rejects_another(page, login, live_server, site, bob):
    load_archive(site)
    claim = ClaimFactory(
        text="Flu shots cause a 4,250% increase in fetal deaths, a viral post says.",
        assignee=bob,
        status=Claim.Status.IN_REVIEW,
    )
    claim_matches.match_claim(claim)
    login(bob)
    page.goto(f"{live_server.url}{claim.get_absolute_url()}")

    section = page.locator("#claim-matches")
    expect(section.get_by_role("heading", name=re.compile("Checked before"))).to_be_visible()
    first = section.locator(".match-card").filter(has_text="4,250% increase in fetal deaths.")
    expect(first).to_contain_text("False")
    expect(first).to_contain_text("Example Checks")
    expect(first).to_contain_text("Why: number 4250%")
    second = section.locator(".match-card").filter(has_text="Canada")

    second.get_by_role("button", name="Not the same claim").click()
    expect(section.locator(".match-card").filter(has_text="Canada")).to_have_count(0)
    assert MatchDecision.objects.get(fact_check__external_id="fc-flu-2").decision == "not_same"

    first = page.locator("#claim-matches .match-card").filter(has_text="4,250% increase in fetal deaths.")
    first.get_by_label("Stance").select_option("refutes")
    first.get_by_role("button", name="Reuse").click()
    source_card = page.locator(".source-card").first
    expect(source_card).to_contain_text("Refutes")
    expect(page.locator("#verdict-form")).to_have_attribute("open", "")
    expect(page.get_by_label("Rating")).to_have_value(str(_rating_id("false")))
    expect(page.get_by_label("Rationale (Markdown)")).to_have_value(re.compile("Example Checks checked this claim"))
    expect(page.locator("#claim-matches")).to_contain_text("Reused as a source of this claim.")
    source = Source.objects.get(claim=claim)
    assert source.document.url.endswith("/flu-check") and source.stance == "refutes"


def test_has_this_been_checked(page, login, live_server, site, bob):
    load_archive(site)
    login(bob)
    page.get_by_role("link", name="Has this been checked?").click()
    page.get_by_label("Statement").fill("Do flu jabs really raise fetal deaths by 4250%?")
    page.get_by_role("button", name="Look for fact checks").click()
    results = page.locator("#check-results")
    expect(results.locator(".match-card").first).to_contain_text("Flu vaccines cause a 4,250% increase")


def _rating_id(slug: str) -> int:
    from claims.models import Rating

    return Rating.objects.get(slug=slug).pk
