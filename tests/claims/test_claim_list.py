from __future__ import annotations

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from claims.models import Claim
from tests.factories import ArticleFactory, ClaimFactory, VerdictFactory

pytestmark = pytest.mark.django_db


def test_it_lists_claims_across_articles(reviewer_client):
    ClaimFactory(text="Cycling rose by 38%", article=ArticleFactory(title="Cycle lanes"))
    ClaimFactory(text="Bus fares fell", article=ArticleFactory(title="Buses"))
    html = reviewer_client.get("/claims/").content.decode()
    assert "Cycling rose by 38%" in html and "Bus fares fell" in html
    assert "2 claims" in html


def test_full_text_search_and_filters_come_from_the_url(reviewer_client, bob):
    ClaimFactory(text="Cycling trips rose by 38 percent", assignee=bob, status=Claim.Status.IN_REVIEW)
    ClaimFactory(text="Cyclists rode more", status=Claim.Status.NEW)
    ClaimFactory(text="Bus fares fell", assignee=bob, status=Claim.Status.IN_REVIEW)
    response = reviewer_client.get("/claims/", {"q": "cycling", "status": "in_review", "assignee": bob.pk})
    texts = [claim.text for claim in response.context["page"].object_list]
    assert texts == ["Cycling trips rose by 38 percent"]
    # English stemming: "trip" finds "trips".
    response = reviewer_client.get("/claims/", {"q": "trip"})
    assert [claim.text for claim in response.context["page"].object_list] == ["Cycling trips rose by 38 percent"]


def test_htmx_gets_the_table_and_history_restore_the_page(reviewer_client):
    ClaimFactory()
    partial = reviewer_client.get("/claims/?q=bike", headers={"HX-Request": "true"})
    assert partial.content.decode().lstrip().startswith('<section id="claim-table"')
    full = reviewer_client.get("/claims/?q=bike", headers={"HX-Request": "true", "HX-History-Restore-Request": "true"})
    assert b"<html" in full.content
    assert 'value="bike"' in full.content.decode()


def test_it_paginates_and_keeps_the_filters_in_the_links(reviewer_client):
    ClaimFactory.create_batch(55, status=Claim.Status.NEW)
    html = reviewer_client.get("/claims/", {"status": "new"}).content.decode()
    assert "Page 1 of 2" in html
    assert 'href="?status=new&amp;page=2"' in html


def test_filter_by_verdict(reviewer_client, alice):
    claim = ClaimFactory(text="Rated false")
    ClaimFactory(text="No verdict")
    verdict = VerdictFactory(claim=claim, author=alice)
    response = reviewer_client.get("/claims/", {"verdict": verdict.rating_id})
    assert [c.text for c in response.context["page"].object_list] == ["Rated false"]


def test_my_claims_shows_open_claims_assigned_to_me(reviewer_client, bob):
    ClaimFactory(text="Mine", assignee=bob, status=Claim.Status.IN_REVIEW)
    ClaimFactory(text="Mine but published", assignee=bob, status=Claim.Status.PUBLISHED)
    ClaimFactory(text="Not mine")
    response = reviewer_client.get("/claims/mine/")
    assert [c.text for c in response.context["page"].object_list] == ["Mine"]


def test_my_claims_empty_state_says_what_happens_next(reviewer_client):
    assert (
        "When an editor assigns you a claim it appears here." in reviewer_client.get("/claims/mine/").content.decode()
    )


def test_needs_approval_is_for_editors(editor_client, reviewer_client):
    ClaimFactory(text="Proposed", status=Claim.Status.VERDICT_PROPOSED)
    ClaimFactory(text="In review", status=Claim.Status.IN_REVIEW)
    response = editor_client.get("/claims/needs-approval/")
    assert [c.text for c in response.context["page"].object_list] == ["Proposed"]
    assert reviewer_client.get("/claims/needs-approval/").status_code == 403
    assert "Needs approval" not in reviewer_client.get("/claims/").content.decode()


def test_no_match_says_what_to_do(reviewer_client):
    ClaimFactory()
    assert "No claims match" in reviewer_client.get("/claims/", {"q": "zeppelin"}).content.decode()


def test_it_escapes_claim_text(reviewer_client):
    ClaimFactory(text="<script>alert(1)</script>", article=ArticleFactory(title="<b>x</b>"))
    html = reviewer_client.get("/claims/").content.decode()
    assert "<script>alert(1)" not in html and "<b>x</b>" not in html


def test_its_query_count_does_not_grow_with_claims(reviewer_client, bob, alice, django_assert_max_num_queries):
    ClaimFactory.create_batch(3, assignee=bob)
    with django_assert_max_num_queries(20) as small:
        reviewer_client.get("/claims/")
    for claim in ClaimFactory.create_batch(47, assignee=bob, article=ArticleFactory()):
        VerdictFactory(claim=claim, author=alice)
    with django_assert_max_num_queries(len(small.captured_queries)):
        response = reviewer_client.get("/claims/")
    assert len(response.context["page"].object_list) == 50


def test_a_search_counts_its_matches_without_ranking_them_again(reviewer_client):
    ClaimFactory(text="The council said the cycle lanes cost £2 million", status=Claim.Status.IN_REVIEW)
    ClaimFactory(text="Buses are late", status=Claim.Status.IN_REVIEW)
    with CaptureQueriesContext(connection) as queries:
        response = reviewer_client.get("/claims/?q=council+lanes&status=in_review&status=new")
    assert "1 claim" in response.content.decode()
    claim_queries = [query["sql"] for query in queries.captured_queries if 'FROM "claims_claim"' in query["sql"]]
    count, page = claim_queries
    # Joined to the article only to leave out deleted articles' claims.
    assert count.startswith(
        'SELECT COUNT(*) AS "__count" FROM "claims_claim" INNER JOIN "claims_article" ON ("claims_claim"."article_id" = "claims_article"."id") WHERE'
    )
    assert "ts_rank" not in count
    assert "claims_verdict" not in count
    assert page.count("ts_rank") == 1
    assert page.count('FROM "claims_verdict"') == 1
    assert "DISTINCT" not in page
    assert '"claims_article"."body"' not in page
