"""Admin actions that call modules other branches provide; enable by merging those branches.

Every test here needs the import pipeline, claim splitting, the exports package and detector training:
the whole module is skipped until ``claims.importing`` (and the others) exist.
"""

from __future__ import annotations

import pytest

pytest.importorskip("claims.importing")
pytest.importorskip("claims.splitting")
pytest.importorskip("claims.exports.claimreview")
pytest.importorskip("claims.training")

from django.contrib.messages import get_messages  # noqa: E402

from claims.models import Article, Claim  # noqa: E402
from tests.factories import ArticleFactory, ClaimFactory  # noqa: E402

pytestmark = pytest.mark.django_db

BODY = (
    "The council approved a £12 million plan for cycle lanes on Tuesday. "
    "Cycling in the city rose by 38% between 2020 and 2025, according to the transport department. "
    "The mayor said the new lanes would be finished by March."
)


def _messages(response) -> list[str]:
    return [str(m) for m in get_messages(response.wsgi_request)]


def test_it_reruns_extraction_for_the_selected_articles(staff_client):
    article = ArticleFactory(body=BODY)

    response = staff_client.post(
        "/admin/claims/article/", {"action": "rerun_extraction", "_selected_action": [article.pk]}
    )

    assert _messages(response) == ["Extraction will run again for 1 article(s)."]
    assert Article.objects.filter(pk=article.pk).exists()


def test_it_reruns_claim_detection_for_the_selected_articles(staff_client):
    article = ArticleFactory(body=BODY)

    response = staff_client.post(
        "/admin/claims/article/", {"action": "rerun_detection", "_selected_action": [article.pk]}
    )

    assert _messages(response) == ["Claim detection ran again for 1 article(s)."]
    assert Claim.objects.filter(article=article).exists()


def test_it_shows_claimreview_findings_on_the_claim_page(staff_client):
    claim = ClaimFactory(text="Cycling rose by 38%.")

    page = staff_client.get(f"/admin/claims/claim/{claim.pk}/change/").content.decode()

    assert "The ClaimReview validator is not installed" not in page
    assert "No findings" in page or "<li>" in page


def test_it_retrains_the_detector_from_editors_decisions(staff_client):
    response = staff_client.post("/admin/claims/detectormodel/retrain/")

    assert response.status_code == 302
    assert _messages(response)[0].startswith("Retrained the claim detector: ")
