from __future__ import annotations

import pytest
from django.urls import reverse

from claims.models import Article
from documents.models import Document

pytestmark = pytest.mark.django_db

URL = reverse("claims:import-url")


def test_it_saves_a_queued_article_and_enqueues_after_commit(editor_client, alice, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks() as callbacks:
        response = editor_client.post(URL, {"url": "https://News.example/story?utm_source=x#top"})
    article = Article.objects.get()
    assert response["Location"] == article.get_absolute_url()
    assert (article.status, article.url, article.imported_by) == (
        Article.Status.QUEUED,
        "https://news.example/story",
        alice,
    )
    assert article.document.kind == Document.Kind.URL
    assert len(callbacks) == 1


def test_the_same_url_twice_leads_to_the_existing_article(editor_client):
    first = editor_client.post(URL, {"url": "https://news.example/story"})
    second = editor_client.post(URL, {"url": "https://news.example/story#comments"}, follow=True)
    assert Article.objects.count() == 1
    assert second.redirect_chain[-1][0] == first["Location"]
    assert "This article was already imported" in second.content.decode()


def test_an_invalid_address_is_refused_and_kept_in_the_form(editor_client):
    response = editor_client.post(URL, {"url": "not a url"})
    assert response.status_code == 200
    assert "Enter a valid URL." in response.content.decode()
    assert 'value="not a url"' in response.content.decode()
    assert not Article.objects.exists()


def test_other_schemes_are_refused(editor_client):
    response = editor_client.post(URL, {"url": "ftp://news.example/story.txt"})
    assert "Only http:// and https:// addresses can be imported." in response.content.decode()


def test_access(client, outsider_client, reviewer_client, editor_client):
    data = {"url": "https://news.example/story"}
    assert client.post(URL, data)["Location"].startswith("/accounts/login/")
    assert outsider_client.post(URL, data).status_code == 404
    assert reviewer_client.post(URL, data).status_code == 403
    assert editor_client.get(URL).status_code == 405
    assert not Article.objects.exists()


@pytest.mark.parametrize(
    "url",
    [
        "http://[::1]:16379/",
        "http://[::ffff:127.0.0.1]/",
        "http://[::]/",
        "https://[fd00::1]:8443/x",
        "http://10.0.0.1/",
    ],
)
def test_a_private_address_is_refused_in_the_form(editor_client, url):
    response = editor_client.post(URL, {"url": url})
    assert response.status_code == 200
    assert "This address is not allowed: it points to a private network" in response.content.decode()
    assert not Article.objects.exists()


def test_a_public_ipv6_address_is_imported_with_its_brackets(editor_client):
    response = editor_client.post(URL, {"url": "http://[2606:4700:4700::1111]:8080/story?utm_medium=x"})
    article = Article.objects.get()
    assert response["Location"] == article.get_absolute_url()
    assert article.url == "http://[2606:4700:4700::1111]:8080/story"
    assert article.document.url == article.url
