"""The review workspace in headless Chromium: the golden path, selection, shortcuts and an edit conflict."""

from __future__ import annotations

import re
from contextlib import suppress

import pytest
from playwright.sync_api import Error as PlaywrightError
from playwright.sync_api import Page, expect

from claims.models import Article, Claim
from documents.models import Document
from tests.browser.fixtures import check_console, watch_console
from tests.factories import ArticleFactory, ClaimFactory
from tests.samples import sample_text

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

BODY = (
    "Northbridge council voted on Tuesday to spend £12 million on protected cycle lanes.\n\n"
    "Council leader Amira Hassan said cycling trips had risen by 38% since 2020. "
    "Opposition councillors said the last lanes cost £2.1 million per kilometre."
)
REPORT_R1 = """<html><head><title>Reasoning benchmark results</title>
<meta property="og:site_name" content="Benchmarks Weekly"></head><body><article>
<h1>Reasoning benchmark results</h1>
<p>On the standard reasoning suite, DeepSeek R1 scored within two points of OpenAI o1 on every task.</p>
<p>The evaluation ran each model three times and reports the median score.</p>
</article></body></html>"""


@pytest.fixture
def new_page(browser):
    """A page in a fresh browser context (another person); closed after the test so that its
    keep-alive connections release the live server's database connections."""
    contexts = []
    errors: list[list[str]] = []

    def _new_page() -> Page:
        context = browser.new_context()
        contexts.append(context)
        page = context.new_page()
        errors.append(watch_console(page))
        return page

    yield _new_page
    for context in contexts:
        context.close()
    # As for the page fixture: only htmx's log of a refresh replaced by a newer one is excused.
    check_console([error for page_errors in errors for error in page_errors])


def sign_in(page: Page, live_server, user) -> Page:
    page.goto(f"{live_server.url}/accounts/login/")
    page.get_by_label("Username").fill(user.username)
    page.get_by_label("Password").fill("pw-" + user.username)
    page.get_by_role("button", name="Log in").click()
    page.wait_for_url(f"{live_server.url}/")
    return page


def make_article():
    article = ArticleFactory(title="Council backs cycle lanes", body=BODY)
    start = BODY.index("Council leader")
    end = BODY.index("2020.") + len("2020.")
    cycling = ClaimFactory(
        article=article, text="Cycling trips rose by 38% since 2020.", start=start, end=end, claim_type="quantity"
    )
    cost = ClaimFactory(
        article=article,
        text="The last lanes cost £2.1 million per kilometre.",
        start=BODY.index("Opposition"),
        end=len(BODY),
    )
    return article, cycling, cost


