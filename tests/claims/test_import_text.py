from __future__ import annotations

from urllib.parse import urlencode

import pytest
from django.test import Client
from django.urls import reverse

from claims.intake import importing
from claims.models import Article, Claim
from tests.claims.importpages import DEEPSEEK, DEEPSEEK_FURNITURE, DEEPSEEK_TITLE

pytestmark = pytest.mark.django_db

URL = reverse("claims:import-text")
TEXT = "The council approved a £12 million plan on Tuesday. Cycling rose by 38% since 2020, the report says."


def test_the_sample_article_imports_with_its_title_and_without_furniture(
    editor_client, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks() as callbacks:
        response = editor_client.post(URL, {"text": DEEPSEEK.read_text()})
    article = Article.objects.get()
    assert response.status_code == 302
    assert response["Location"] == article.get_absolute_url()
    assert article.status == Article.Status.QUEUED
    assert len(callbacks) == 1

    importing.run_import(article_id=article.pk)

    article.refresh_from_db()
    assert article.status == Article.Status.READY
    assert article.title == DEEPSEEK_TITLE
    for line in DEEPSEEK_FURNITURE:
        assert line not in article.body
    assert "An upstart Chinese AI lab" in article.body
    claims = list(article.claims.all())
    assert claims and all(c.status == Claim.Status.NEW and c.origin == Claim.Origin.DETECTED for c in claims)
    assert all(article.body[c.start : c.end] == c.quote for c in claims)
    page = editor_client.get(article.get_absolute_url())
    assert DEEPSEEK_TITLE in page.content.decode()


def test_it_keeps_the_metadata_the_editor_typed(editor_client):
    editor_client.post(
        URL, {"text": TEXT, "title": "Bike plan", "publisher": "Evening News", "published_on": "2025-03-04"}
    )
    article = Article.objects.get()
    importing.run_import(article_id=article.pk)
    article.refresh_from_db()
    assert (article.title, article.publisher, str(article.published_on)) == ("Bike plan", "Evening News", "2025-03-04")
    assert all(str(c.claimed_on) == "2025-03-04" for c in article.claims.all())


def test_the_same_text_twice_leads_to_the_existing_article(editor_client):
    first = editor_client.post(URL, {"text": TEXT})
    second = editor_client.post(URL, {"text": "  " + TEXT.replace(" ", "  ") + "\n"}, follow=True)
    assert Article.objects.count() == 1
    assert second.redirect_chain[-1][0] == first["Location"]
    assert "This article was already imported" in second.content.decode()


def test_too_long_text_is_refused_and_the_form_keeps_it(editor_client, settings):
    settings.MAX_PASTE_CHARS = 50
    response = editor_client.post(URL, {"text": TEXT, "title": "My title"})
    assert response.status_code == 200
    assert f"Too long: {len(TEXT)} characters, the limit is 50" in response.content.decode()
    assert "My title" in response.content.decode()
    assert "£12 million plan on Tuesday" in response.content.decode()
    assert not Article.objects.exists()


def test_text_shorter_than_the_minimum_is_refused_in_the_form(editor_client):
    response = editor_client.post(URL, {"text": "Subscribe now"})
    assert "Too short to import: an article needs at least 5 words" in response.content.decode()
    assert not Article.objects.exists()


def test_five_pasted_words_are_imported_as_they_are(editor_client):
    editor_client.post(URL, {"text": "The mayor lied about taxes"})
    article = Article.objects.get()
    importing.run_import(article_id=article.pk)
    article.refresh_from_db()
    assert article.status == Article.Status.READY
    assert article.body == "The mayor lied about taxes"
    assert not article.error


def test_a_paste_of_page_furniture_fails_in_words_that_fit_a_paste(alice):
    text = "Share this article\n\nAdvertisement\n\nSign up for our daily newsletter\n\nSkip to main content"
    result = importing.import_text(text=text, user=alice, enqueue=False)
    importing.run_import(article_id=result.article.pk)
    result.article.refresh_from_db()
    assert result.article.status == Article.Status.FAILED
    assert result.article.error.startswith("No article text was found")
    assert "paste it instead" not in result.article.error


def test_it_cuts_long_text_with_a_visible_notice(editor_client, settings):
    settings.MAX_ARTICLE_CHARS = 2000
    editor_client.post(URL, {"text": DEEPSEEK.read_text()})
    article = Article.objects.get()
    importing.run_import(article_id=article.pk)
    article.refresh_from_db()
    assert len(article.body) <= 2000
    assert article.notices and "the limit is 2,000" in article.notices[0]
    page = editor_client.get(article.get_absolute_url()).content.decode()
    assert "the limit is 2,000" in page


def test_access(client, outsider_client, reviewer_client, editor_client):
    assert client.post(URL, {"text": TEXT})["Location"].startswith("/accounts/login/")
    assert outsider_client.post(URL, {"text": TEXT}).status_code == 404
    assert reviewer_client.post(URL, {"text": TEXT}).status_code == 403
    assert editor_client.get(URL).status_code == 405
    assert not Article.objects.exists()


@pytest.mark.parametrize("encoding", ["urlencoded", "multipart"])
def test_a_paste_over_the_request_limit_shows_the_form_with_the_limit(alice, settings, encoding):
    client = Client(enforce_csrf_checks=True)
    client.force_login(alice)
    client.get(reverse("claims:import-article"))
    token = client.cookies[settings.CSRF_COOKIE_NAME].value
    data = {"text": "word " * (7 * 1024 * 1024 // 5), "csrfmiddlewaretoken": token}
    if encoding == "urlencoded":
        # What a browser sends for the paste form.
        response = client.post(URL, urlencode(data), content_type="application/x-www-form-urlencoded")
    else:
        response = client.post(URL, data)
    assert response.status_code == 200
    assert "Too long: 7 MB sent, the limit is 200,000 characters" in response.content.decode()
    assert 'id="import-text"' in response.content.decode()
    assert not Article.objects.exists()


def test_a_paste_still_needs_its_csrf_token(alice):
    client = Client(enforce_csrf_checks=True)
    client.force_login(alice)
    response = client.post(URL, {"text": TEXT})
    assert response.status_code == 403
    assert not Article.objects.exists()
