"""URLs of the newsroom UI."""

from __future__ import annotations

from django.urls import path

from claims import views

app_name = "claims"

urlpatterns = [
    path("", views.dashboard, name="dashboard"),
    # Articles and their claims
    path("articles/<int:pk>/", views.article_detail, name="article-detail"),
    path("articles/<int:article_pk>/claims/<int:pk>/", views.claim_detail, name="claim-detail"),
    # Import
    path("articles/new/", views.import_article, name="import-article"),
    path("articles/new/url/", views.import_url, name="import-url"),
    path("articles/new/text/", views.import_text, name="import-text"),
    path("articles/new/file/", views.import_file, name="import-file"),
    path("articles/imports/", views.import_list, name="import-list"),
    path("articles/<int:pk>/status/", views.article_status, name="article-status"),
    path("articles/<int:pk>/retry/", views.retry_import, name="retry-import"),
]
