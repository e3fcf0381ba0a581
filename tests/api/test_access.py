"""The access table: every operation of the API for every role, with the status each gets.

Roles and per-object rules are those of claims.permissions (as in the UI): outsiders (no newsroom
role) get 404 for anything of the newsroom, reviewers work only on claims assigned to them, and only
editors import, triage, approve, publish and unpublish.
"""

from __future__ import annotations

import re

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from api.main import api
from tests.api.conftest import ApiClient, client_for

TEXT = "The council approved a £12 million plan on Tuesday. Cycling rose by 38% since 2020, the mayor said."
ED, RV, OUT, ANON = "editor", "reviewer", "outsider", "anonymous"

# (method, path template, body, {role: status}); {names} are filled from the objects below.
TABLE = [
    ("get", "/me", None, {ED: 200, RV: 200, OUT: 200, ANON: 401}),
    ("get", "/ratings", None, {ED: 200, RV: 200, OUT: 404, ANON: 401}),
    ("get", "/fact-checks/matches?q=Unemployment%20fell%20to%203%25", None, {ED: 200, RV: 200, OUT: 404, ANON: 401}),
    ("post", "/articles/url", {"url": "https://news.example/a"}, {ED: 201, RV: 403, OUT: 404, ANON: 401}),
    ("post", "/articles/text", {"text": TEXT}, {ED: 201, RV: 403, OUT: 404, ANON: 401}),
    ("post", "/articles/file", "file", {ED: 201, RV: 403, OUT: 404, ANON: 401}),
    ("get", "/articles/{article}", None, {ED: 200, RV: 200, OUT: 404, ANON: 401}),
    ("get", "/articles/{article}/status", None, {ED: 200, RV: 200, OUT: 404, ANON: 401}),
    ("post", "/articles/{article}/detection", None, {ED: 202, RV: 403, OUT: 404, ANON: 401}),
    ("post", "/articles/{article}/claims", {"start": 52, "end": 83}, {ED: 201, RV: 403, OUT: 404, ANON: 401}),
    ("get", "/claims", None, {ED: 200, RV: 200, OUT: 404, ANON: 401}),
    ("get", "/claims/{new}", None, {ED: 200, RV: 200, OUT: 404, ANON: 401}),
    ("patch", "/claims/{new}", {"text": "New wording."}, {ED: 200, RV: 403, OUT: 404, ANON: 401}),
    ("post", "/claims/{new}/keep", None, {ED: 200, RV: 403, OUT: 404, ANON: 401}),
    ("post", "/claims/{new}/dismiss", {"reason": "Opinion"}, {ED: 200, RV: 403, OUT: 404, ANON: 401}),
    ("post", "/claims/{dismissed}/restore", None, {ED: 200, RV: 403, OUT: 404, ANON: 401}),
    ("post", "/claims/{new}/split", {"first": "One.", "second": "Two."}, {ED: 200, RV: 403, OUT: 404, ANON: 401}),
    ("post", "/claims/{new}/merge", {"others": ["{mine}"]}, {ED: 200, RV: 403, OUT: 404, ANON: 401}),
    ("post", "/claims/{new}/assign", {"assignee": "{bob}"}, {ED: 200, RV: 403, OUT: 404, ANON: 401}),
    ("post", "/claims/{mine}/sources", {"url": "https://stats.example/t3"}, {ED: 201, RV: 201, OUT: 404, ANON: 401}),
    ("post", "/claims/{new}/sources", {"url": "https://stats.example/t3"}, {ED: 201, RV: 403, OUT: 404, ANON: 401}),
    ("get", "/sources/{source}", None, {ED: 200, RV: 200, OUT: 404, ANON: 401}),
    ("patch", "/sources/{source}", {"stance": "refutes"}, {ED: 200, RV: 200, OUT: 404, ANON: 401}),
    ("delete", "/sources/{source}", None, {ED: 204, RV: 204, OUT: 404, ANON: 401}),
    ("delete", "/sources/{other_source}", None, {ED: 204, RV: 403, OUT: 404, ANON: 401}),
    (
        "post",
        "/claims/{mine}/verdicts",
        {"rating": "{rating}", "rationale": "No."},
        {ED: 200, RV: 200, OUT: 404, ANON: 401},
    ),
    ("post", "/claims/{proposed}/verdict/approve", None, {ED: 200, RV: 403, OUT: 404, ANON: 401}),
    ("post", "/claims/{proposed}/verdict/send-back", {"reason": "More."}, {ED: 200, RV: 403, OUT: 404, ANON: 401}),
    ("post", "/claims/{approved}/publish", None, {ED: 200, RV: 403, OUT: 404, ANON: 401}),
    ("post", "/claims/{published}/unpublish", None, {ED: 200, RV: 403, OUT: 404, ANON: 401}),
    ("post", "/claims/{new}/comments", {"body": "Which table?"}, {ED: 201, RV: 201, OUT: 404, ANON: 401}),
    ("get", "/articles/{article}/export/csv", None, {ED: 200, RV: 200, OUT: 404, ANON: 401}),
    ("get", "/claims/export/csv", None, {ED: 200, RV: 200, OUT: 404, ANON: 401}),
    ("get", "/report-jobs/{job}", None, {ED: 200, RV: 200, OUT: 404, ANON: 401}),
    ("get", "/report-jobs/{job}/download", None, {ED: 200, RV: 200, OUT: 404, ANON: 401}),
]

