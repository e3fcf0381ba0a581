"""Admin actions that run the import pipeline, claim detection, the ClaimReview validator and training."""

from __future__ import annotations

import pytest
from django.contrib.messages import get_messages
from django.utils import timezone

from claims.models import Article, Claim, DetectorDecision, DetectorModel
from tests.factories import ArticleFactory, ClaimFactory, VerdictFactory

pytestmark = pytest.mark.django_db

BODY = (
    "The council approved a £12 million plan for cycle lanes on Tuesday. "
    "Cycling in the city rose by 38% between 2020 and 2025, according to the transport department. "
    "The mayor said the new lanes would be finished by March."
)


def _messages(response) -> list[str]:
    return [str(m) for m in get_messages(response.wsgi_request)]


def test_it_reruns_extraction_for_the_selected_articles(staff_client, django_capture_on_commit_callbacks):
    ready = ArticleFactory(body=BODY, status=Article.Status.READY)
    importing = ArticleFactory(body=BODY, status=Article.Status.EXTRACTING)

    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        response = staff_client.post(
            "/admin/claims/article/", {"action": "rerun_extraction", "_selected_action": [ready.pk, importing.pk]}
        )

    assert _messages(response) == ["Extraction will run again for 1 article(s). 1 still importing were left alone."]
    assert len(callbacks) == 1
    ready.refresh_from_db()
    importing.refresh_from_db()
    assert (ready.status, importing.status) == (Article.Status.QUEUED, Article.Status.EXTRACTING)


def test_it_reruns_claim_detection_for_the_selected_articles(staff_client):
    article = ArticleFactory(body=BODY)

    response = staff_client.post(
        "/admin/claims/article/", {"action": "rerun_detection", "_selected_action": [article.pk]}
    )

    assert _messages(response) == ["Claim detection ran again for 1 article(s)."]
    assert Claim.objects.filter(article=article, quote__contains="38%").exists()


def test_it_shows_claimreview_findings_on_the_claim_page(staff_client, alice, dave):
    unpublished = ClaimFactory(text="Cycling rose by 38%.")
    page = staff_client.get(f"/admin/claims/claim/{unpublished.pk}/change/").content.decode()
    assert "there is no published verdict, so there is no ClaimReview" in page

    now = timezone.now()
    published = ClaimFactory(text="Cycling rose by 38%.", claimant="The mayor", status=Claim.Status.PUBLISHED)
    VerdictFactory(claim=published, author=alice, approved_by=dave, approved_at=now, published_at=now)
    page = staff_client.get(f"/admin/claims/claim/{published.pk}/change/").content.decode()
    assert "there is no published verdict" not in page
    assert "ClaimReview validation" in page


def test_retraining_without_enough_decisions_says_why(staff_client):
    response = staff_client.post("/admin/claims/detectormodel/retrain/")

    assert response.status_code == 302
    [message] = _messages(response)
    assert message.startswith("The claim detector was not retrained: Only 0 labelled examples")
    assert not DetectorModel.objects.exists()


def test_it_retrains_the_detector_from_editors_decisions(staff_client, alice):
    worth = ["Cycling rose by {} percent in {}.", "The council spent £{} million on lanes in {}."]
    not_worth = ["What a lovely day {} {}!", "I think the mayor is wonderful {} {}."]
    decisions = []
    for n in range(40):
        template, label = (worth[n % 2], True) if n % 4 < 2 else (not_worth[n % 2], False)
        claim = ClaimFactory(text=template.format(n + 3, 2000 + n))
        claim.quote = claim.text
        claim.save()
        decisions.append(
            DetectorDecision(
                claim=claim,
                action="kept" if label else "dismissed",
                text=claim.text,
                features={},
                label=label,
                user=alice,
            )
        )
    DetectorDecision.objects.bulk_create(decisions)

    response = staff_client.post("/admin/claims/detectormodel/retrain/")

    [message] = _messages(response)
    assert message.startswith("Retrained the claim detector: Examples: 40 editor decisions")
    assert "New weights on the held-out part: precision" in message
    # Activated only when the new weights beat the shipped ones on the held-out part.
    active = DetectorModel.objects.filter(is_active=True).first()
    assert ("Activated detector model" in message) == (active is not None)
