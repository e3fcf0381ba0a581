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
]
