from __future__ import annotations

import pytest
from playwright.sync_api import expect

from tests.factories import ArticleFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_it_logs_in_and_shows_the_dashboard(page, live_server, login, alice):
    ArticleFactory(title="Council backs cycle lanes", publisher="Evening News")
    csp_violations = []
    page.on("console", lambda msg: csp_violations.append(msg.text) if "Content Security Policy" in msg.text else None)

    login(alice)

    expect(page.get_by_role("heading", name="Articles")).to_be_visible()
    expect(page.get_by_role("link", name="Council backs cycle lanes")).to_be_visible()
    # htmx loaded from our own origin despite the strict CSP.
    assert page.evaluate("typeof window.htmx") == "object"
    assert csp_violations == []


def test_it_rejects_a_wrong_password(page, live_server, alice):
    page.goto(f"{live_server.url}/accounts/login/")
    page.get_by_label("Username").fill("alice")
    page.get_by_label("Password").fill("not-the-password")
    page.get_by_role("button", name="Log in").click()
    expect(page.get_by_role("alert")).to_contain_text("enter a correct username and password")
