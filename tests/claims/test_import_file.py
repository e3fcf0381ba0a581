from __future__ import annotations

import io
import zipfile

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import reverse

from claims.intake import importing
from claims.models import Article
from tests.claims.importpages import article_html

pytestmark = pytest.mark.django_db

URL = reverse("claims:import-file")
TEXT = b"Council backs the bike plan\n\nThe council approved a \xc2\xa312 million plan on Tuesday. Cycling rose by 38% since 2020.\n"


def upload(name: str, data: bytes, content_type: str = "application/octet-stream") -> SimpleUploadedFile:
    return SimpleUploadedFile(name, data, content_type=content_type)


def test_a_text_file_imports(editor_client):
    response = editor_client.post(URL, {"file": upload("plan.txt", TEXT, "text/plain")})
    article = Article.objects.get()
    assert response["Location"] == article.get_absolute_url()
    assert article.dedupe_key.startswith("file:")
    importing.run_import(article_id=article.pk)
    article.refresh_from_db()
    assert article.status == Article.Status.READY
    assert article.title == "Council backs the bike plan"
    assert "£12 million" in article.body
    assert article.claims.exists()


def test_an_html_file_is_extracted_without_page_furniture(editor_client):
    editor_client.post(URL, {"file": upload("story.html", article_html().encode(), "text/html")})
    article = Article.objects.get()
    importing.run_import(article_id=article.pk)
    article.refresh_from_db()
    assert article.title == "Cycle lanes cut injuries"
    assert article.publisher == "Evening News"
    assert "cookies" not in article.body and "Copyright" not in article.body


def test_the_same_file_twice_leads_to_the_existing_article(editor_client):
    editor_client.post(URL, {"file": upload("plan.txt", TEXT)})
    response = editor_client.post(URL, {"file": upload("copy.txt", TEXT)}, follow=True)
    assert Article.objects.count() == 1
    assert "This article was already imported" in response.content.decode()


def test_an_oversized_file_is_refused_naming_size_and_limit(editor_client, settings):
    settings.MAX_UPLOAD_BYTES = 5 * 1024 * 1024
    response = editor_client.post(URL, {"file": upload("big.txt", b"word " * (12 * 1024 * 1024 // 5 + 1))})
    assert response.status_code == 200
    assert "Too large: 12 MB, the limit is 5 MB" in response.content.decode()
    assert not Article.objects.exists()


def test_an_unsupported_file_is_refused(editor_client):
    response = editor_client.post(URL, {"file": upload("sheet.xlsx", b"PK\x03\x04")})
    assert "This kind of file (.xlsx) cannot be imported" in response.content.decode()
    assert not Article.objects.exists()


def test_a_missing_file_is_refused(editor_client):
    response = editor_client.post(URL, {})
    assert "This field is required." in response.content.decode()


def test_a_broken_pdf_fails_in_words(alice):
    result = importing.import_upload(data=b"%PDF-1.4 not really", filename="scan.pdf", user=alice, enqueue=False)
    importing.run_import(article_id=result.article.pk)
    result.article.refresh_from_db()
    assert result.article.status == Article.Status.FAILED
    assert result.article.error


def test_access(client, outsider_client, reviewer_client, editor_client):
    assert client.post(URL, {"file": upload("a.txt", TEXT)})["Location"].startswith("/accounts/login/")
    assert outsider_client.post(URL, {"file": upload("a.txt", TEXT)}).status_code == 404
    assert reviewer_client.post(URL, {"file": upload("a.txt", TEXT)}).status_code == 403
    assert editor_client.get(URL).status_code == 405


def test_an_oversized_file_is_refused_while_it_arrives_and_never_spooled(editor_client, settings, monkeypatch):
    from django.core.files.uploadhandler import TemporaryFileUploadHandler

    spooled = []
    original = TemporaryFileUploadHandler.receive_data_chunk

    def spy(self, raw_data, start):
        spooled.append(len(raw_data))
        return original(self, raw_data, start)

    monkeypatch.setattr(TemporaryFileUploadHandler, "receive_data_chunk", spy)
    settings.MAX_UPLOAD_BYTES = 1024 * 1024
    response = editor_client.post(URL, {"file": upload("huge.txt", b"x" * (8 * 1024 * 1024)), "note": "kept"})
    assert response.status_code == 200
    body = response.content.decode()
    assert "Too large: 8 MB, the limit is 1 MB" in body
    assert "This field is required" not in body
    assert sum(spooled) == 0
    assert not Article.objects.exists()


def test_too_many_files_in_one_request_shows_the_form_with_the_limit(alice, settings):
    client = Client(enforce_csrf_checks=True)
    client.force_login(alice)
    client.get(reverse("claims:import-article"))
    token = client.cookies[settings.CSRF_COOKIE_NAME].value
    files = [upload(f"part{i}.txt", TEXT, "text/plain") for i in range(101)]
    response = client.post(URL, {"file": files, "csrfmiddlewaretoken": token})
    assert response.status_code == 200
    assert "Too many files: upload one file at a time (this request sent over 100)" in response.content.decode()
    assert not Article.objects.exists()


def _stored_zip() -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_STORED) as archive:
        archive.writestr("article.txt", TEXT.decode() * 20)
    return buffer.getvalue()


@pytest.mark.parametrize("name", ["article.html", "article.txt", "article.docx"])
def test_a_zip_archive_is_refused_whatever_its_name(editor_client, name):
    response = editor_client.post(URL, {"file": upload(name, _stored_zip(), "text/html")})
    assert response.status_code == 200
    assert (
        "This file is a ZIP archive: only text, HTML, PDF and .docx files can be imported" in response.content.decode()
    )
    assert not Article.objects.exists()


def test_a_pdf_named_as_text_is_refused_with_its_real_kind(editor_client):
    response = editor_client.post(URL, {"file": upload("article.txt", b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n1 0 obj")})
    assert "This file is a PDF document, not a .txt file: rename it and upload it again" in response.content.decode()
    assert not Article.objects.exists()


def test_the_command_line_import_refuses_binary_content_too(alice):
    with pytest.raises(importing.ImportRejected, match="This file is a ZIP archive"):
        importing.import_upload(data=_stored_zip(), filename="article.txt", user=alice, enqueue=False)


@pytest.mark.parametrize(
    "link", ["javascript:alert(1)", "data:text/html,<script>alert(1)</script>", "ftp://files.example/a"]
)
def test_a_canonical_link_that_is_not_a_web_address_is_not_stored(alice, link):
    html = article_html().replace("<head>", f'<head><link rel="canonical" href="{link}">')
    result = importing.import_upload(data=html.encode(), filename="story.html", user=alice, enqueue=False)
    importing.run_import(article_id=result.article.pk)
    result.article.refresh_from_db()
    assert result.article.status == Article.Status.READY
    assert result.article.canonical_url == ""


def test_a_web_canonical_link_is_stored(alice):
    html = article_html().replace("<head>", '<head><link rel="canonical" href="https://news.example/cycle-lanes">')
    result = importing.import_upload(data=html.encode(), filename="story.html", user=alice, enqueue=False)
    importing.run_import(article_id=result.article.pk)
    result.article.refresh_from_db()
    assert result.article.canonical_url == "https://news.example/cycle-lanes"