def test_the_golden_path_from_import_to_publication(page, new_page, live_server, celery_worker, site, alice, bob, dave):
    sample = sample_text("deepseek-article.txt")
    report_url = site.add("/r1-benchmarks", REPORT_R1)
    csp_violations: list[str] = []
    page.on("console", lambda m: csp_violations.append(m.text) if "Content Security Policy" in m.text else None)

    # The editor pastes the sample article; a real worker extracts it and finds its claims.
    sign_in(page, live_server, alice)
    page.get_by_role("link", name="Import article").first.click()
    page.locator("#import-text").get_by_label("Article text").fill(sample)
    page.get_by_role("button", name="Import text").click()
    expect(page.locator("h1")).to_contain_text("ultra-cheap models mean for the AI arms race", timeout=20_000)
    article = Article.objects.get()
    assert article.status == Article.Status.READY
    r1 = Claim.objects.get(article=article, quote__contains="on par with OpenAI")
    expect(page.locator(f'.seg[data-claim="{r1.pk}"]').first).to_be_visible()

    # Triage: open the claim from its highlight, keep it and assign Bob.
    page.locator(f'.seg[data-claim="{r1.pk}"]').first.click()
    panel = page.locator("#claim-panel")
    expect(panel.get_by_role("heading", name=r1.text)).to_be_visible()
    expect(page).to_have_url(re.compile(rf"/articles/{article.pk}/claims/{r1.pk}/$"))
    panel.get_by_role("button", name="Keep for checking").click()
    expect(page.locator("#messages")).to_contain_text("Claim kept for checking.")
    panel.get_by_label("Reviewer").select_option(label="Bob")
    panel.get_by_role("button", name="Assign").click()
    expect(page.locator("#messages")).to_contain_text("Assigned to Bob.")
    expect(page.locator(f"#claim-row-{r1.pk}")).to_contain_text("→ Bob")

    # The reviewer adds a source; a real worker fetches it and the card fills in.
    reviewer = new_page()
    sign_in(reviewer, live_server, bob)
    reviewer.get_by_role("link", name="My claims").click()
    reviewer.get_by_role("link", name=r1.text).click()
    panel = reviewer.locator("#claim-panel")
    panel.get_by_text("Add a source").click()
    panel.get_by_label("URL").fill(report_url)
    panel.get_by_label("Stance").select_option("supports")
    panel.get_by_role("button", name="Add source").click()
    card = panel.locator(".source-card")
    expect(card).to_contain_text("Reasoning benchmark results", timeout=20_000)
    expect(card).to_contain_text("Supports")
    assert Document.objects.get(url=report_url).status == Document.Status.READY

    panel.get_by_text("Propose a verdict").click()
    panel.get_by_label("Rating").select_option(label="Mostly accurate")
    panel.get_by_label("Rationale (Markdown)").fill("Published benchmarks put R1 **within two points** of o1.")
    panel.get_by_role("button", name="Propose verdict").click()
    expect(reviewer.locator("#messages")).to_contain_text("Verdict proposed")
    expect(panel.locator(".rationale strong")).to_have_text("within two points")

    # A second editor approves and publishes.
    approver = new_page()
    sign_in(approver, live_server, dave)
    approver.get_by_role("link", name="Needs approval").click()
    approver.get_by_role("link", name=r1.text).click()
    panel = approver.locator("#claim-panel")
    panel.get_by_role("button", name="Approve verdict").click()
    expect(approver.locator("#messages")).to_contain_text("Verdict approved")
    panel.get_by_role("button", name="Publish").click()
    expect(panel.locator(".panel-kicker")).to_contain_text("Published")
    r1.refresh_from_db()
    assert r1.status == Claim.Status.PUBLISHED
    assert csp_violations == []


def test_selection_keyboard_and_bulk_actions(page, live_server, alice, bob):
    article, cycling, cost = make_article()
    sign_in(page, live_server, alice)
    page.goto(f"{live_server.url}{article.get_absolute_url()}")

    # j opens the first claim, j again the next; the back button returns to the first.
    page.keyboard.press("j")
    expect(page.locator("#claim-panel")).to_have_attribute("data-claim", str(cycling.pk))
    page.keyboard.press("j")
    expect(page.locator("#claim-panel")).to_have_attribute("data-claim", str(cost.pk))
    page.go_back()
    expect(page).to_have_url(re.compile(rf"/claims/{cycling.pk}/$"))
    expect(page.locator("#claim-panel")).to_have_attribute("data-claim", str(cycling.pk))
    page.keyboard.press("?")
    expect(page.get_by_role("dialog", name="Keyboard shortcuts")).to_be_visible()
    page.keyboard.press("Escape")

    # Select "£12 million" in the text, across the plain run it sits in.
    wanted = "spend £12 million"
    page.evaluate(
        """(wanted) => {
            const body = document.querySelector('[data-article-body]');
            const walker = document.createTreeWalker(body, NodeFilter.SHOW_TEXT);
            let node;
            while ((node = walker.nextNode())) {
                const at = node.textContent.indexOf(wanted);
                if (at >= 0) {
                    const range = document.createRange();
                    range.setStart(node, at);
                    range.setEnd(node, at + wanted.length);
                    const selection = window.getSelection();
                    selection.removeAllRanges();
                    selection.addRange(range);
                    return;
                }
            }
        }""",
        wanted,
    )
    page.get_by_role("button", name="Add claim from selection").click()
    expect(page.locator("#claim-panel .claim-text")).to_have_text(wanted)
    added = Claim.objects.get(origin=Claim.Origin.MANUAL)
    assert (added.start, added.end) == (BODY.index(wanted), BODY.index(wanted) + len(wanted))
    expect(page.locator(f'.seg[data-claim="{added.pk}"]')).to_have_text(wanted)

    # Tick two claims and assign them at once; the open claim's panel follows.
    expect(page.locator(f"#claim-row-{added.pk}")).to_be_visible()
    page.locator(f'#claim-row-{cycling.pk} input[type="checkbox"]').check()
    page.locator(f'#claim-row-{added.pk} input[type="checkbox"]').check()
    page.get_by_label("With selected").select_option("assign")
    page.locator("#bulk-assignee").select_option(label="Bob")
    page.get_by_role("button", name="Apply").click()
    expect(page.locator("#messages")).to_contain_text("Assigned 2 claims.")
    expect(page.locator(f"#claim-row-{cycling.pk}")).to_contain_text("→ Bob")
    expect(page.locator("#claim-panel .facts")).to_contain_text("Bob")


