from __future__ import annotations

import pytest

from claims.models import DetectorDecision, DetectorModel
from tests.conftest import make_user
from tests.factories import ClaimFactory

pytestmark = pytest.mark.django_db


def _model(**extra) -> DetectorModel:
    metrics = {"held_out": {"precision": 0.81234, "recall": 0.7, "f1": 0.75}, "<b>note</b>": "refit"}
    return DetectorModel.objects.create(weights={"bias": 0.1}, metrics=metrics, trained_on=420, **extra)


def test_it_shows_the_figures_as_a_small_table(staff_client):
    model = _model(is_active=True)

    page = staff_client.get(f"/admin/claims/detectormodel/{model.pk}/change/").content.decode()

    assert "<tr><th>held_out.precision</th><td>0.8123</td></tr>" in page
    assert "<tr><th>&lt;b&gt;note&lt;/b&gt;</th><td>refit</td></tr>" in page


def test_it_lists_models_with_their_headline_figures(staff_client):
    _model(is_active=True)

    page = staff_client.get("/admin/claims/detectormodel/").content.decode()

    assert "held_out.f1 0.75, held_out.precision 0.8123, held_out.recall 0.7" in page
    assert "Retrain from editors" in page
    assert '<td class="field-rules">none</td>' in page


def test_the_list_names_the_rules_a_model_lifted(staff_client):
    DetectorModel.objects.create(weights={"bias": 0.1}, metrics={"lifted_rules": ["prediction"]}, trained_on=9)

    page = staff_client.get("/admin/claims/detectormodel/").content.decode()

    assert '<th scope="col" class="column-rules">' in page
    assert '<td class="field-rules">prediction</td>' in page


def test_models_and_decisions_are_read_only(staff_client, alice):
    model = _model()
    decision = DetectorDecision.objects.create(
        claim=ClaimFactory(), action="kept", text="Cycling rose.", features={"number": 1.0}, label=True, user=alice
    )

    for path in (f"detectormodel/{model.pk}", f"detectordecision/{decision.pk}"):
        assert staff_client.get(f"/admin/claims/{path}/change/").status_code == 200
        assert staff_client.post(f"/admin/claims/{path}/change/", {}).status_code == 403
        assert staff_client.post(f"/admin/claims/{path}/delete/", {"post": "yes"}).status_code == 403
    assert staff_client.get("/admin/claims/detectordecision/add/").status_code == 403
    page = staff_client.get(f"/admin/claims/detectordecision/{decision.pk}/change/").content.decode()
    assert "<tr><th>number</th><td>1.0</td></tr>" in page


def test_only_editors_may_retrain(client):
    clerk = make_user("clerk", is_staff=True)
    clerk.user_permissions.add(*_view_permissions())
    client.force_login(clerk)

    assert "Retrain from editors" not in client.get("/admin/claims/detectormodel/").content.decode()
    assert client.post("/admin/claims/detectormodel/retrain/").status_code == 403


def test_retraining_takes_a_post(staff_client):
    assert staff_client.get("/admin/claims/detectormodel/retrain/").status_code == 405


def _view_permissions():
    from django.contrib.auth.models import Permission

    return Permission.objects.filter(codename="view_detectormodel")
