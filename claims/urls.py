"""URLs of the newsroom UI."""

from __future__ import annotations

from django.urls import path, register_converter

from claims import views
from claims.views import exports, public

app_name = "claims"


class ExportFormat:
    regex = "csv|json|jsonld|findings|md|html|pdf"

    def to_python(self, value: str) -> str:
        return value

    def to_url(self, value: str) -> str:
        return value


register_converter(ExportFormat, "export_format")

urlpatterns = [
    path("", views.dashboard, name="dashboard"),
    # Articles and their claims
    path("articles/<int:pk>/", views.article_detail, name="article-detail"),
    path("articles/<int:article_pk>/claims/<int:pk>/", views.claim_detail, name="claim-detail"),
    # Exports
    path("exports/articles/<int:pk>/<export_format:fmt>/", exports.article_export, name="article-export"),
    path("exports/claims/<export_format:fmt>/", exports.claims_export, name="claims-export"),
    path("exports/jobs/<int:pk>/", exports.report_job, name="report-job"),
    path("exports/jobs/<int:pk>/retry/", exports.retry_report_job, name="report-job-retry"),
    path("exports/jobs/<int:pk>/download/", exports.download_report_job, name="report-job-download"),
    # Public reports (no login: published verdicts only, at unguessable tokens)
    path("reports/ratings/", public.rating_scale, name="public-rating-scale"),
    path("reports/<str:token>/", public.article_report, name="public-article-report"),
    path("reports/<str:token>/claims/<str:claim_token>/", public.claim_report, name="public-claim-report"),
]
