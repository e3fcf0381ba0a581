"""Exports of an article or a filtered claims list in every format, streamed; PDF report jobs."""

from __future__ import annotations

from typing import Any, Literal

from django.conf import settings
from django.http import HttpResponse, StreamingHttpResponse
from django.shortcuts import get_object_or_404
from django.urls import reverse
from ninja import Router

from accounts.http import AuthenticatedRequest
from api import schemas
from api.access import get_article_for_user, require, require_member
from api.problems import Problem
from api.representations import job_out
from claims import permissions
from claims.exports import jobs
from claims.exports.files import content_disposition
from claims.exports.pdf import report_pdf
from claims.exports.records import InvalidFilter, Scope, article_scope, filtered_scope
from claims.models import ReportJob
from claims.views.exports import STREAMED

router = Router(tags=["exports"])

Format = Literal["csv", "json", "jsonld", "findings", "md", "html", "pdf"]
assert set(Format.__args__) == {*STREAMED, "pdf"}  # type: ignore[attr-defined]

_FILE_TYPES = {content_type.split(";")[0] for content_type, *_ in STREAMED.values()} | {"application/pdf"}
EXPORT_DOC = {
    "responses": {
        "200": {
            "description": "The export, streamed (PDFs of up to EXPORT_PDF_INLINE_MAX_CLAIMS claims come whole).",
            "content": {
                content_type: {"schema": {} if content_type.endswith("json") else {"type": "string"}}
                for content_type in sorted(_FILE_TYPES)
            },
        },
        "202": {
            "description": "A large PDF: a report job was queued; poll its status and download it when ready.",
            "content": {"application/json": {"schema": {"$ref": "#/components/schemas/ReportJobOut"}}},
        },
    }
}


def _require_exporter(request: AuthenticatedRequest) -> None:
    require_member(request)
    require(permissions.can_export(request.user), "You may not export reports.")


def _export(request: AuthenticatedRequest, scope: Scope, fmt: str) -> HttpResponse | StreamingHttpResponse:
    if fmt == "pdf":
        return _pdf(request, scope)
    content_type, extension, suffix, writer = STREAMED[fmt]
    response = StreamingHttpResponse(writer(scope), content_type=content_type)
    response["Content-Disposition"] = content_disposition(scope.title, extension, suffix=suffix)
    return response


def _pdf(request: AuthenticatedRequest, scope: Scope) -> HttpResponse:
    count = scope.queryset.count()
    if count > settings.EXPORT_PDF_MAX_CLAIMS:
        raise Problem(
            413,
            f"{count:,} claims are too many for a PDF (the limit is {settings.EXPORT_PDF_MAX_CLAIMS:,}); export html instead.",
            kind="too-large",
        )
    if count > settings.EXPORT_PDF_INLINE_MAX_CLAIMS:
        job = jobs.request_pdf_report(scope=scope, user=request.user)
        response = HttpResponse(status=202, content_type="application/json")
        response.content = schemas.ReportJobOut(**job_out(job)).model_dump_json().encode()
        response["Location"] = reverse("api-v1:report_job", args=[job.pk])
        return response
    response = HttpResponse(report_pdf(scope), content_type="application/pdf")
    response["Content-Disposition"] = content_disposition(scope.title, "pdf", suffix="report")
    return response


@router.get(
    "/articles/{article_id}/export/{fmt}",
    url_name="export_article",
    summary="Export an article's claims",
    openapi_extra=EXPORT_DOC,
)
def export_article(
    request: AuthenticatedRequest, article_id: int, fmt: Format, published: bool = False
) -> HttpResponse | StreamingHttpResponse:
    """CSV, JSON, ClaimReview JSON-LD, its findings, Markdown, HTML or PDF; ``published=true`` keeps published verdicts only."""
    article = get_article_for_user(request, article_id)
    _require_exporter(request)
    return _export(request, article_scope(article, published_only=published), fmt)


@router.get(
    "/claims/export/{fmt}", url_name="export_claims", summary="Export a filtered list", openapi_extra=EXPORT_DOC
)
def export_claims(
    request: AuthenticatedRequest, fmt: Format, published: bool = False
) -> HttpResponse | StreamingHttpResponse:
    """The claims list's filters as query parameters (see GET /claims), in any export format."""
    _require_exporter(request)
    try:
        scope = filtered_scope(request.GET, published_only=published)
    except InvalidFilter as error:
        raise Problem(422, f"The filter is not valid: {error}", kind="validation-error") from error
    return _export(request, scope, fmt)


@router.get("/report-jobs/{job_id}", response=schemas.ReportJobOut, url_name="report_job", summary="A report job")
def get_report_job(request: AuthenticatedRequest, job_id: int) -> dict[str, Any]:
    """Status and progress of a background PDF; ``download_url`` once it is ready."""
    _require_exporter(request)
    return job_out(get_object_or_404(ReportJob.objects.defer("pdf"), pk=job_id))


@router.get(
    "/report-jobs/{job_id}/download",
    url_name="download_report_job",
    summary="Download a finished report",
    openapi_extra={
        "responses": {
            "200": {"description": "The PDF.", "content": {"application/pdf": {"schema": {"type": "string"}}}}
        }
    },
)
def download_report_job(request: AuthenticatedRequest, job_id: int) -> HttpResponse:
    _require_exporter(request)
    job = get_object_or_404(ReportJob, pk=job_id)
    if job.status != ReportJob.Status.READY:
        raise Problem(409, f"The report is not ready: it is {job.get_status_display().lower()}.", kind="not-ready")
    response = HttpResponse(bytes(job.pdf), content_type="application/pdf")
    response["Content-Disposition"] = content_disposition(job.title, "pdf", suffix="report")
    return response
