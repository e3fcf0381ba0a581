from __future__ import annotations

import pytest

from claims.admin.scale import rating_badge
from claims.models import Organization, Rating

pytestmark = pytest.mark.django_db


def test_it_previews_each_rating_as_a_coloured_badge(staff_client):
    page = staff_client.get("/admin/claims/rating/").content.decode()

    assert '<rect width="51" height="20" rx="4" fill="#b91c1c"></rect>' in page
    assert 'aria-label="Misleading"' in page
    # CSP forbids inline styles: the badge uses SVG presentation attributes only.
    assert "style=" not in rating_badge("False", "#b91c1c")


def test_the_preview_escapes_the_label():
    badge = rating_badge('<script>alert("x")</script>', "#b91c1c")

    assert "<script>" not in badge
    assert "&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;" in badge


def test_the_preview_ignores_a_colour_that_is_not_a_colour():
    badge = rating_badge("False", '"><script>')

    assert 'fill="#6b7280"' in badge
    assert "<script>" not in badge


def test_it_reorders_the_scale_from_the_list(staff_client):
    ratings = list(Rating.objects.order_by("position"))
    data = {"form-TOTAL_FORMS": len(ratings), "form-INITIAL_FORMS": len(ratings), "_save": "Save"}
    for index, rating in enumerate(ratings):
        data |= {
            f"form-{index}-id": rating.pk,
            f"form-{index}-position": rating.position,
            f"form-{index}-is_active": "on",
        }
    data["form-0-position"] = 10  # "False" moves to the end.

    response = staff_client.post("/admin/claims/rating/", data)

    assert response.status_code == 302
    assert list(Rating.objects.values_list("label", flat=True))[-1] == "False"


def test_it_rejects_a_colour_that_is_not_a_hex_colour(staff_client):
    rating = Rating.objects.get(slug="false")
    data = {"label": "False", "slug": "false", "value": 1, "position": 0, "colour": "red", "is_active": "on"}

    response = staff_client.post(f"/admin/claims/rating/{rating.pk}/change/", data)

    assert response.status_code == 200
    assert "Use a colour like #b91c1c." in response.content.decode()


def test_the_organisation_is_a_singleton(staff_client):
    organization = Organization.get()

    assert staff_client.get("/admin/claims/organization/add/").status_code == 403
    assert staff_client.get(f"/admin/claims/organization/{organization.pk}/delete/").status_code == 403
    listing = staff_client.get("/admin/claims/organization/")
    assert listing["Location"] == f"/admin/claims/organization/{organization.pk}/change/"


def test_it_can_be_added_when_there_is_none(staff_client):
    Organization.objects.all().delete()

    assert staff_client.get("/admin/claims/organization/add/").status_code == 200


def test_it_edits_the_organisation_profile_claimreview_uses(staff_client):
    organization = Organization.get()
    data = {
        "name": "Evening News <Fact Check>",
        "url": "https://factcheck.example",
        "logo_url": "",
        "same_as": '["https://social.example/factcheck"]',
    }

    assert staff_client.post(f"/admin/claims/organization/{organization.pk}/change/", data).status_code == 302

    organization.refresh_from_db()
    assert organization.same_as == ["https://social.example/factcheck"]
    page = staff_client.get(f"/admin/claims/organization/{organization.pk}/change/").content.decode()
    assert "&quot;name&quot;: &quot;Evening News &lt;Fact Check&gt;&quot;" in page


def test_it_refuses_profiles_that_are_not_urls(staff_client):
    organization = Organization.get()
    data = {"name": "Evening News", "url": "", "logo_url": "", "same_as": '["javascript:alert(1)"]'}

    response = staff_client.post(f"/admin/claims/organization/{organization.pk}/change/", data)

    assert response.status_code == 200
    assert "Enter a valid URL." in response.content.decode()
