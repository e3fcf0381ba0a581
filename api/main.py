"""The versioned JSON API (/api/v1/), its OpenAPI 3.1 document and interactive docs, built with django-ninja."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.http import HttpRequest
from django.utils.csp import CSP
from django.views.decorators.csp import csp_override
from ninja import NinjaAPI
from ninja.openapi.schema import OpenAPISchema
from ninja.parser import Parser

from api import problems
from api.auth import SessionAuth, TokenAuth, TokenRateThrottle
from api.routes import account, articles, claims, exports, matching, research

DESCRIPTION = """\
Claim Workbench's API for newsroom tools: send articles for checking, ask whether a claim was checked,
pull published verdicts.

**Authentication.** A personal API token from the *API tokens* page, as `Authorization: Bearer cwb_…`;
or the browser's log-in session, with the CSRF token in `X-CSRFToken` on writes. Roles and per-object
rules are the UI's.

**Optimistic locking.** `GET /claims/{id}` answers with an `ETag`. Every change to a claim sends it back
in `If-Match`; a stale one gets `412` with the claim as it is now, a missing one `428`.

**Errors** are RFC 9457 problem details (`application/problem+json`).

**Rate limit.** Per token; over it, `429` with `Retry-After`.
"""

# Every operation can answer these (authentication, roles, unknown ids, invalid input, rate limit).
COMMON_PROBLEMS = {
    "400": "Bad request",
    "401": "No valid token or session",
    "403": "The caller's role may not do this",
    "404": "No such resource, or the caller may not see it",
    "422": "Invalid input",
    "429": "Too many requests; see Retry-After",
}
# Operations that change a claim or a source also answer these.
WRITE_PROBLEMS = {
    "409": "Not possible in the current state",
    "412": "The If-Match version is stale; the body's `current` is the current state",
    "428": "If-Match is required",
}
UPLOAD_PROBLEMS = {"413": "Too large", "415": "Unsupported media type"}

IF_MATCH = {
    "in": "header",
    "name": "If-Match",
    "required": True,
    "description": "The ETag of the version this change is based on (from the last GET or change).",
    "schema": {"type": "string"},
}

# Swagger UI sets inline styles; only the docs page is allowed them.
DOCS_CSP: dict[str, Any] = {
    **settings.SECURE_CSP,
    "style-src": [CSP.SELF, CSP.UNSAFE_INLINE],
    "img-src": [CSP.SELF, "data:"],
}


class WorkbenchAPI(NinjaAPI):
    def get_openapi_schema(self, *, path_prefix: str | None = None, path_params: Any = None) -> OpenAPISchema:
        schema = super().get_openapi_schema(path_prefix=path_prefix, path_params=path_params)
        schema["components"].setdefault("schemas", {})["Problem"] = problems.ProblemOut.model_json_schema(
            ref_template="#/components/schemas/{model}"
        )
        for operations in schema["paths"].values():
            for method, operation in operations.items():
                _document_problems(method, operation)
        return schema


def _document_problems(method: str, operation: dict[str, Any]) -> None:
    # ninja keys responses by int, OpenAPI by string: merge them under the string.
    responses: dict[str, Any] = {}
    for code, response in operation.get("responses", {}).items():
        responses.setdefault(str(code), {}).update(response)
    operation["responses"] = responses
    codes = COMMON_PROBLEMS | {"413": UPLOAD_PROBLEMS["413"]}
    if method in ("post", "patch", "put", "delete"):
        codes |= WRITE_PROBLEMS | UPLOAD_PROBLEMS
    if "Needs If-Match" in operation.get("description", ""):
        operation.setdefault("parameters", []).append(IF_MATCH)
    problem = {"application/problem+json": {"schema": {"$ref": "#/components/schemas/Problem"}}}
    for code, description in codes.items():
        responses.setdefault(code, {"description": description})
    for code, response in responses.items():
        if code.startswith(("4", "5")):
            response["content"] = problem


class JsonOnlyParser(Parser):
    """A JSON body must say so: anything else is a 415, not a confusing parse error."""

    def parse_body(self, request: HttpRequest) -> Any:
        if request.body and request.content_type != "application/json":
            raise problems.Problem(
                415,
                f"Send the body as application/json, not {request.content_type or 'no type'}.",
                kind="unsupported-media-type",
            )
        try:
            return super().parse_body(request)
        except ValueError as error:
            raise problems.Problem(400, f"The body is not valid JSON: {error}", kind="invalid-json") from error


api = WorkbenchAPI(
    title="Claim Workbench API",
    version="1",
    description=DESCRIPTION,
    urls_namespace="api-v1",
    auth=[TokenAuth(), SessionAuth()],
    throttle=[TokenRateThrottle()],
    docs_decorator=csp_override(DOCS_CSP),
    parser=JsonOnlyParser(),
)
problems.install(api)
for module in (account, articles, claims, research, exports, matching):
    api.add_router("", module.router)
