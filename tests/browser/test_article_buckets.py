"""The article page at 1366×900 in headless Chromium: highlights by bucket, the list's bucket filter,
its height, and a list longer than one window."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import Page, expect

from claims.article_page.workspace import PAGE_SIZE
from claims.models import Claim
from tests.factories import ArticleFactory, ClaimFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

SENTENCE = "In {n} the council said {n} new lanes cost £{n} million. "
# Worth, may be, not worth, not worth: half the candidates are hidden by default.
BUCKETS = [
    Claim.Bucket.WORTH_CHECKING,
    Claim.Bucket.MAY_BE_WORTH_CHECKING,
    Claim.Bucket.NOT_WORTH_CHECKING,
    Claim.Bucket.NOT_WORTH_CHECKING,
]


@pytest.fixture
def browser_context_args(browser_context_args):
    return {**browser_context_args, "viewport": {"width": 1366, "height": 900}}


def make_article(count: int):
    sentences = [SENTENCE.format(n=2000 + index) for index in range(count)]
    article = ArticleFactory(title="Council lanes", body="".join(sentences))
    claims, offset = [], 0
    for index, sentence in enumerate(sentences):
        claims.append(
            ClaimFactory(
                article=article,
                text=sentence.strip(),
                start=offset,
                end=offset + len(sentence) - 1,
                bucket=BUCKETS[index % len(BUCKETS)],
                checkworthiness=0.9 - index % len(BUCKETS) * 0.2,
            )
        )
        offset += len(sentence)
    return article, claims


def sign_in(page: Page, live_server, user) -> None:
    page.goto(f"{live_server.url}/accounts/login/")
    page.get_by_label("Username").fill(user.username)
    page.get_by_label("Password").fill("pw-" + user.username)
    page.get_by_role("button", name="Log in").click()
    page.wait_for_url(f"{live_server.url}/")


def mark(page: Page, claim: Claim):
    return page.locator(f'mark[data-claim="{claim.pk}"]').first


def style(locator, prop: str) -> str:
    return locator.evaluate(f"(el) => getComputedStyle(el).{prop}")


def test_highlights_follow_the_buckets_and_every_candidate_shows_on_request(page, live_server, alice):
    article, claims = make_article(12)
    worth, maybe, not_worth = claims[0], claims[1], claims[2]
    kept = claims[3]  # not worth checking, but an editor took it up
    Claim.objects.filter(pk=kept.pk).update(status=Claim.Status.IN_REVIEW)
    sign_in(page, live_server, alice)
    page.goto(f"{live_server.url}{article.get_absolute_url()}")

    expect(mark(page, worth)).to_be_visible()
    assert style(mark(page, worth), "backgroundColor") != "rgba(0, 0, 0, 0)"
    assert style(mark(page, worth), "borderBottomStyle") == "solid"
    expect(mark(page, maybe)).to_have_class(re.compile(r"\bmaybe\b"))
    assert style(mark(page, maybe), "backgroundColor") == "rgba(0, 0, 0, 0)"
    assert style(mark(page, maybe), "borderBottomStyle") == "dotted"
    expect(mark(page, kept)).to_be_visible()
    assert style(mark(page, kept), "borderBottomStyle") == "solid"
    expect(page.locator(f'mark[data-claim="{not_worth.pk}"]')).to_have_count(0)
    expect(page.locator(f"#claim-row-{not_worth.pk}")).to_have_count(0)

    # Every candidate, without a reload: the address keeps the choice, the list follows.
    page.evaluate("window.notReloaded = true")
    page.get_by_label("Show every candidate").check()
    expect(mark(page, not_worth)).to_have_class(re.compile(r"\bfaint\b"))
    assert style(mark(page, not_worth), "borderBottomStyle") == "dashed"
    expect(page).to_have_url(re.compile(r"\?show=all$"))
    expect(page.locator(f"#claim-row-{not_worth.pk}")).to_be_visible()
    assert page.evaluate("window.notReloaded") is True

    # A highlight opens its claim; the address keeps the view, so the deep link does too.
    mark(page, not_worth).click()
    expect(page.locator("#claim-panel")).to_have_attribute("data-claim", str(not_worth.pk))
    expect(page).to_have_url(re.compile(rf"/claims/{not_worth.pk}/\?show=all$"))
    page.reload()
    expect(page.get_by_label("Show every candidate")).to_be_checked()
    expect(mark(page, not_worth)).to_be_visible()
    expect(page.locator(f"#claim-row-{not_worth.pk}")).to_have_class(re.compile("is-current"))

    # Back to the default view: the candidates leave the text again.
    page.get_by_label("Show every candidate").uncheck()
    expect(page.locator(f'mark[data-claim="{not_worth.pk}"]')).to_have_count(0)
    expect(page).to_have_url(re.compile(rf"/claims/{not_worth.pk}/$"))


def test_the_list_fills_the_window_and_filters_by_bucket(page, live_server, alice):
    article, claims = make_article(40)
    sign_in(page, live_server, alice)
    page.goto(f"{live_server.url}{article.get_absolute_url()}")

    rows = page.locator("#claim-list [data-claim-rows]")
    expect(rows.locator("[data-claim-row]")).to_have_count(20)  # worth and may-be: half of 40
    # The list takes the window's height, down to the one-paragraph hint of the empty claim panel.
    box, panel = rows.bounding_box(), page.locator("#claim-panel").bounding_box()
    assert panel["y"] + panel["height"] >= 900 - 30, panel
    assert box["y"] + box["height"] >= panel["y"] - 30, (box, panel)
    assert panel["height"] <= 120, panel
    visible = rows.evaluate(
        """(list) => {
            const bottom = list.getBoundingClientRect().bottom;
            return [...list.querySelectorAll('[data-claim-row]')]
                .filter((row) => row.getBoundingClientRect().bottom <= bottom).length;
        }"""
    )
    assert visible >= 8, visible

    page.locator(".bucket-filter").get_by_role("link", name=re.compile("^May be worth checking")).click()
    expect(page).to_have_url(re.compile(r"\?bucket=may_be_worth_checking$"))
    expect(rows.locator("[data-claim-row]")).to_have_count(10)
    expect(page.locator(f"#claim-row-{claims[1].pk}")).to_contain_text("May be worth checking 0.70")
    expect(page.locator(f"#claim-row-{claims[0].pk}")).to_have_count(0)
    expect(page.locator(".bucket-filter [aria-current=true]")).to_contain_text("May be worth checking")
    # The text keeps every highlight; the filter narrows the list only.
    expect(mark(page, claims[0])).to_be_visible()

    # Every candidate, then only those not worth checking.
    page.get_by_label("Show every candidate").check()
    expect(page).to_have_url(re.compile(r"\?show=all&bucket=may_be_worth_checking$"))
    page.locator(".bucket-filter").get_by_role("link", name=re.compile("^Not worth checking")).click()
    expect(rows.locator("[data-claim-row]")).to_have_count(20)
    expect(page.locator(f"#claim-row-{claims[2].pk}")).to_contain_text("Not worth checking 0.50")


def test_a_list_longer_than_a_window_loads_as_it_scrolls_and_j_crosses_windows(page, live_server, alice):
    article, claims = make_article(PAGE_SIZE * 2 + 8)
    listed = [claim for claim in claims if claim.bucket != Claim.Bucket.NOT_WORTH_CHECKING]
    sign_in(page, live_server, alice)

    # A deep link to the last claim of the first window; j opens the first claim of the next one.
    last_of_window = listed[PAGE_SIZE - 1]
    page.goto(f"{live_server.url}{last_of_window.get_absolute_url()}")
    rows = page.locator("#claim-list [data-claim-rows] [data-claim-row]")
    expect(rows).to_have_count(PAGE_SIZE)
    page.keyboard.press("j")
    expect(page.locator("#claim-panel")).to_have_attribute("data-claim", str(listed[PAGE_SIZE].pk))
    expect(rows).to_have_count(len(listed))
    page.keyboard.press("k")
    expect(page.locator("#claim-panel")).to_have_attribute("data-claim", str(last_of_window.pk))

    # A fresh page loads the rest of the list as it is scrolled.
    page.goto(f"{live_server.url}{article.get_absolute_url()}")
    expect(rows).to_have_count(PAGE_SIZE)
    page.locator("#claim-more").scroll_into_view_if_needed()
    expect(rows).to_have_count(len(listed))
