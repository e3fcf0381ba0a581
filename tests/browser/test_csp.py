"""The article page keeps to the Content Security Policy, and a console error fails a browser test."""

from __future__ import annotations

import pytest
from playwright.sync_api import expect

from claims.models import Claim
from tests.browser.fixtures import check_console
from tests.factories import ArticleFactory, ClaimFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

BODY = "The council approved a £12 million plan on Tuesday. Cycling rose by 38% since 2020. Buses are late."


def _inline_styles(page) -> dict[str, int]:
    # A style attribute or a <style> element without our nonce is what the policy refuses.
    return page.evaluate(
        "() => ({attributes: document.querySelectorAll('[style]').length,"
        " elements: document.querySelectorAll('style').length})"
    )


def test_keeping_assigning_and_adding_a_source_need_no_inline_style(page, login, live_server, site, alice, bob):
    article = ArticleFactory(body=BODY)
    claim = ClaimFactory(article=article, start=52, end=83, text="Cycling rose by 38% since 2020.")
    login(alice)
    page.goto(f"{live_server.url}{claim.get_absolute_url()}")
    assert page.evaluate("() => htmx.config.includeIndicatorStyles") is False

    panel = page.locator("#claim-panel")
    panel.get_by_role("button", name="Keep for checking").click()
    expect(panel.locator(".panel-kicker")).to_contain_text("In review")
    panel.get_by_label("Reviewer").select_option(label="Bob")
    panel.get_by_role("button", name="Assign").click()
    expect(page.locator("#messages")).to_contain_text("Assigned to Bob.")
    panel.get_by_text("Add a source").click()
    # No worker runs: the card stays "Fetching…", polling, which is the state that used to break the policy.
    panel.get_by_label("URL").fill(site.add("/report", "<html><title>Report</title><p>Cycling rose 4%.</p></html>"))
    panel.get_by_role("button", name="Add source").click()
    expect(panel.locator(".source-card")).to_have_count(1)
    assert Claim.objects.get(pk=claim.pk).sources.count() == 1
    assert _inline_styles(page) == {"attributes": 0, "elements": 0}
    # The page fixture then fails the test on any console error, a CSP violation included.


def test_a_console_error_fails_the_test(page, console_errors, login, live_server, alice):
    login(alice)
    page.evaluate("() => document.body.insertAdjacentHTML('beforeend', '<p style=\"color: red\">inline</p>')")
    page.wait_for_function("() => true")
    expect(page.locator("p", has_text="inline")).to_have_count(1)
    page.wait_for_timeout(200)
    assert any("Content Security Policy" in error for error in console_errors), console_errors
    with pytest.raises(AssertionError, match="console errors"):
        check_console(console_errors)
    console_errors.clear()  # provoked on purpose
