from __future__ import annotations

import pytest

from claims.models import Claim
from tests.factories import ArticleFactory, ClaimFactory

pytestmark = pytest.mark.django_db

HX = {"HX-Request": "true", "HX-Target": "claim-panel"}
BODY = "The council approved a £12 million plan on Tuesday. Cycling rose by 38% since 2020."


def test_keeping_moves_the_claim_into_review_and_redirects_a_plain_post(editor_client):
    claim = ClaimFactory()
    response = editor_client.post(f"/claims/{claim.pk}/keep/", {"version": claim.version})
    assert response.status_code == 302
    assert response["Location"] == claim.get_absolute_url()
    claim.refresh_from_db()
    assert claim.status == Claim.Status.IN_REVIEW


def test_htmx_gets_the_fresh_panel_with_a_message_and_an_event(editor_client):
    claim = ClaimFactory()
    response = editor_client.post(f"/claims/{claim.pk}/keep/", {"version": claim.version}, headers=HX)
    html = response.content.decode()
    assert response.status_code == 200
    assert '<section id="claim-panel"' in html
    assert "In review" in html
    assert "Claim kept for checking." in html
    assert response["HX-Trigger"] == '{"claim-updated": {}}'


def test_dismissing_needs_a_reason(editor_client):
    claim = ClaimFactory()
    response = editor_client.post(f"/claims/{claim.pk}/dismiss/", {"reason": "", "version": 1}, headers=HX)
    assert "This field is required" in response.content.decode()
    response = editor_client.post(f"/claims/{claim.pk}/dismiss/", {"reason": "Opinion", "version": 1}, headers=HX)
    claim.refresh_from_db()
    assert (claim.status, claim.dismissal_reason) == (Claim.Status.DISMISSED, "Opinion")
    assert "Restore to triage" in response.content.decode()


def test_restoring_brings_a_dismissed_claim_back(editor_client):
    claim = ClaimFactory(status=Claim.Status.DISMISSED, dismissal_reason="Opinion")
    editor_client.post(f"/claims/{claim.pk}/restore/")
    claim.refresh_from_db()
    assert claim.status == Claim.Status.NEW


def test_editing_saves_the_wording_and_recheck_date(editor_client):
    claim = ClaimFactory(text="Cycling rose")
    data = {"text": "Cycling rose by 38%", "claim_type": "quantity", "claimant": "Council", "recheck_by": "2027-01-31"}
    editor_client.post(f"/claims/{claim.pk}/edit/", {**data, "version": claim.version})
    claim.refresh_from_db()
    assert (claim.text, claim.claim_type, claim.claimant, str(claim.recheck_by)) == (
        "Cycling rose by 38%",
        "quantity",
        "Council",
        "2027-01-31",
    )


def test_a_second_edit_on_an_old_version_shows_the_conflict_and_keeps_the_typed_text(editor_client, client, dave):
    claim = ClaimFactory(text="Cycling rose")
    client.force_login(dave)
    base = {"claim_type": "quantity", "claimant": "", "recheck_by": "", "version": claim.version}
    client.post(f"/claims/{claim.pk}/edit/", {**base, "text": "Dave's wording"}, headers=HX)

    response = editor_client.post(f"/claims/{claim.pk}/edit/", {**base, "text": "Alice's wording"}, headers=HX)

    html = response.content.decode()
    assert "Someone else saved this claim while you were editing it" in html
    assert "Dave&#x27;s wording" in html
    assert "Alice&#x27;s wording" in html
    assert 'name="version" value="2"' in html
    claim.refresh_from_db()
    assert claim.text == "Dave's wording"
    # Saving again with the new version is deliberate, and wins.
    editor_client.post(f"/claims/{claim.pk}/edit/", {**base, "text": "Alice's wording", "version": 2})
    claim.refresh_from_db()
    assert claim.text == "Alice's wording"


def test_splitting_makes_two_claims_and_opens_the_first(editor_client):
    claim = ClaimFactory(text="Cycling rose and buses are late")
    response = editor_client.post(
        f"/claims/{claim.pk}/split/", {"first": "Cycling rose", "second": "Buses are late", "version": 1}
    )
    parts = Claim.objects.filter(origin=Claim.Origin.SPLIT).order_by("pk")
    assert [part.text for part in parts] == ["Cycling rose", "Buses are late"]
    assert response["Location"] == parts[0].get_absolute_url()


def test_merging_dismisses_the_duplicate(editor_client):
    article = ArticleFactory()
    keep, other = ClaimFactory(article=article), ClaimFactory(article=article)
    editor_client.post(f"/claims/{keep.pk}/merge/", {"other": other.pk})
    other.refresh_from_db()
    assert other.duplicate_of == keep


