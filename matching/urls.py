"""URLs of claim matching."""

from __future__ import annotations

from django.urls import path

from matching import views

app_name = "matching"

urlpatterns = [
    path("check/", views.check, name="check"),
    # The claim panel's "Checked before" section and the decisions on its suggestions
    path("claims/<int:pk>/matches/", views.claim_matches_section, name="claim-matches"),
    path("matches/<int:pk>/reuse/", views.match_reuse, name="match-reuse"),
    path("matches/<int:pk>/not-same/", views.match_not_same, name="match-not-same"),
]
