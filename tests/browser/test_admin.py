from __future__ import annotations

import pytest
from playwright.sync_api import expect

from claims.models import Claim
from tests.factories import ArticleFactory, ClaimFactory, SourceFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_it_merges_two_claims_from_the_admin(page, live_server, staff):
    article = ArticleFactory(title="Council backs cycle lanes")
    keep = ClaimFactory(article=article, text="Cycling rose by 38% since 2020.")
    duplicate = ClaimFactory(article=article, text="Cycling is up 38 percent since 2020.")
    SourceFactory(claim=duplicate)
    csp_violations = []
    page.on("console", lambda msg: csp_violations.append(msg.text) if "Content Security Policy" in msg.text else None)

    page.goto(f"{live_server.url}/admin/login/?next=/admin/claims/claim/")
    page.get_by_label("Username").fill("staffer")
    page.get_by_label("Password").fill("pw-staffer")
    page.get_by_role("button", name="Log in").click()
    expect(page.get_by_role("heading", name="Select claim to change")).to_be_visible()

    for claim in (keep, duplicate):
        page.locator(f'input[name="_selected_action"][value="{claim.pk}"]').check()
    page.locator('select[name="action"]').select_option("merge")
    page.get_by_role("button", name="Run").click()

    expect(page.get_by_role("heading", name="Merge duplicate claims")).to_be_visible()
    page.get_by_label("Cycling rose by 38% since 2020.").check()
    page.get_by_role("button", name="Merge").click()

    expect(page.locator(".messagelist .success")).to_contain_text(f"Merged 1 claim(s) into claim #{keep.pk}.")
    duplicate.refresh_from_db()
    assert (duplicate.status, duplicate.duplicate_of_id) == (Claim.Status.DISMISSED, keep.pk)
    assert keep.sources.count() == 1
    assert csp_violations == []


def test_the_claims_list_gives_the_wording_room_and_a_tooltip(page, live_server, staff):
    article = ArticleFactory(title="Ministers promise a full time television licence review before the election")
    wording = (
        "The minister said the scheme had created 40,000 full time technical jobs across the north of England "
        "since it began in 2019, more than any comparable programme in Europe."
    )
    ClaimFactory(article=article, text=wording)
    page.set_viewport_size({"width": 1366, "height": 768})
    page.goto(f"{live_server.url}/admin/login/?next=/admin/claims/claim/")
    page.get_by_label("Username").fill("staffer")
    page.get_by_label("Password").fill("pw-staffer")
    page.get_by_role("button", name="Log in").click()
    cell = page.locator("#result_list .field-short_text").first
    expect(cell.locator("[title]")).to_have_attribute("title", wording)
    box = cell.bounding_box()
    assert box["width"] >= 300
    # Two lines of text at most: the rest is behind the ellipsis and the tooltip.
    line_height = cell.locator("[title]").evaluate("el => parseFloat(getComputedStyle(el).lineHeight)")
    assert cell.locator("[title]").bounding_box()["height"] <= 2 * line_height + 1
    row = page.locator("#result_list tbody tr").first
    assert row.bounding_box()["height"] <= 4 * line_height


def test_the_top_bar_names_the_person_and_the_administration_apart(page, live_server, login):
    from tests.conftest import make_user

    admin = make_user("admin", "Editors", "Reviewers", is_staff=True, is_superuser=True)
    login(admin)
    account = page.locator(".topbar .account")
    expect(account.get_by_role("link", name="Site administration")).to_be_visible()
    assert "Admin Admin" not in account.inner_text().replace("\n", " ")
