"""Evidence on a claim: add a URL (fetched in the background), poll its card, edit, remove, retry."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, render
from django.views.decorators.http import require_GET, require_POST
from django_htmx.http import HTMX_STOP_POLLING

from claims import permissions, verification
from claims.forms import SourceAddForm, SourceUpdateForm
from claims.models import Source
from claims.views.access import require_member
from claims.views.panel import done, get_claim, render_panel, require
from documents import ingest
from workbench.http import AuthenticatedRequest


def get_source(request: AuthenticatedRequest, pk: int) -> Source:
    require_member(request)
    return get_object_or_404(
        Source.objects.select_related("claim__article", "claim__assignee", "document"),
        pk=pk,
        claim__article__deleted_at__isnull=True,
    )


@require_POST
@login_required
def source_add(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    claim = get_claim(request, pk)
    require(permissions.can_research(request.user, claim))
    form = SourceAddForm(request.POST)
    if not form.is_valid():
        return render_panel(request, claim, source_form=form)
    _, created = verification.add_source(claim=claim, user=request.user, **form.cleaned_data)
    message = "Source added; fetching the page…" if created else "That page is already cited for this claim."
    return done(request, claim, message)


@require_GET
@login_required
def source_card(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    source = get_source(request, pk)
    context = {
        "source": source,
        "claim": source.claim,
        "can_research": permissions.can_research(request.user, source.claim),
    }
    if not source.document.is_pending:
        # The card is final: its news replaces "fetching the page…" in the messages region.
        document = source.document
        if document.status == document.Status.FAILED:
            messages.error(request, "The source's page could not be fetched; its card says why.")
        else:
            messages.success(request, f"Source fetched: {document.title or document.display_url}")
    response = render(request, "claims/claim_panel.html#source-card", context)
    if not source.document.is_pending:
        # Tell htmx to stop polling the card.
        response.status_code = HTMX_STOP_POLLING
    return response


@require_POST
@login_required
def source_update(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    source = get_source(request, pk)
    require(permissions.can_research(request.user, source.claim))
    form = SourceUpdateForm(request.POST)
    if not form.is_valid():
        return done(request, source.claim, "Choose a stance for the source.", error=True)
    verification.update_source(source=source, **form.cleaned_data)
    return done(request, source.claim, "Source saved.")


@require_POST
@login_required
def source_remove(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    source = get_source(request, pk)
    require(permissions.can_research(request.user, source.claim))
    verification.remove_source(source=source)
    return done(request, source.claim, "Source removed.")


@require_POST
@login_required
def source_retry(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    source = get_source(request, pk)
    require(permissions.can_research(request.user, source.claim))
    if ingest.retry_document(document=source.document):
        return done(request, source.claim, "Fetching the page again…")
    return done(request, source.claim, "The page is not in a failed state.", error=True)
