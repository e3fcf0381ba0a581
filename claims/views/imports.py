"""Importing articles: the import page, its three submit endpoints, the live status and retry."""

from __future__ import annotations

from collections.abc import Callable
from functools import wraps

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import RequestDataTooBig, TooManyFieldsSent, TooManyFilesSent
from django.forms import Form
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.csrf import csrf_exempt, csrf_protect
from django.views.decorators.http import require_GET, require_POST
from django.views.decorators.vary import vary_on_headers
from django_htmx.http import HTMX_STOP_POLLING

from accounts.http import AuthenticatedRequest
from claims import permissions
from claims.forms import PasteForm, UploadForm, UrlForm
from claims.intake import importing, uploads
from claims.models import Article
from claims.views.access import get_article_for_user, require_editor, require_member

ALREADY_IMPORTED = "This article was already imported"


def _import_page(request: AuthenticatedRequest, **bound_forms: Form) -> HttpResponse:
    forms = {"url_form": UrlForm(), "paste_form": PasteForm(), "upload_form": UploadForm(), **bound_forms}
    return render(request, "claims/article_import.html", forms)


ImportView = Callable[[AuthenticatedRequest], HttpResponse]


def _refused(form_class: type[Form], field: str, message: str) -> Form:
    """A bound form carrying only the error that stopped the request."""
    form = form_class(data={})
    form.is_valid()
    form.errors.clear()
    form.add_error(field, message)
    return form


def _limit_message(form_name: str, exc: Exception | None, size: int) -> str:
    if isinstance(exc, TooManyFilesSent):
        return f"Too many files: upload one file at a time (this request sent over {settings.DATA_UPLOAD_MAX_NUMBER_FILES})"
    if isinstance(exc, TooManyFieldsSent):
        return "Too many form fields: this request is not one the import form sends"
    sent = importing.megabytes(size)
    if form_name == "paste_form":
        return f"Too long: {sent} sent, the limit is {settings.MAX_PASTE_CHARS:,} characters"
    return f"Too large: {sent}, the limit is {importing.megabytes(settings.MAX_UPLOAD_BYTES)}"


def request_limits_as_form_errors(
    form_name: str, form_class: type[Form], field: str
) -> Callable[[ImportView], ImportView]:
    """Show the import form naming the limit a request broke, rather than Django's bare 400 page.

    The CSRF check is the first to read the body, which is what breaks a limit; so the body is read
    here first and the CSRF check runs after it. A refused request only shows the form: it saves nothing.
    """

    def decorator(view: ImportView) -> ImportView:
        protected = csrf_protect(view)

        @wraps(view)
        def wrapper(request: AuthenticatedRequest) -> HttpResponse:
            size = int(request.META.get("CONTENT_LENGTH") or 0)
            try:
                request.POST, request.FILES  # noqa: B018
            except (RequestDataTooBig, TooManyFilesSent, TooManyFieldsSent) as exc:
                require_editor(request)
                return _import_page(
                    request, **{form_name: _refused(form_class, field, _limit_message(form_name, exc, size))}
                )
            if getattr(request, "upload_unread", False):
                # Refused by its Content-Length: the body (and its CSRF token) was never read.
                require_editor(request)
                uploads.leave_body_unread(request)
                return _import_page(
                    request, **{form_name: _refused(form_class, field, _limit_message(form_name, None, size))}
                )
            return protected(request)

        return csrf_exempt(wrapper)

    return decorator


def _after_import(request: AuthenticatedRequest, result: importing.ImportResult) -> HttpResponse:
    if not result.created:
        messages.info(request, ALREADY_IMPORTED)
    return redirect(result.article)


@require_GET
@login_required
def import_article(request: AuthenticatedRequest) -> HttpResponse:
    require_editor(request)
    return _import_page(request)


@require_POST
@login_required
@request_limits_as_form_errors("url_form", UrlForm, "url")
def import_url(request: AuthenticatedRequest) -> HttpResponse:
    require_editor(request)
    form = UrlForm(request.POST)
    if not form.is_valid():
        return _import_page(request, url_form=form)
    return _after_import(request, importing.import_url(url=form.cleaned_data["url"], user=request.user))


@require_POST
@login_required
@request_limits_as_form_errors("paste_form", PasteForm, "text")
def import_text(request: AuthenticatedRequest) -> HttpResponse:
    require_editor(request)
    form = PasteForm(request.POST)
    if not form.is_valid():
        return _import_page(request, paste_form=form)
    return _after_import(request, importing.import_text(**form.cleaned_data, user=request.user))


@require_POST
@login_required
@request_limits_as_form_errors("upload_form", UploadForm, "file")
def import_file(request: AuthenticatedRequest) -> HttpResponse:
    require_editor(request)
    form = UploadForm(request.POST, request.FILES, too_large=getattr(request, "upload_too_large", None))
    if not form.is_valid():
        return _import_page(request, upload_form=form)
    upload = form.cleaned_data["file"]
    result = importing.import_upload(
        data=upload.read(), filename=upload.name, content_type=upload.content_type or "", user=request.user
    )
    return _after_import(request, result)


@require_GET
@login_required
@vary_on_headers("HX-Request")
def article_status(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    article = get_article_for_user(request, pk)
    if not request.htmx or request.htmx.history_restore_request:
        return redirect(article)
    response = render(request, "claims/article_status.html#article-status", {"article": article, "oob_badge": True})
    if not article.is_in_progress:
        # Stop polling; a fresh page shows the text and claims that the other regions did not have.
        response.status_code = HTMX_STOP_POLLING
        if article.status == Article.Status.READY:
            response["HX-Refresh"] = "true"
    return response


@require_POST
@login_required
def retry_import(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    article = get_article_for_user(request, pk)
    require_editor(request)
    if importing.retry_import(article=article):
        messages.success(request, "Import queued again.")
    return redirect(article)


@require_GET
@login_required
def import_list(request: AuthenticatedRequest) -> HttpResponse:
    """Imports in progress and the ones that failed lately, linked from the dashboard."""
    require_member(request)
    in_progress = Article.objects.live().in_progress().select_related("imported_by").order_by("-created_at")[:100]
    failed = Article.objects.live().filter(status=Article.Status.FAILED).select_related("imported_by")[:25]
    context = {"in_progress": in_progress, "failed": failed, "can_import": permissions.can_import(request.user)}
    return render(request, "claims/article_imports.html", context)
