from __future__ import annotations

import json
import re

import pytest
from django.test import Client

from claims.review import verification
from tests.claims.exports.data import HOSTILE
from tests.factories import ArticleFactory, ClaimFactory

pytestmark = pytest.mark.django_db


def _jsonld(html: str) -> dict:
    match = re.search(r'<script type="application/ld\+json" nonce="([^"]+)">(.*?)</script>', html, re.S)
    assert match, "no JSON-LD script"
    return json.loads(match.group(2))


def test_the_article_report_shows_published_verdicts_without_login(report):
    article = report["article"]
    response = Client().get(f"/reports/{article.public_token}/")
    assert response.status_code == 200
    html = response.content.decode()
    assert "&lt;/script&gt;&lt;script&gt;alert(1)&lt;/script&gt;" in html
    assert "2 claims checked: 1 false, 1 unverifiable" in html and "awaiting" not in html
    assert "Bus fares fell" not in html and "Trams run" not in html and "Dismissed claim" not in html
    assert f"/reports/{article.public_token}/claims/{report['hostile'].public_token}/" in html


def test_the_claim_page_embeds_its_claimreview_safely(report):
    url = f"/reports/{report['article'].public_token}/claims/{report['hostile'].public_token}/"
    response = Client().get(url)
    html = response.content.decode()
    # The only </script> is the one closing the JSON-LD: the hostile text cannot close it early.
    assert html.count("</script>") == 1 and html.count("<script") == 1
    review = _jsonld(html)
    assert review["claimReviewed"] == HOSTILE
    assert review["url"] == "http://127.0.0.1:8000" + url
    assert review["reviewRating"]["alternateName"] == "False"
    nonce = re.search(r'nonce="([^"]+)"', html).group(1)
    assert f"'nonce-{nonce}'" in response["Content-Security-Policy"]


def test_unpublished_claims_and_unknown_tokens_are_not_found(report):
    article = report["article"]
    for url in (
        f"/reports/{article.public_token}/claims/{report['proposed'].public_token}/",
        f"/reports/{article.public_token}/claims/{report['bare'].public_token}/",
        "/reports/not-a-token/",
        f"/reports/not-a-token/claims/{report['hostile'].public_token}/",
        f"/reports/{ArticleFactory().public_token}/claims/{report['hostile'].public_token}/",
    ):
        response = Client().get(url)
        assert response.status_code == 404, url
        assert b"This fact check is not available" in response.content


def test_an_article_with_nothing_published_is_a_friendly_404(alice):
    article = ArticleFactory()
    ClaimFactory(article=article)
    response = Client().get(f"/reports/{article.public_token}/")
    assert response.status_code == 404
    assert b"has not been published or was withdrawn" in response.content


def test_unpublishing_takes_the_pages_down(report, alice):
    article = report["article"]
    verification.unpublish_claims(claims=[report["hostile"], report["formula"]], user=alice)
    assert Client().get(f"/reports/{article.public_token}/").status_code == 404
    url = f"/reports/{article.public_token}/claims/{report['hostile'].public_token}/"
    assert Client().get(url).status_code == 404


def test_the_rating_scale_page_explains_every_active_rating(db):
    response = Client().get("/reports/ratings/")
    html = response.content.decode()
    assert response.status_code == 200
    for label in ("False", "Misleading", "Mixed", "Mostly accurate", "Accurate", "Unverifiable"):
        assert f'<strong class="rating">{label}</strong>' in html
    assert "1 of 5" in html and "off the scale" in html


def test_the_public_pages_take_a_constant_number_of_queries(report, django_assert_max_num_queries):
    # The 9th numbers the article's claims as the workbench does.
    with django_assert_max_num_queries(9):
        Client().get(f"/reports/{report['article'].public_token}/")


def test_the_article_report_links_only_web_addresses(report):
    article = report["article"]
    article.canonical_url = "javascript:alert(1)"
    article.save(update_fields=["canonical_url"])
    html = Client().get(f"/reports/{article.public_token}/").content.decode()
    assert 'href="javascript:' not in html
    assert '<dd class="url">javascript:alert(1)</dd>' in html

    article.canonical_url = "https://news.example/cycle-lanes?a=1"
    article.save(update_fields=["canonical_url"])
    html = Client().get(f"/reports/{article.public_token}/").content.decode()
    assert '<a href="https://news.example/cycle-lanes?a=1" rel="noopener noreferrer nofollow">' in html


def test_the_article_report_embeds_a_complete_claimreview_per_published_claim(report):
    from claims.exports.claimreview import validate

    article = report["article"]
    html = Client().get(f"/reports/{article.public_token}/").content.decode()
    reviews = _jsonld(html)
    assert [review["claimReviewed"] for review in reviews] == [HOSTILE, "=1+2 cycling rose by 38%"]
    first = reviews[0]["itemReviewed"]
    assert first["author"] == {"@type": "Person", "name": "Jane Doe"}
    assert first["datePublished"] == "2026-03-01"
    assert first["firstAppearance"]["@type"] == "CreativeWork"
    assert first["firstAppearance"]["url"] == "https://news.example/cycle-lanes"
    assert reviews[1]["itemReviewed"]["author"]["@type"] == "Organization"
    assert [validate(review) for review in reviews] == [[], []]
