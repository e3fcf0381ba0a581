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
    path("ratings.css", views.ratings_css, name="ratings-css"),
    # Articles and their claims
    path("articles/<int:pk>/", views.article_detail, name="article-detail"),
    path("articles/<int:pk>/delete/", views.article_delete, name="article-delete"),
    path("articles/<int:article_pk>/claims/<int:pk>/", views.claim_detail, name="claim-detail"),
    # Import
    path("articles/new/", views.import_article, name="import-article"),
    path("articles/new/url/", views.import_url, name="import-url"),
    path("articles/new/text/", views.import_text, name="import-text"),
    path("articles/new/file/", views.import_file, name="import-file"),
    path("articles/imports/", views.import_list, name="import-list"),
    path("articles/<int:pk>/status/", views.article_status, name="article-status"),
    path("articles/<int:pk>/retry/", views.retry_import, name="retry-import"),
    path("articles/<int:pk>/claims/add/", views.claim_add, name="claim-add"),
    path("articles/<int:pk>/claims/bulk/", views.claims_bulk, name="claims-bulk"),
    # Queues and the claims list
    path("claims/", views.claim_list, name="claim-list"),
    path("claims/mine/", views.my_claims, name="my-claims"),
    path("claims/needs-approval/", views.needs_approval, name="needs-approval"),
    # Triage (editors)
    path("claims/<int:pk>/keep/", views.claim_keep, name="claim-keep"),
    path("claims/<int:pk>/dismiss/", views.claim_dismiss, name="claim-dismiss"),
    path("claims/<int:pk>/restore/", views.claim_restore, name="claim-restore"),
    path("claims/<int:pk>/edit/", views.claim_edit, name="claim-edit"),
    path("claims/<int:pk>/split/", views.claim_split, name="claim-split"),
    path("claims/<int:pk>/merge/", views.claim_merge, name="claim-merge"),
    path("claims/<int:pk>/assign/", views.claim_assign, name="claim-assign"),
    # Evidence
    path("claims/<int:pk>/sources/", views.source_add, name="source-add"),
    path("sources/<int:pk>/", views.source_card, name="source-card"),
    path("sources/<int:pk>/edit/", views.source_update, name="source-update"),
    path("sources/<int:pk>/remove/", views.source_remove, name="source-remove"),
    path("sources/<int:pk>/retry/", views.source_retry, name="source-retry"),
    # Verdicts, publication and discussion
    path("claims/<int:pk>/verdict/", views.verdict_propose, name="verdict-propose"),
    path("claims/<int:pk>/verdict/approve/", views.verdict_approve, name="verdict-approve"),
    path("claims/<int:pk>/verdict/send-back/", views.verdict_send_back, name="verdict-send-back"),
    path("claims/<int:pk>/publish/", views.claim_publish, name="claim-publish"),
    path("claims/<int:pk>/unpublish/", views.claim_unpublish, name="claim-unpublish"),
    path("claims/<int:pk>/comments/", views.comment_add, name="comment-add"),
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
