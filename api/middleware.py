"""A safety net: any error Django itself answers under /api/ (405, a 404 outside ninja, a 500 from a
middleware) becomes a problem, so API clients never get an HTML page."""

from __future__ import annotations

from collections.abc import Callable
from http import HTTPStatus

from django.http import HttpRequest, HttpResponse

from api.problems import CONTENT_TYPE, problem_response


class ApiProblemMiddleware:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        response = self.get_response(request)
        if (
            response.status_code < 400
            or not request.path.startswith("/api/")
            or response.get("Content-Type", "").startswith(CONTENT_TYPE)
        ):
            return response
        status = response.status_code
        detail = {405: f"{request.method} is not allowed here; allowed: {response.get('Allow', 'none')}."}.get(
            status, HTTPStatus(status).phrase + "."
        )
        problem = problem_response(request, status, detail)
        for header in ("Allow", "Retry-After", "WWW-Authenticate"):
            if header in response:
                problem[header] = response[header]
        return problem
