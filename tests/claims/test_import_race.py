from __future__ import annotations

import threading

import pytest
from django.db import connection

from claims.intake import importing
from claims.models import Article
from documents.models import Document

TEXT = "The council approved a £12 million plan on Tuesday. Cycling rose by 38% since 2020."


@pytest.mark.django_db(transaction=True)
def test_two_identical_submissions_at_once_make_one_article(monkeypatch):
    # Both requests pass the "already imported?" check before either saves: the unique key decides.
    barrier = threading.Barrier(2, timeout=10)
    create = Document.objects.create

    def create_after_both_checked(**fields):
        barrier.wait()
        return create(**fields)

    monkeypatch.setattr(Document.objects, "create", create_after_both_checked)
    results: list[importing.ImportResult] = []

    def submit():
        try:
            results.append(importing.import_text(text=TEXT, enqueue=False))
        finally:
            connection.close()

    threads = [threading.Thread(target=submit) for _ in range(2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=20)

    assert Article.objects.count() == 1
    assert sorted(r.created for r in results) == [False, True]
    assert {r.article.pk for r in results} == {Article.objects.get().pk}