def test_two_editors_editing_the_same_claim_see_a_conflict_not_a_lost_edit(new_page, live_server, alice, dave):
    article, cycling, _ = make_article()
    pages = []
    for user in (alice, dave):
        page = new_page()
        sign_in(page, live_server, user)
        page.goto(f"{live_server.url}{cycling.get_absolute_url()}")
        page.keyboard.press("e")
        expect(page.get_by_label("Wording")).to_be_focused()
        pages.append(page)
    first, second = pages
    first.get_by_label("Wording").fill("Cycling trips rose by 38% between 2020 and 2025.")
    second.get_by_label("Wording").fill("Dave's wording: trips by bike rose 38%.")

    first.get_by_role("button", name="Save", exact=True).click()
    expect(first.locator("#messages")).to_contain_text("Claim saved.")
    second.get_by_role("button", name="Save", exact=True).click()

    conflict = second.get_by_role("alert")
    expect(conflict).to_contain_text("Someone else saved this claim while you were editing it")
    expect(conflict).to_contain_text("Cycling trips rose by 38% between 2020 and 2025.")
    expect(second.get_by_label("Wording")).to_have_value("Dave's wording: trips by bike rose 38%.")
    cycling.refresh_from_db()
    assert cycling.text == "Cycling trips rose by 38% between 2020 and 2025."

    second.get_by_role("button", name="Save mine anyway").click()
    expect(second.locator("#messages")).to_contain_text("Claim saved.")
    cycling.refresh_from_db()
    assert cycling.text == "Dave's wording: trips by bike rose 38%."


def test_a_slow_list_refresh_never_overwrites_a_newer_change(page, console_errors, live_server, alice, bob):
    """Keep, then assign, while the list refresh that followed the keep is still on the wire.

    The refresh after the keep is held back and released only after the assignment: the list must
    end up showing the assignment (the newer request replaces the older one) and never the stale list.
    """
    article, cycling, _ = make_article()
    held = []

    def hold_first_list_refresh(route):
        request = route.request
        if request.headers.get("hx-target") == "claim-list" and not held:
            held.append((route, route.fetch()))  # the list as it was right after the keep
        else:
            route.continue_()

    sign_in(page, live_server, alice)
    page.goto(f"{live_server.url}{cycling.get_absolute_url()}")
    page.route(re.compile(rf"/articles/{article.pk}/(claims/\d+/)?(\?.*)?$"), hold_first_list_refresh)
    panel = page.locator("#claim-panel")
    panel.get_by_role("button", name="Keep for checking").click()
    expect(page.locator("#messages")).to_contain_text("Claim kept for checking.")
    for _ in range(50):
        if held:
            break
        page.wait_for_timeout(100)
    assert held, "the keep did not refresh the claim list"
    panel.get_by_label("Reviewer").select_option(label="Bob")
    panel.get_by_role("button", name="Assign").click()
    expect(page.locator("#messages")).to_contain_text("Assigned to Bob.")
    expect(page.locator(f"#claim-row-{cycling.pk}")).to_contain_text("→ Bob")

    # The stale answer arrives last; the browser has already given up on it.
    route, stale = held[0]
    with suppress(PlaywrightError):  # the browser aborted the request: exactly what should happen
        route.fulfill(response=stale)
    page.wait_for_timeout(300)
    expect(page.locator(f"#claim-row-{cycling.pk}")).to_contain_text("→ Bob")
    # htmx reports the request it gave up on; that one, and only that one, is expected here.
    aborted = [error for error in console_errors if error.startswith(("htmx:sendAbort", "htmx:afterRequest"))]
    assert aborted, console_errors
    console_errors[:] = [error for error in console_errors if error not in aborted]
