from __future__ import annotations

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from api.models import IdempotencyKey
from claims.models import Article
from tests.api.conftest import assert_problem
from tests.factories import ArticleFactory, ClaimFactory

pytestmark = pytest.mark.django_db

TEXT = "The council approved a £12 million plan on Tuesday. Cycling rose by 38% since 2020, the mayor said."


def test_it_imports_text_once_and_finds_it_the_second_time(editor_api, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks() as callbacks:
        first = editor_api.post("/articles/text", {"text": TEXT, "title": "Council plan"})
    assert first.status_code == 201
    assert len(callbacks) == 1  # the import is enqueued after commit
    article = first.json()["article"]
    assert (article["title"], article["status"]) == ("Council plan", "queued")
    assert first["Location"] == f"/api/v1/articles/{article['id']}"
    second = editor_api.post("/articles/text", {"text": TEXT})
    assert (second.status_code, second.json()["created"], second.json()["article"]["id"]) == (200, False, article["id"])


def test_a_retried_request_with_the_same_idempotency_key_replays_the_first_answer(editor_api):
    headers = {"Idempotency-Key": "cms-4711"}
    first = editor_api.post("/articles/url", {"url": "https://news.example/plan"}, headers=headers)
    again = editor_api.post("/articles/url", {"url": "https://news.example/plan"}, headers=headers)
    assert first.status_code == 201
    assert again.status_code == 200
    assert again["Idempotent-Replayed"] == "true"
    assert again.json()["article"]["id"] == first.json()["article"]["id"]
    assert Article.objects.count() == 1
    assert IdempotencyKey.objects.get().article_id == first.json()["article"]["id"]


def test_the_same_idempotency_key_with_another_body_is_refused(editor_api):
    headers = {"Idempotency-Key": "cms-4712"}
    editor_api.post("/articles/url", {"url": "https://news.example/one"}, headers=headers)
    body = assert_problem(editor_api.post("/articles/url", {"url": "https://news.example/two"}, headers=headers), 422)
    assert "different request" in body["detail"]
    assert Article.objects.count() == 1


def test_it_imports_a_file_as_multipart(editor_api):
    upload = SimpleUploadedFile("plan.txt", TEXT.encode(), content_type="text/plain")
    response = editor_api.post("/articles/file", data={"file": upload})
    assert response.status_code == 201
    assert Article.objects.get().document.filename == "plan.txt"


def test_an_unsupported_file_type_or_a_json_body_is_refused(editor_api):
    upload = SimpleUploadedFile("plan.exe", b"MZ....", content_type="application/octet-stream")
    assert_problem(editor_api.post("/articles/file", data={"file": upload}), 422)
    assert_problem(editor_api.post("/articles/file", {"file": "nope"}), 415)


def test_too_large_input_gets_413(editor_api, settings):
    settings.MAX_PASTE_CHARS = 50
    body = assert_problem(editor_api.post("/articles/text", {"text": TEXT}), 413)
    assert body["detail"].startswith("Too long")
    settings.MAX_UPLOAD_BYTES = 10
    upload = SimpleUploadedFile("plan.txt", TEXT.encode(), content_type="text/plain")
    assert_problem(editor_api.post("/articles/file", data={"file": upload}), 413)
    assert not Article.objects.exists()


def test_a_url_must_be_http_or_https(editor_api):
    body = assert_problem(editor_api.post("/articles/url", {"url": "ftp://news.example/a"}), 422)
    assert body["errors"][0]["loc"] == ["body", "url"]


def test_status_and_detail_show_progress_text_and_metadata(editor_api):
    article = ArticleFactory(status=Article.Status.EXTRACTING, publisher="The Gazette")
    ClaimFactory(article=article)
    status = editor_api.get(f"/articles/{article.pk}/status").json()
    assert (status["status"], status["status_label"]) == ("extracting", "Extracting")
    assert [step["state"] for step in status["steps"]] == ["current", "waiting"]
    assert 0 <= status["progress"] < 100
    article.status = Article.Status.READY
    article.save()
    detail = editor_api.get(f"/articles/{article.pk}").json()
    assert detail["body"] == article.body
    assert (detail["publisher"], detail["claim_count"], detail["status"]) == ("The Gazette", 1, "ready")
    assert editor_api.get(f"/articles/{article.pk}/status").json()["progress"] == 100


def test_rerunning_detection_queues_the_article_unless_it_is_running(editor_api, django_capture_on_commit_callbacks):
    article = ArticleFactory()
    with django_capture_on_commit_callbacks() as callbacks:
        response = editor_api.post(f"/articles/{article.pk}/detection")
    assert (response.status_code, response.json()["status"], len(callbacks)) == (202, "queued", 1)
    assert_problem(editor_api.post(f"/articles/{article.pk}/detection"), 409)


def test_reviewers_read_articles_but_do_not_import(reviewer_api):
    article = ArticleFactory()
    assert reviewer_api.get(f"/articles/{article.pk}").status_code == 200
    assert_problem(reviewer_api.post("/articles/text", {"text": TEXT}), 403)
    assert_problem(reviewer_api.post(f"/articles/{article.pk}/detection"), 403)


def test_keys_are_forgotten_after_a_day(editor_api):
    import datetime

    from django.utils import timezone

    from api import idempotency

    editor_api.post("/articles/url", {"url": "https://news.example/old"}, headers={"Idempotency-Key": "k"})
    assert idempotency.forget_old_keys(now=timezone.now() + datetime.timedelta(hours=23)) == 0
    assert idempotency.forget_old_keys(now=timezone.now() + datetime.timedelta(hours=25)) == 1
    assert not IdempotencyKey.objects.exists()
