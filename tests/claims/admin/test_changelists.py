from __future__ import annotations

import time

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from claims.models import (
    Article,
    Claim,
    Comment,
    DetectorDecision,
    DetectorModel,
    Organization,
    Rating,
    Source,
    Verdict,
)
from tests.claims.admin.bulk import populate

pytestmark = pytest.mark.django_db

CHANGELISTS = [
    "/admin/claims/article/",
    "/admin/claims/claim/",
    "/admin/claims/claim/?q=cycling&status__exact=verdict_proposed",
    "/admin/claims/source/",
    "/admin/claims/verdict/",
    "/admin/claims/comment/",
    "/admin/claims/rating/",
    "/admin/claims/detectormodel/",
    "/admin/claims/detectordecision/",
    "/admin/claims/claimevent/",
    "/admin/claims/claimevent/?pgh_obj=1",
    "/admin/claims/sourceevent/",
    "/admin/claims/verdictevent/",
    "/admin/documents/document/",
    "/admin/accounts/user/",
    "/admin/auth/group/",
    "/admin/pghistory/events/",
]


TIMES: dict[str, float] = {}


def _queries(client, url: str) -> int:
    started = time.perf_counter()
    with CaptureQueriesContext(connection) as captured:
        response = client.get(url)
    TIMES[url] = time.perf_counter() - started
    assert response.status_code == 200, url
    return len(captured)


def test_it_keeps_every_changelist_query_count_flat_from_10_to_1000_rows(staff_client):
    populate(10)
    # Warm per-process caches (content types, permissions) so both passes are alike.
    for url in CHANGELISTS:
        _queries(staff_client, url)
    small = {url: _queries(staff_client, url) for url in CHANGELISTS}
    populate(990, start=10)
    large = {url: _queries(staff_client, url) for url in CHANGELISTS}

    # Printed for the release notes (run with -s); only the query counts are asserted.
    print("\nchangelist queries at 10 / 1,000 rows (time at 1,000):")
    for url in CHANGELISTS:
        print(f"  {url:60} {small[url]:3} / {large[url]:3}  {TIMES[url] * 1000:6.0f} ms")
    assert large == small
    assert max(large.values()) <= 15


def test_it_renders_every_change_view(staff_client):
    populate(3)
    objects = [
        Article.objects.first(),
        Claim.objects.first(),
        Source.objects.first(),
        Verdict.objects.first(),
        Comment.objects.first(),
        Rating.objects.first(),
        Organization.get(),
        DetectorModel.objects.first(),
        DetectorDecision.objects.first(),
    ]
    for obj in objects:
        url = f"/admin/claims/{obj._meta.model_name}/{obj.pk}/change/"
        with CaptureQueriesContext(connection) as captured:
            response = staff_client.get(url)
        assert response.status_code == 200, url
        assert len(captured) <= 40, (url, len(captured))


def test_it_renders_the_organisation_list_as_its_single_profile(staff_client):
    response = staff_client.get("/admin/claims/organization/", follow=True)

    assert response.redirect_chain[-1][0] == f"/admin/claims/organization/{Organization.get().pk}/change/"
    assert response.status_code == 200
