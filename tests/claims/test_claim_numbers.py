from __future__ import annotations

import re
from html import unescape

import pytest
from django.test import Client

from claims.models import Claim
from tests.claims.exports.data import published_claim
from tests.factories import ArticleFactory, ClaimFactory

pytestmark = pytest.mark.django_db

BODY = "The council approved a £12 million plan on Tuesday. Cycling rose by 38% since 2020. Buses are late."


@pytest.fixture
def claims():
    """Three claims created against the text's order, so their ids are not their places in it."""
    article = ArticleFactory(body=BODY)
    third = ClaimFactory(article=article, start=84, end=99, text="Buses are late.")
    second = ClaimFactory(article=article, start=52, end=83, text="Cycling rose by 38% since 2020.")
    first = ClaimFactory(article=article, start=0, end=51, text="The council approved a £12 million plan.")
    return first, second, third


def test_claims_are_numbered_in_text_order_dismissed_ones_left_out(claims):
    from claims.article_page.workspace import claim_numbers

    first, second, third = claims
    assert claim_numbers(first.article) == {first.pk: 1, second.pk: 2, third.pk: 3}

    second.status = Claim.Status.DISMISSED
    second.save()
    assert claim_numbers(first.article) == {first.pk: 1, third.pk: 2}


def test_the_panel_heading_uses_the_claims_number(editor_client, claims):
    first, _, third = claims
    html = editor_client.get(third.get_absolute_url()).content.decode()
    kicker = re.search(r'<p class="panel-kicker">\s*(.*?)\s*<span', html, re.S).group(1)
    assert kicker == "Claim #3"


def test_highlights_and_list_rows_name_the_same_number(editor_client, claims):
    first, second, third = claims
    html = editor_client.get(first.article.get_absolute_url()).content.decode()
    titles = {
        int(pk): unescape(title)
        for pk, title in re.findall(
            r'<mark class="[^"]*" data-start="\d+" data-claim="(\d+)"[^>]* title="([^"]*)"', html
        )
    }
    assert titles[first.pk].startswith("Claim 1:")
    assert titles[second.pk].startswith("Claim 2:")
    assert titles[third.pk].startswith("Claim 3:")
    for number, claim in enumerate(claims, start=1):
        row = re.search(rf'<li id="claim-row-{claim.pk}".*?</li>', html, re.S).group(0)
        assert f'aria-label="Select claim {number}"' in row
        assert f'<span class="claim-number">#{number}</span>' in row


def test_a_filtered_list_keeps_each_claims_number(editor_client, claims):
    first, second, third = claims
    Claim.objects.filter(pk=third.pk).update(bucket=Claim.Bucket.MAY_BE_WORTH_CHECKING)
    html = editor_client.get(f"{first.article.get_absolute_url()}?bucket=may_be_worth_checking").content.decode()
    row = re.search(rf'<li id="claim-row-{third.pk}".*?</li>', html, re.S).group(0)
    assert '<span class="claim-number">#3</span>' in row


def test_exports_and_the_public_report_use_the_workbench_number(editor_client, alice, bob, dave):
    article = ArticleFactory(body=BODY)
    ClaimFactory(article=article, start=0, end=51, text="The council approved a £12 million plan.")
    published_claim(article, text="Buses are late.", rating="false", reviewer=bob, editor=alice, start=84, end=99)

    public = Client().get(f"/reports/{article.public_token}/").content.decode()
    assert '<span class="claim-number">2.</span> Buses are late.' in public
    response = editor_client.get(f"/exports/articles/{article.pk}/md/?published=1")
    markdown = b"".join(response.streaming_content).decode()
    assert "## 2. Buses are late." in markdown


def test_merging_by_number_merges_that_claim(editor_client, claims, settings):
    first, second, third = claims
    # The number field is what the panel offers past a few hundred candidates.
    response = editor_client.post(f"/claims/{first.pk}/merge/", {"number": "3"})
    assert response.status_code == 302
    third.refresh_from_db()
    assert third.status == Claim.Status.DISMISSED
    assert third.duplicate_of_id == first.pk
    assert third.dismissal_reason == "Merged into the claim “The council approved a £12 million plan.”"
    second.refresh_from_db()
    assert second.status == Claim.Status.NEW


def test_merging_by_an_unknown_number_changes_nothing(editor_client, claims):
    first, _, _ = claims
    editor_client.post(f"/claims/{first.pk}/merge/", {"number": "1"})
    editor_client.post(f"/claims/{first.pk}/merge/", {"number": "9"})
    assert Claim.objects.filter(status=Claim.Status.DISMISSED).count() == 0
