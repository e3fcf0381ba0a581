"""One number per claim: the highlight, the list row and the panel name a claim alike."""

from __future__ import annotations

import pytest
from playwright.sync_api import expect

from tests.factories import ArticleFactory, ClaimFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

BODY = "The council approved a £12 million plan on Tuesday. Cycling rose by 38% since 2020. Buses are late."


def test_the_highlight_the_row_and_the_panel_show_the_same_number(page, login, live_server, alice):
    article = ArticleFactory(body=BODY)
    # Created against the text's order, so ids and numbers differ.
    buses = ClaimFactory(article=article, start=84, end=99, text="Buses are late.")
    ClaimFactory(article=article, start=52, end=83, text="Cycling rose by 38% since 2020.")
    ClaimFactory(article=article, start=0, end=51, text="The council approved a £12 million plan.")
    login(alice)
    page.goto(f"{live_server.url}{article.get_absolute_url()}")

    mark = page.locator(f'.seg[data-claim="{buses.pk}"]')
    expect(mark).to_have_attribute("title", "Claim 3: New")
    expect(page.locator(f"#claim-row-{buses.pk} .claim-number")).to_have_text("#3")
    expect(page.locator(f'#claim-row-{buses.pk} input[type="checkbox"]')).to_have_accessible_name("Select claim 3")
    mark.click()
    expect(page.locator("#claim-panel")).to_have_attribute("data-claim", str(buses.pk))
    expect(page.locator("#claim-panel .panel-kicker")).to_contain_text("Claim #3")
