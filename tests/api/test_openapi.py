from __future__ import annotations

import pytest
from openapi_spec_validator import validate

pytestmark = pytest.mark.django_db


def test_the_document_is_valid_openapi_3_1(anonymous_api):
    response = anonymous_api.get("/openapi.json")
    document = response.json()
    assert document["openapi"].startswith("3.1")
    validate(document)


def test_every_operation_needs_a_token_or_a_session_and_documents_its_problems(anonymous_api):
    document = anonymous_api.get("/openapi.json").json()
    for path, operations in document["paths"].items():
        for method, operation in operations.items():
            assert operation["security"] == [{"TokenAuth": []}, {"SessionAuth": []}], (method, path)
            problem = operation["responses"]["401"]["content"]
            assert list(problem) == ["application/problem+json"], (method, path)


def test_the_interactive_docs_are_served_from_our_own_static_files(anonymous_api):
    response = anonymous_api.get("/docs")
    html = response.content.decode()
    assert response.status_code == 200
    assert "/static/ninja/swagger-ui-bundle.js" in html
    assert "cdn" not in html.lower()
