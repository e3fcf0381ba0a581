"""Exports of an article's claims or of a filtered claims list, and background PDF jobs.

Members (editors and reviewers) may export; anyone else gets a 404. Internal exports cover every
non-dismissed claim with its verdict state marked; ``?published=1`` keeps only published verdicts.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator

from django.conf import settings
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpResponse, HttpResponseBadRequest, StreamingHttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_GET, require_POST
from django.views.decorators.vary import vary_on_headers
from django_htmx.http import HTMX_STOP_POLLING

from accounts.http import AuthenticatedRequest
from claims import permissions
from claims.exports import formats, jobs
from claims.exports.files import content_disposition
from claims.exports.pdf import report_pdf
from claims.exports.records import InvalidFilter, Scope, article_scope, filtered_scope
from claims.models import ReportJob
from claims.views.access import get_article_for_user, require_member

# format -> (content type, file extension, file-name suffix, writer)
STREAMED: dict[str, tuple[str, str, str, Callable[[Scope], Iterator[str]]]] = {
    "csv": ("text/csv; charset=utf-8", "csv", "verdicts", formats.csv_chunks),
    "json": ("application/json; charset=utf-8", "json", "verdicts", formats.json_chunks),
    "jsonld": ("application/ld+json; charset=utf-8", "jsonld", "claimreview", formats.jsonld_chunks),
    "findings": ("application/json; charset=utf-8", "json", "claimreview-findings", formats.findings_chunks),
    "md": ("text/markdown; charset=utf-8", "md", "report", formats.markdown_chunks),
    "html": ("text/html; charset=utf-8", "html", "report", formats.html_chunks),
}
FORMATS = (*STREAMED, "pdf")


def _require_exporter(request: AuthenticatedRequest) -> None:
    require_member(request)
    if not permissions.can_export(request.user):
        raise PermissionDenied("You may not export reports")


def _published_only(request: AuthenticatedRequest) -> bool:
    return request.GET.get("published", "") in ("1", "true", "yes", "on")


@require_GET
@login_required
def article_export(request: AuthenticatedRequest, pk: int, fmt: str) -> HttpResponse | StreamingHttpResponse:
    article = get_article_for_user(request, pk)
    _require_exporter(request)
    return _export(request, article_scope(article, published_only=_published_only(request)), fmt)


@require_GET
@login_required
def claims_export(request: AuthenticatedRequest, fmt: str) -> HttpResponse | StreamingHttpResponse:
    _require_exporter(request)
    try:
        scope = filtered_scope(request.GET, published_only=_published_only(request))
    except InvalidFilter as error:
        return HttpResponseBadRequest(f"The filter is not valid: {error}", content_type="text/plain; charset=utf-8")
    return _export(request, scope, fmt)


def _export(request: AuthenticatedRequest, scope: Scope, fmt: str) -> HttpResponse | StreamingHttpResponse:
    if fmt == "pdf":
        return _pdf(request, scope)
    if fmt not in STREAMED:
        raise Http404("No such export format")
    content_type, extension, suffix, writer = STREAMED[fmt]
    response = StreamingHttpResponse(writer(scope), content_type=content_type)
    # The printable report opens in the browser (to print); the data formats download.
    response["Content-Disposition"] = content_disposition(scope.title, extension, suffix=suffix, inline=fmt == "html")
    return response


def _pdf(request: AuthenticatedRequest, scope: Scope) -> HttpResponse:
    count = scope.queryset.count()
    if count > settings.EXPORT_PDF_MAX_CLAIMS:
        # Tens of thousands of claims would outlast the background task's time limit; the HTML report prints the same.
        context = {"scope": scope, "count": count, "limit": settings.EXPORT_PDF_MAX_CLAIMS}
        return render(request, "claims/report_too_large.html", context, status=413)
    if count > settings.EXPORT_PDF_INLINE_MAX_CLAIMS:
        job = jobs.request_pdf_report(scope=scope, user=request.user)
        return redirect("claims:report-job", job.pk)
    response = HttpResponse(report_pdf(scope), content_type="application/pdf")
    response["Content-Disposition"] = content_disposition(scope.title, "pdf", suffix="report")
    return response


def _get_job(request: AuthenticatedRequest, pk: int) -> ReportJob:
    _require_exporter(request)
    return get_object_or_404(ReportJob.objects.defer("pdf"), pk=pk)


@require_GET
@login_required
@vary_on_headers("HX-Request")
def report_job(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    job = _get_job(request, pk)
    template_name = "claims/report_job.html"
    if request.htmx and not request.htmx.history_restore_request:
        template_name += "#report-job"
        if not job.is_pending:
            return render(request, template_name, {"job": job}, status=HTMX_STOP_POLLING)
    return render(request, template_name, {"job": job})


@require_POST
@login_required
def retry_report_job(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    job = jobs.retry_report(job=_get_job(request, pk))
    return redirect("claims:report-job", job.pk)


@require_GET
@login_required
def download_report_job(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    _require_exporter(request)
    job = get_object_or_404(ReportJob, pk=pk, status=ReportJob.Status.READY)
    response = HttpResponse(bytes(job.pdf), content_type="application/pdf")
    response["Content-Disposition"] = content_disposition(job.title, "pdf", suffix="report")
    return response