CASES = [
    pytest.param(method, path, body, role, status, id=f"{method} {path} as {role}")
    for method, path, body, statuses in TABLE
    for role, status in statuses.items()
]


def _fill(value, objects):
    if isinstance(value, str) and value.startswith("{") and value.endswith("}"):
        return objects[value[1:-1]]
    if isinstance(value, list):
        return [_fill(item, objects) for item in value]
    if isinstance(value, dict):
        return {key: _fill(item, objects) for key, item in value.items()}
    return value


@pytest.mark.django_db
@pytest.mark.parametrize(("method", "path", "body", "role", "status"), CASES)
def test_access(method, path, body, role, status, objects, alice, bob, charlie):
    client = {ED: lambda: client_for(alice), RV: lambda: client_for(bob), OUT: lambda: client_for(charlie)}.get(
        role, lambda: ApiClient(None)
    )()
    url = path.format(**objects)
    headers = {}
    resource = re.match(r"/(claims|sources)/\d+", url)
    if method != "get" and resource:
        # The current ETag, so the answer is about the role, not about a stale version.
        headers["If-Match"] = client_for(alice).get(resource.group(0))["ETag"]
    if body == "file":
        upload = SimpleUploadedFile("plan.txt", TEXT.encode(), content_type="text/plain")
        response = client.post(path, data={"file": upload}, headers=headers)
    elif method == "get":
        response = client.get(url, headers=headers)
    elif method == "post":
        response = client.post(url, _fill(body, objects), headers=headers)
    elif method == "patch":
        response = client.patch(url, _fill(body, objects), headers=headers)
    else:
        response = client.delete(url, headers=headers)
    assert response.status_code == status, response.content[:300]
    if status >= 400:
        assert response["Content-Type"] == "application/problem+json"


def test_the_table_covers_every_operation_of_the_api():
    documented = {
        (method, path.removeprefix("/api/v1"))
        for path, operations in api.get_openapi_schema(path_prefix="/api/v1")["paths"].items()
        for method in operations
    }
    tabled = {
        (
            method,
            path.split("?")[0]
            .replace("{article}", "{article_id}")
            .replace("/csv", "/{fmt}")
            .replace("{job}", "{job_id}"),
        )
        for method, path, _, _ in TABLE
    }
    normalised = {
        (method, path.replace("{" + name + "}", "{claim_id}"))
        for method, path in tabled
        for name in ("new", "dismissed", "mine", "proposed", "approved", "published")
        if "{" + name + "}" in path
    } | {
        (method, path.replace("{source}", "{source_id}").replace("{other_source}", "{source_id}"))
        for method, path in tabled
        if not any(
            "{" + name + "}" in path for name in ("new", "dismissed", "mine", "proposed", "approved", "published")
        )
    }
    assert documented == normalised
