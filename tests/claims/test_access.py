"""The access checklist, for every endpoint of the review workspace."""

from __future__ import annotations

import pytest

from tests.factories import ArticleFactory, ClaimFactory, SourceFactory

pytestmark = pytest.mark.django_db

# (url pattern, method, whether a reviewer who is not the assignee is refused with 403)
ENDPOINTS = [
    ("/articles/{article}/", "get", False),
    ("/articles/{article}/claims/{claim}/", "get", False),
    ("/articles/{article}/claims/add/", "post", True),
    ("/articles/{article}/claims/bulk/", "post", True),
    ("/claims/", "get", False),
    ("/claims/mine/", "get", False),
    ("/claims/needs-approval/", "get", True),
    ("/claims/{claim}/keep/", "post", True),
    ("/claims/{claim}/dismiss/", "post", True),
    ("/claims/{claim}/restore/", "post", True),
    ("/claims/{claim}/edit/", "post", True),
    ("/claims/{claim}/split/", "post", True),
    ("/claims/{claim}/merge/", "post", True),
    ("/claims/{claim}/assign/", "post", True),
    ("/claims/{claim}/sources/", "post", True),
    ("/sources/{source}/", "get", False),
    ("/sources/{source}/edit/", "post", True),
    ("/sources/{source}/remove/", "post", True),
    ("/sources/{source}/retry/", "post", True),
    ("/claims/{claim}/verdict/", "post", True),
    ("/claims/{claim}/verdict/approve/", "post", True),
    ("/claims/{claim}/verdict/send-back/", "post", True),
    ("/claims/{claim}/publish/", "post", True),
    ("/claims/{claim}/unpublish/", "post", True),
    ("/claims/{claim}/comments/", "post", False),
]


@pytest.fixture
def urls():
    article = ArticleFactory()
    claim = ClaimFactory(article=article)
    source = SourceFactory(claim=claim)
    return {"article": article.pk, "claim": claim.pk, "source": source.pk}


@pytest.mark.parametrize(("pattern", "method", "_"), ENDPOINTS)
def test_it_sends_anonymous_users_to_login(client, urls, pattern, method, _):
    response = getattr(client, method)(pattern.format(**urls))
    assert response.status_code == 302
    assert response["Location"].startswith("/accounts/login/")


@pytest.mark.parametrize(("pattern", "method", "_"), ENDPOINTS)
def test_it_hides_everything_from_users_without_a_role(outsider_client, urls, pattern, method, _):
    assert getattr(outsider_client, method)(pattern.format(**urls)).status_code == 404


@pytest.mark.parametrize(("pattern", "method", "refused"), ENDPOINTS)
def test_it_refuses_reviewers_what_only_editors_or_the_assignee_may_do(reviewer_client, urls, pattern, method, refused):
    status = getattr(reviewer_client, method)(pattern.format(**urls)).status_code
    assert (status == 403) is refused


@pytest.mark.parametrize(("pattern", "method", "_"), ENDPOINTS)
def test_it_rejects_the_wrong_method(editor_client, urls, pattern, method, _):
    wrong = "get" if method == "post" else "post"
    assert getattr(editor_client, wrong)(pattern.format(**urls)).status_code == 405
