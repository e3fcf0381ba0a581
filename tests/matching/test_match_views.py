"""The claim panel's "Checked before", reuse and "not the same", "Has this been checked?", and who may do what."""

from __future__ import annotations

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from claims.models import Claim, Rating, Source
from matching import claim_matches
from matching.models import Match, MatchDecision
from tests.factories import ClaimFactory

FLU = "Flu shots cause a 4,250% increase in fetal deaths, a viral post says."


@pytest.fixture
def claim(fact_checks, bob):
    claim = ClaimFactory(text=FLU, assignee=bob, status=Claim.Status.IN_REVIEW)
    claim_matches.match_claim(claim)
    return claim


def vaccine_match(claim) -> Match:
    return Match.objects.get(claim=claim, fact_check__external_id="fc-vaccine")


def test_the_panel_section_lists_previous_fact_checks_with_why(reviewer_client, claim):
    response = reviewer_client.get(reverse("matching:claim-matches", args=[claim.pk]), headers={"HX-Request": "true"})
    html = response.content.decode()
    assert 'id="claim-matches"' in html and "<html" not in html
    assert "Flu vaccines cause a 4,250% increase in fetal deaths." in html
    assert "Pants on Fire" in html and "Example Checks" in html
    assert 'href="https://checks.example/flu-shot-fetal"' in html
    assert "number 4250%" in html
    assert "Reuse" in html and "Not the same claim" in html


def test_a_claim_never_matched_is_matched_when_the_section_opens(reviewer_client, fact_checks, bob):
    claim = ClaimFactory(text=FLU, assignee=bob)
    html = reviewer_client.get(reverse("matching:claim-matches", args=[claim.pk])).content.decode()
    assert "Flu vaccines cause" in html


def test_the_panel_query_count_is_unchanged_by_matches(editor_client, fact_checks):
    plain = ClaimFactory(text="Tea prices in Ruritania tripled last winter.")
    matched = ClaimFactory(article=plain.article, text=FLU)
    claim_matches.match_claim(matched)
    assert Match.objects.filter(claim=matched).count() >= 1
    with CaptureQueriesContext(connection) as without_matches:
        editor_client.get(plain.get_absolute_url(), headers={"HX-Request": "true"})
    with CaptureQueriesContext(connection) as with_matches:
        html = editor_client.get(matched.get_absolute_url(), headers={"HX-Request": "true"}).content.decode()
    assert len(with_matches.captured_queries) == len(without_matches.captured_queries)
    assert not any("matching_" in query["sql"] for query in with_matches.captured_queries)
    # The section is loaded by htmx once the panel is in place.
    assert reverse("matching:claim-matches", args=[matched.pk]) in html


def test_reuse_cites_the_fact_check_and_offers_its_rating(reviewer_client, claim, bob, monkeypatch):
    monkeypatch.setattr("documents.tasks.fetch_document.delay", lambda pk: None)
    match = vaccine_match(claim)
    response = reviewer_client.post(
        reverse("matching:match-reuse", args=[match.pk]), {"stance": "refutes"}, headers={"HX-Request": "true"}
    )
    source = Source.objects.get(claim=claim)
    assert source.document.url == "https://checks.example/flu-shot-fetal"
    assert source.stance == Source.Stance.REFUTES
    assert "Flu vaccines cause a 4,250% increase" in source.excerpt and "Pants on Fire" in source.excerpt
    assert source.added_by == bob
    decision = MatchDecision.objects.get(claim=claim)
    assert decision.decision == MatchDecision.Decision.REUSED and decision.features
    html = response.content.decode()
    assert 'id="claim-panel"' in html
    assert 'id="verdict-form" data-shortcut-v open' in html
    assert "Example Checks checked this claim on 29 October 2019" in html
    assert f'<option value="{Rating.objects.get(slug="false").pk}" selected>False</option>' in html


def test_reuse_twice_keeps_one_source(reviewer_client, claim, monkeypatch):
    monkeypatch.setattr("documents.tasks.fetch_document.delay", lambda pk: None)
    url = reverse("matching:match-reuse", args=[vaccine_match(claim).pk])
    reviewer_client.post(url, {"stance": "refutes"})
    response = reviewer_client.post(url, {"stance": "refutes"})
    assert response.status_code == 302
    assert Source.objects.filter(claim=claim).count() == 1


def test_not_the_same_hides_the_match_and_keeps_the_decision(reviewer_client, claim, bob):
    match = vaccine_match(claim)
    response = reviewer_client.post(reverse("matching:match-not-same", args=[match.pk]), headers={"HX-Request": "true"})
    assert "Flu vaccines cause" not in response.content.decode()
    decision = MatchDecision.objects.get(claim=claim)
    assert (decision.decision, decision.user) == (MatchDecision.Decision.NOT_SAME, bob)
    claim_matches.match_claim(claim)
    assert not Match.objects.filter(claim=claim, fact_check_id=decision.fact_check_id).exists()


def test_a_reviewer_not_assigned_may_look_but_not_reuse(reviewer_client, fact_checks, dave):
    other = ClaimFactory(text=FLU, assignee=dave, status=Claim.Status.IN_REVIEW)
    claim_matches.match_claim(other)
    html = reviewer_client.get(reverse("matching:claim-matches", args=[other.pk])).content.decode()
    assert "Flu vaccines cause" in html and "Not the same claim" not in html
    match = vaccine_match(other)
    assert reviewer_client.post(reverse("matching:match-reuse", args=[match.pk])).status_code == 403
    assert reviewer_client.post(reverse("matching:match-not-same", args=[match.pk])).status_code == 403
    assert not MatchDecision.objects.exists()


def test_outsiders_see_nothing(outsider_client, claim, client):
    match = vaccine_match(claim)
    assert outsider_client.get(reverse("matching:claim-matches", args=[claim.pk])).status_code == 404
    assert outsider_client.post(reverse("matching:match-reuse", args=[match.pk])).status_code == 404
    assert outsider_client.get(reverse("matching:check"), {"q": FLU}).status_code == 404
    response = client.get(reverse("matching:check"))
    assert response.status_code == 302 and "/login/" in response["Location"]


def test_the_methods_are_enforced(reviewer_client, claim):
    match = vaccine_match(claim)
    assert reviewer_client.get(reverse("matching:match-reuse", args=[match.pk])).status_code == 405
    assert reviewer_client.post(reverse("matching:claim-matches", args=[claim.pk])).status_code == 405


def test_has_this_been_checked_shows_matches_for_any_statement(reviewer_client, fact_checks):
    html = reviewer_client.get(reverse("matching:check"), {"q": "Is Lisbon cycling really up 38% since 2020?"})
    page = html.content.decode()
    assert "Cycling in Lisbon rose by 38% since 2020" in page
    assert "Verify Desk" in page and "Mostly true" in page


def test_has_this_been_checked_answers_json(reviewer_client, fact_checks):
    response = reviewer_client.get(
        reverse("matching:check"), {"q": "The Elbe bridge cost 480 million euros", "format": "json"}
    )
    data = response.json()
    assert data["matches"][0]["external_id"] == "fc-bridge"
    assert data["matches"][0]["url"] == "https://checks.example/elbe-bridge-cost"
    assert data["matches"][0]["reasons"]
    assert reviewer_client.get(reverse("matching:check"), {"format": "json"}).status_code == 400
