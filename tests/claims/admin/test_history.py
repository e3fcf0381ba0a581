from __future__ import annotations

import pytest
from django.apps import apps

from tests.factories import ClaimFactory, SourceFactory, VerdictFactory

pytestmark = pytest.mark.django_db

EVENT_LISTS = ["claims/claimevent", "claims/sourceevent", "claims/verdictevent", "pghistory/events"]


def test_it_lists_who_changed_what_and_when(staff_client):
    claim = ClaimFactory(text="Cycling rose by 38%.")
    form = staff_client.get(f"/admin/claims/claim/{claim.pk}/change/").context["adminform"].form
    data = {**{name: form[name].value() or "" for name in form.fields}, "text": "Cycling rose by 40%."}
    for prefix in ("sources", "verdicts", "comments"):
        data |= {f"{prefix}-TOTAL_FORMS": "0", f"{prefix}-INITIAL_FORMS": "0"}
    assert staff_client.post(f"/admin/claims/claim/{claim.pk}/change/", data).status_code == 302

    page = staff_client.get(f"/admin/claims/claimevent/?pgh_obj={claim.pk}").content.decode()

    assert "staffer" in page
    assert "text: Cycling rose by 38%. → Cycling rose by 40%." in page
    assert "edited: False → True" in page
    assert "created" in page


@pytest.mark.parametrize("path", EVENT_LISTS)
def test_history_cannot_be_added_changed_or_deleted(staff_client, alice, path):
    claim = ClaimFactory()
    SourceFactory(claim=claim)
    VerdictFactory(claim=claim, author=alice)
    app_label, model_name = path.split("/")
    model = apps.get_model(app_label, model_name)
    event = model.objects.first()
    pk = f"{event.pgh_model}:{event.pgh_id}" if model_name == "events" else event.pk

    listing = staff_client.get(f"/admin/{path}/")
    assert listing.status_code == 200
    assert 'value="delete_selected"' not in listing.content.decode()
    assert staff_client.get(f"/admin/{path}/add/").status_code == 403
    assert staff_client.post(f"/admin/{path}/{pk}/change/", {}).status_code == 403
    assert staff_client.get(f"/admin/{path}/{pk}/delete/").status_code == 403
    assert staff_client.post(f"/admin/{path}/{pk}/delete/", {"post": "yes"}).status_code == 403
    # Still readable.
    assert staff_client.get(f"/admin/{path}/{pk}/change/").status_code == 200


def test_it_links_a_claim_to_its_history(staff_client):
    claim = ClaimFactory()

    page = staff_client.get(f"/admin/claims/claim/{claim.pk}/change/").content.decode()

    assert f'href="/admin/claims/claimevent/?pgh_obj={claim.pk}"' in page
