from __future__ import annotations

import pytest
from django.urls import reverse

from tests.factories import ArticleFactory

pytestmark = pytest.mark.django_db

URL = reverse("claims:import-article")
LIST_URL = reverse("claims:import-list")


def test_it_shows_the_three_ways_in(editor_client):
    html = editor_client.get(URL).content.decode()
    for action in ("import-url", "import-text", "import-file"):
        assert reverse(f"claims:{action}") in html
    assert 'enctype="multipart/form-data"' in html and "csrfmiddlewaretoken" in html
    assert "Size limit: 5 MB" in html


def test_editors_find_it_in_the_dashboard_and_nav(editor_client, reviewer_client):
    assert editor_client.get("/").content.decode().count(URL) == 2
    assert URL not in reviewer_client.get("/").content.decode()


def test_the_dashboard_links_imports_in_progress(reviewer_client, django_assert_max_num_queries):
    ArticleFactory(title="Still fetching", status="fetching")
    ArticleFactory(title="Broken one", status="failed", error="The site answered 404")
    ArticleFactory(title="Done", status="ready")
    assert LIST_URL in reviewer_client.get("/").content.decode()
    with django_assert_max_num_queries(6):
        html = reviewer_client.get(LIST_URL).content.decode()
    in_progress, failed = html.split('id="imports-failed"')
    assert "Still fetching" in in_progress and "Done" not in html
    assert "Broken one" in failed and "The site answered 404" in failed


def test_access(client, outsider_client, reviewer_client, editor_client):
    assert client.get(URL)["Location"].startswith("/accounts/login/")
    assert outsider_client.get(URL).status_code == 404
    assert reviewer_client.get(URL).status_code == 403
    assert editor_client.post(URL).status_code == 405
    assert outsider_client.get(LIST_URL).status_code == 404
    assert reviewer_client.post(LIST_URL).status_code == 405
