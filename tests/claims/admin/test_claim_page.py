from __future__ import annotations

import pytest
from django.utils import timezone

from claims.models import Claim
from tests.factories import ClaimFactory, CommentFactory, SourceFactory, VerdictFactory

pytestmark = pytest.mark.django_db


def _form_data(client, claim: Claim, **changes) -> dict:
    form = client.get(f"/admin/claims/claim/{claim.pk}/change/").context["adminform"].form
    data = {name: form[name].value() or "" for name in form.fields}
    sources = list(claim.sources.all())
    data |= {"sources-TOTAL_FORMS": len(sources), "sources-INITIAL_FORMS": len(sources)}
    for index, source in enumerate(sources):
        data |= {f"sources-{index}-id": source.pk, f"sources-{index}-claim": claim.pk}
        data |= {f"sources-{index}-stance": source.stance, f"sources-{index}-excerpt": "", f"sources-{index}-note": ""}
    for prefix in ("verdicts", "comments"):
        data |= {f"{prefix}-TOTAL_FORMS": "0", f"{prefix}-INITIAL_FORMS": "0"}
    return data | changes


def test_it_shows_sources_verdict_history_and_comments(staff_client, alice, dave):
    claim = ClaimFactory(text="Cycling rose by 38%.")
    SourceFactory(claim=claim, document__title="Council traffic count 2025")
    VerdictFactory(claim=claim, author=alice, rationale="First look: <em>misleading</em>.")
    VerdictFactory(claim=claim, author=alice, approved_by=dave, approved_at=timezone.now(), rationale="Final.")
    CommentFactory(claim=claim, author=dave, body="Check the 2019 baseline.")

    page = staff_client.get(f"/admin/claims/claim/{claim.pk}/change/").content.decode()

    assert "Council traffic count 2025" in page
    assert "Verdict history" in page
    assert "First look: &lt;em&gt;misleading&lt;/em&gt;." in page
    assert "approved by Dave" in page
    assert "Check the 2019 baseline." in page
    assert "1 source(s), 2 verdict(s), 1 comment(s)" in page
    assert "there is no published verdict, so there is no ClaimReview" in page


def test_it_saves_a_wording_change_as_an_edit(staff_client):
    claim = ClaimFactory(text="Cycling rose by 38%.")

    response = staff_client.post(
        f"/admin/claims/claim/{claim.pk}/change/", _form_data(staff_client, claim, text="Cycling rose by 40%.")
    )

    assert response.status_code == 302
    claim.refresh_from_db()
    assert (claim.text, claim.edited, claim.version) == ("Cycling rose by 40%.", True, 2)


def test_it_refuses_to_overwrite_a_change_made_meanwhile(staff_client):
    claim = ClaimFactory(text="Cycling rose by 38%.")
    data = _form_data(staff_client, claim, text="My wording")
    Claim.objects.filter(pk=claim.pk).update(text="Their wording", version=2)

    response = staff_client.post(f"/admin/claims/claim/{claim.pk}/change/", data)

    assert response.status_code == 200
    assert "Someone changed this claim since you opened it." in response.content.decode()
    claim.refresh_from_db()
    assert claim.text == "Their wording"


def test_it_keeps_workflow_fields_out_of_the_form(staff_client):
    claim = ClaimFactory()

    form = staff_client.get(f"/admin/claims/claim/{claim.pk}/change/").context["adminform"].form

    for field in ("status", "duplicate_of", "version", "article", "checkworthiness"):
        assert field not in form.fields


def test_it_does_not_delete_published_claims(staff_client):
    claim = ClaimFactory(status=Claim.Status.PUBLISHED)

    assert staff_client.post(f"/admin/claims/claim/{claim.pk}/delete/", {"post": "yes"}).status_code == 403
    assert Claim.objects.filter(pk=claim.pk).exists()


def test_it_filters_and_searches_claims(staff_client):
    ClaimFactory(text="Cycling rose by 38%.", status=Claim.Status.PUBLISHED)
    ClaimFactory(text="Bus fares fell.")

    published = staff_client.get("/admin/claims/claim/?status__exact=published")
    found = staff_client.get("/admin/claims/claim/?q=fares")

    assert [c.text for c in published.context["cl"].result_list] == ["Cycling rose by 38%."]
    assert [c.text for c in found.context["cl"].result_list] == ["Bus fares fell."]


def test_it_shows_the_current_rating_in_the_list(staff_client, alice):
    VerdictFactory(author=alice)

    page = staff_client.get("/admin/claims/claim/").content.decode()

    assert 'aria-label="False"' in page
