"""The API tokens page: each user creates, sees and revokes their own tokens."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_http_methods, require_POST

from accounts.http import AuthenticatedRequest
from api import tokens
from api.forms import TokenForm
from api.models import ApiToken


@never_cache
@require_http_methods(["GET", "POST"])
@login_required
def token_list(request: AuthenticatedRequest) -> HttpResponse:
    form = TokenForm(request.POST or None)
    new_token = None
    status = 200
    if request.method == "POST":
        if form.is_valid():
            _, new_token = tokens.create_token(
                user=request.user, name=form.cleaned_data["name"], expires_at=form.expires_at()
            )
            form = TokenForm()
            status = 201
        else:
            status = 422
    context = {"form": form, "new_token": new_token, "tokens": ApiToken.objects.filter(user=request.user)}
    # The new token is shown in this response only: never cached, never stored.
    return render(request, "api/token_list.html", context, status=status)


@require_POST
@login_required
def token_revoke(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    token = get_object_or_404(ApiToken, pk=pk, user=request.user)
    if tokens.revoke_token(token=token):
        messages.success(request, f"Revoked “{token.name}”. Programs using it can no longer call the API.")
    return redirect("api-tokens")
