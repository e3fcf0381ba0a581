"""One error shape for the whole API: RFC 9457 problem details, never an HTML page or a traceback."""

from __future__ import annotations

import logging
from http import HTTPStatus
from typing import TYPE_CHECKING, Any

from django.core.exceptions import BadRequest, PermissionDenied, RequestDataTooBig
from django.http import Http404, HttpRequest, HttpResponse, JsonResponse
from django.http.multipartparser import MultiPartParserError
from ninja.errors import AuthenticationError, HttpError, Throttled, ValidationError
from pydantic import BaseModel, ConfigDict

if TYPE_CHECKING:
    from ninja import NinjaAPI

logger = logging.getLogger(__name__)

CONTENT_TYPE = "application/problem+json"
TYPE_BASE = "https://claim-workbench.github.io/problems/"


class ProblemOut(BaseModel):
    """An RFC 9457 problem: ``type`` names the kind of error, ``detail`` says what went wrong in words."""

    model_config = ConfigDict(extra="allow")

    type: str
    title: str
    status: int
    detail: str
    instance: str | None = None


class Problem(Exception):
    """Raised anywhere in the API to answer with a problem; ``extra`` members go into the body."""

    def __init__(
        self,
        status: int,
        detail: str,
        *,
        kind: str | None = None,
        headers: dict[str, str] | None = None,
        **extra: Any,
    ) -> None:
        super().__init__(detail)
        self.status = status
        self.detail = detail
        self.kind = kind
        self.headers = headers or {}
        self.extra = extra


def problem_response(
    request: HttpRequest,
    status: int,
    detail: str,
    *,
    kind: str | None = None,
    headers: dict[str, str] | None = None,
    **extra: Any,
) -> HttpResponse:
    title = HTTPStatus(status).phrase
    body = {
        "type": TYPE_BASE + (kind or title.lower().replace(" ", "-").replace("'", "")),
        "title": title,
        "status": status,
        "detail": detail,
        "instance": request.path,
        **extra,
    }
    response = JsonResponse(body, status=status, content_type=CONTENT_TYPE)
    for name, value in (headers or {}).items():
        response[name] = value
    return response


def _validation_errors(errors: list[dict[str, Any]]) -> list[dict[str, Any]]:
    return [
        {
            "loc": [str(part) for part in error.get("loc", ())],
            "msg": str(error.get("msg", "")),
            "type": error.get("type", ""),
        }
        for error in errors
    ]


def install(api: NinjaAPI) -> None:
    """Answer every error the API can raise with a problem."""

    @api.exception_handler(Problem)
    def _problem(request: HttpRequest, exc: Problem) -> HttpResponse:
        return problem_response(request, exc.status, exc.detail, kind=exc.kind, headers=exc.headers, **exc.extra)

    @api.exception_handler(ValidationError)
    def _invalid(request: HttpRequest, exc: ValidationError) -> HttpResponse:
        return problem_response(
            request,
            422,
            "The request is not valid; see errors.",
            kind="validation-error",
            errors=_validation_errors(exc.errors),
        )

    @api.exception_handler(AuthenticationError)
    def _unauthenticated(request: HttpRequest, exc: AuthenticationError) -> HttpResponse:
        return problem_response(
            request,
            401,
            "Send a valid API token (Authorization: Bearer …) or log in.",
            headers={"WWW-Authenticate": 'Bearer realm="api"'},
        )

    @api.exception_handler(Throttled)
    def _throttled(request: HttpRequest, exc: Throttled) -> HttpResponse:
        return problem_response(request, 429, "Too many requests with this token; wait and try again.")

    @api.exception_handler(HttpError)
    def _http_error(request: HttpRequest, exc: HttpError) -> HttpResponse:
        # ninja wraps errors of the body parser in a 400; ours say more precisely what was wrong.
        if isinstance(exc.__cause__, Problem):
            return _problem(request, exc.__cause__)
        return problem_response(request, exc.status_code, str(exc))

    @api.exception_handler(Http404)
    def _not_found(request: HttpRequest, exc: Http404) -> HttpResponse:
        return problem_response(request, 404, "No such resource, or you may not see it.")

    @api.exception_handler(PermissionDenied)
    def _forbidden(request: HttpRequest, exc: PermissionDenied) -> HttpResponse:
        return problem_response(request, 403, str(exc) or "You may not do this.")

    @api.exception_handler(MultiPartParserError)
    def _bad_multipart(request: HttpRequest, exc: MultiPartParserError) -> HttpResponse:
        return problem_response(request, 400, f"The multipart body could not be read: {exc}", kind="invalid-multipart")

    @api.exception_handler(BadRequest)
    def _bad_request(request: HttpRequest, exc: BadRequest) -> HttpResponse:
        return problem_response(request, 400, str(exc) or "The request could not be read.")

    @api.exception_handler(RequestDataTooBig)
    def _too_big(request: HttpRequest, exc: RequestDataTooBig) -> HttpResponse:
        return problem_response(request, 413, "The request body is too large.")

    @api.exception_handler(Exception)
    def _unexpected(request: HttpRequest, exc: Exception) -> HttpResponse:
        # Logged with its traceback for us; the client gets the shape and no internals.
        logger.exception("API error on %s %s", request.method, request.path)
        return problem_response(request, 500, "Something went wrong on our side; it has been logged.")
