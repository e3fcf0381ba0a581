from __future__ import annotations

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from tests.claims.exports.data import bulk_published_claims
from tests.factories import ArticleFactory

pytestmark = pytest.mark.django_db

FORMATS = ["csv", "json", "jsonld", "md", "html", "findings"]


@pytest.mark.parametrize("fmt", FORMATS)
def test_exports_stream_with_a_constant_number_of_queries_per_chunk(editor_client, alice, dave, settings, fmt):
    settings.EXPORT_CHUNK_SIZE = 250
    article = ArticleFactory()
    bulk_published_claims(article, 1000, author=alice, approver=dave)
    response = editor_client.get(f"/exports/articles/{article.pk}/{fmt}/")
    assert response.streaming
    with CaptureQueriesContext(connection) as queries:
        body = b"".join(response.streaming_content)
    assert body.count(b"Claim 999:") == 1
    # The claims cursor, 4 chunks x (verdicts + sources prefetch), one for the article's claim numbers,
    # and at most two for the summary or the organisation and rating scale: nothing per claim.
    assert len(queries) <= 1 + 4 * 2 + 1 + 2, [q["sql"][:80] for q in queries]