def test_merging_refuses_a_claim_of_another_article(editor_client):
    keep, stranger = ClaimFactory(), ClaimFactory()
    response = editor_client.post(f"/claims/{keep.pk}/merge/", {"other": stranger.pk}, headers=HX)
    assert "Choose another claim of this article to merge." in response.content.decode()
    stranger.refresh_from_db()
    assert stranger.duplicate_of is None


def test_assigning_a_reviewer(editor_client, bob):
    claim = ClaimFactory()
    response = editor_client.post(f"/claims/{claim.pk}/assign/", {"assignee": bob.pk}, headers=HX)
    claim.refresh_from_db()
    assert claim.assignee == bob
    assert "Assigned to Bob." in response.content.decode()


def test_adding_a_claim_from_a_selection(editor_client):
    article = ArticleFactory(body=BODY)
    start = BODY.index("Cycling")
    response = editor_client.post(f"/articles/{article.pk}/claims/add/", {"start": start - 1, "end": len(BODY)})
    claim = Claim.objects.get(article=article)
    assert (claim.start, claim.end, claim.text) == (start, len(BODY), "Cycling rose by 38% since 2020.")
    assert response["Location"] == claim.get_absolute_url()


def test_adding_a_claim_outside_the_text_says_why(editor_client):
    article = ArticleFactory(body=BODY)
    response = editor_client.post(f"/articles/{article.pk}/claims/add/", {"start": 5, "end": 5000}, follow=True)
    assert "Select a passage of the article text." in response.content.decode()
    assert not Claim.objects.exists()


def test_bulk_actions_on_selected_claims(editor_client, bob):
    article = ArticleFactory()
    first, second, third = ClaimFactory.create_batch(3, article=article)
    url = f"/articles/{article.pk}/claims/bulk/"
    editor_client.post(url, {"action": "assign", "claims": [first.pk, second.pk], "assignee": bob.pk})
    editor_client.post(url, {"action": "type", "claims": [first.pk], "claim_type": "prediction"})
    response = editor_client.post(
        url, {"action": "dismiss", "claims": [third.pk], "reason": "Not checkable"}, headers={"HX-Request": "true"}
    )
    assert response["HX-Trigger"] == '{"claims-changed": {}}'
    assert "Dismissed 1 claim." in response.content.decode()
    first.refresh_from_db(), second.refresh_from_db(), third.refresh_from_db()
    assert (first.assignee, second.assignee, first.claim_type) == (bob, bob, "prediction")
    assert third.status == Claim.Status.DISMISSED


def test_bulk_dismiss_needs_a_reason_and_a_selection(editor_client):
    article = ArticleFactory()
    claim = ClaimFactory(article=article)
    response = editor_client.post(
        f"/articles/{article.pk}/claims/bulk/", {"action": "dismiss", "claims": [claim.pk]}, follow=True
    )
    assert "Give a reason for dismissing." in response.content.decode()
    response = editor_client.post(f"/articles/{article.pk}/claims/bulk/", {"action": "dismiss"}, follow=True)
    assert "Select claims first." in response.content.decode()
    claim.refresh_from_db()
    assert claim.status == Claim.Status.NEW


def test_bulk_ignores_claims_of_other_articles(editor_client):
    article, stranger = ArticleFactory(), ClaimFactory()
    editor_client.post(
        f"/articles/{article.pk}/claims/bulk/", {"action": "dismiss", "claims": [stranger.pk], "reason": "x"}
    )
    stranger.refresh_from_db()
    assert stranger.status == Claim.Status.NEW


def test_a_refused_action_gives_htmx_the_panel_with_the_reason(editor_client):
    claim = ClaimFactory(status=Claim.Status.IN_REVIEW)
    response = editor_client.post(f"/claims/{claim.pk}/keep/", {"version": claim.version}, headers=HX)
    html = response.content.decode()
    assert response.status_code == 200
    assert '<section id="claim-panel"' in html
    assert "Only new claims can be kept." in html
    assert response["HX-Trigger"] == '{"claim-updated": {}}'


def test_a_refused_plain_post_is_redirected_to_the_claim_with_the_reason(editor_client):
    claim = ClaimFactory(status=Claim.Status.IN_REVIEW)
    response = editor_client.post(f"/claims/{claim.pk}/restore/")
    assert response.status_code == 302
    assert response["Location"] == claim.get_absolute_url()
    assert "Only dismissed claims can be restored." in editor_client.get(response["Location"]).content.decode()
    claim.refresh_from_db()
    assert claim.status == Claim.Status.IN_REVIEW
