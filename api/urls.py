"""The API under /api/v1/, its token page, and a problem-shaped 404 for any other /api/ address."""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse, JsonResponse
from django.urls import path, re_path, reverse

from api import views
from api.main import api
from api.problems import problem_response


def not_found(request: HttpRequest, rest: str = "") -> HttpResponse:
    return problem_response(request, 404, "There is no such API address; see /api/v1/docs.")


def index(request: HttpRequest) -> HttpResponse:
    return JsonResponse({"openapi": reverse("api-v1:openapi-json"), "docs": reverse("api-v1:openapi-view")})


urlpatterns = [
    path("api/v1/", index, name="api-index"),
    path("api/v1/", api.urls),
    re_path(r"^api/(?P<rest>.*)$", not_found),
    path("account/api-tokens/", views.token_list, name="api-tokens"),
    path("account/api-tokens/<int:pk>/revoke/", views.token_revoke, name="api-token-revoke"),
]
