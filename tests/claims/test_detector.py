"""The detector the import pipeline calls: active weights and the LLM backend chosen by settings."""

from __future__ import annotations

import pytest

from claims.detection import OpenAICompatibleBackend, RuleBackend, Weights, default_weights
from claims.learning.active import active_weights, detect_claims, get_backend
from claims.models import DetectorModel
from tests.claims.detection.test_backends import TEXT, FakeLLM

SENTENCE = "Sales rose 5% in 2023."


def money_only() -> dict:
    """Weights of a newsroom that only cares about money."""
    return Weights(weights={"has_money": 12.0}, bias=-6.0, worth_threshold=0.6, may_threshold=0.4).to_dict()


@pytest.mark.django_db
def test_it_uses_the_shipped_weights_until_a_model_is_activated():
    assert active_weights() == default_weights()
    assert [c.bucket for c in detect_claims(SENTENCE)] == ["worth_checking"]


@pytest.mark.django_db
def test_activating_a_model_changes_what_is_proposed(django_assert_max_num_queries):
    before = detect_claims(SENTENCE)
    model = DetectorModel.objects.create(weights=money_only(), is_active=True)
    after = detect_claims(SENTENCE)
    assert [c.bucket for c in before] == ["worth_checking"]
    assert [c.bucket for c in after] == ["not_worth_checking"]
    assert [c.bucket for c in detect_claims("The school cost $40 million.")] == ["worth_checking"]
    # Switching back to the defaults by deactivating is picked up on the next call as well.
    model.is_active = False
    model.save()
    assert [c.bucket for c in detect_claims(SENTENCE)] == ["worth_checking"]


@pytest.mark.django_db
def test_it_loads_the_active_weights_with_one_small_query_per_call(django_assert_num_queries):
    DetectorModel.objects.create(weights=money_only(), is_active=True)
    loaded = []
    for _ in range(3):
        with django_assert_num_queries(1):
            loaded.append(active_weights())
    assert loaded[0].weights == {"has_money": 12.0}
    # Parsed once per process, not once per call.
    assert loaded[1] is loaded[0] and loaded[2] is loaded[0]


@pytest.mark.django_db
def test_it_falls_back_to_the_shipped_weights_when_the_active_ones_are_unreadable():
    DetectorModel.objects.create(weights={"nonsense": True}, is_active=True)
    assert active_weights() == default_weights()


@pytest.mark.django_db
def test_without_llm_settings_it_uses_the_rule_backend(settings):
    settings.DETECTION_LLM_URL = ""
    assert isinstance(get_backend(), RuleBackend)
    settings.DETECTION_LLM_URL = "http://127.0.0.1:9/v1"
    settings.DETECTION_LLM_MODEL = ""
    assert isinstance(get_backend(), RuleBackend)
    settings.DETECTION_LLM_URL = "file:///etc/passwd"
    settings.DETECTION_LLM_MODEL = "m"
    assert isinstance(get_backend(), RuleBackend)


@pytest.mark.django_db
def test_it_asks_the_configured_llm_and_caches_the_answer_in_the_project_cache(settings):
    with FakeLLM("ok") as fake:
        settings.DETECTION_LLM_URL = fake.url
        settings.DETECTION_LLM_MODEL = "newsroom-model"
        settings.DETECTION_LLM_API_KEY = "secret-key"
        settings.DETECTION_LLM_TIMEOUT = 5
        backend = get_backend()
        first = detect_claims(TEXT)
        second = detect_claims(TEXT)
    assert isinstance(backend, OpenAICompatibleBackend)
    assert backend.timeout == 5.0 and backend.api_key == "secret-key"
    assert [c.text for c in first] == [
        "Acme's revenue rose 12% to $3 billion in 2024.",
        "Acme opened 40 new stores in Brazil last year.",
    ]
    assert second == first
    assert fake.calls == 1
    assert fake.requests[0]["model"] == "newsroom-model"


@pytest.mark.django_db
@pytest.mark.parametrize("mode", ["error", "garbage"])
def test_when_the_llm_fails_it_falls_back_to_rules_with_the_active_weights(settings, mode):
    DetectorModel.objects.create(weights=money_only(), is_active=True)
    with FakeLLM(mode) as fake:
        settings.DETECTION_LLM_URL = fake.url
        settings.DETECTION_LLM_MODEL = "m"
        claims = detect_claims(TEXT)
    assert fake.calls == 1
    expected = RuleBackend(Weights.from_dict(money_only())).detect(TEXT)
    assert claims == expected
    # The money sentence is proposed; "opened 40 new stores" is not, under these weights.
    assert [c.bucket for c in claims] == ["worth_checking", "not_worth_checking"]
