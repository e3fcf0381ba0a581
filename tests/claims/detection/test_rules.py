"""Product rules: predictions and opinion are demoted unless a newsroom's labelled decisions lift a rule."""

from __future__ import annotations

from claims.detection import NOT_WORTH, RuleBackend, Weights, default_weights, describe_weights, features_for
from claims.detection.rules import rule_flags
from claims.detection.training import MIN_RULE_SUPPORT, choose_lifted_rules, fit_calibrated

TOWNS = ["Leeds", "Porto", "Lyon", "Gdansk", "Malmo", "Turin", "Bremen", "Cork", "Ghent", "Brno"]
PROJECTS = ["bridge", "library", "clinic", "school", "depot"]


def pledge(i: int) -> str:
    return f"We will build a new {PROJECTS[i % 5]} in {TOWNS[i % 10]} for local families."


def forecast(i: int) -> str:
    return f"I think the weather in {TOWNS[i % 10]} will feel lovely for the {PROJECTS[i % 5]} opening."


def spending(i: int) -> str:
    return f"The council in {TOWNS[i % 10]} spent ${i + 3} million on the {PROJECTS[i % 5]} in 20{10 + i % 12}."


def chatter(i: int) -> str:
    return f"Everyone in {TOWNS[i % 10]} enjoyed the music at the {PROJECTS[i % 5]} fair."


def pledge_tracker(n: int = 40) -> list[tuple[str, int]]:
    """A desk that checks politicians' pledges, plus ordinary spending claims and chatter."""
    return (
        [(pledge(i), 1) for i in range(n)]
        + [(spending(i), 1) for i in range(n)]
        + [(chatter(i), 0) for i in range(n)]
        + [(forecast(i), 0) for i in range(n // 4)]
    )


def fitted(data: list[tuple[str, int]], **options) -> Weights:
    return fit_calibrated(
        [(features_for(t), y) for t, y in data], texts=[t for t, _ in data], lexical=False, lift_rules=True, **options
    )


def test_a_pledge_is_a_demoted_prediction_with_the_shipped_weights():
    [candidate] = RuleBackend(default_weights()).detect(pledge(3))
    assert candidate.bucket == NOT_WORTH
    assert candidate.reasons[0] == "prediction: about the future, cannot be checked yet"
    assert candidate.claim_type == "prediction"
    assert not default_weights().lifted_rules


def test_decisions_that_keep_pledges_lift_the_prediction_rule():
    weights = fitted(pledge_tracker())
    assert weights.lifted_rules == {"prediction"}
    assert weights.weights["rule:prediction"] > 0
    [candidate] = RuleBackend(weights).detect("We will build a new harbour in York for local families.")
    assert candidate.bucket != NOT_WORTH
    assert candidate.claim_type == "prediction"
    assert "about the future (this newsroom checks such claims)" in candidate.reasons
    # Opinion is still a veto: nothing in these decisions contradicts it.
    [opinion] = RuleBackend(weights).detect("I think the mayor should resign.")
    assert opinion.bucket == NOT_WORTH
    assert opinion.reasons[0] == "opinion or prescription rather than a checkable fact"


def test_decisions_that_agree_with_a_rule_keep_it():
    data = [(t, 0) if t.startswith("We will") else (t, y) for t, y in pledge_tracker()]
    weights = fitted(data)
    assert not weights.lifted_rules
    [candidate] = RuleBackend(weights).detect("We will build a new harbour in York for local families.")
    assert candidate.bucket == NOT_WORTH


def test_a_handful_of_kept_pledges_is_not_enough_to_lift_a_rule():
    few = MIN_RULE_SUPPORT - 1
    data = [(pledge(i), 1) for i in range(few)] + [
        (t, y) for t, y in pledge_tracker() if not t.startswith(("We", "I "))
    ]
    assert sum(rule_flags(t, features_for(t))["prediction"] for t, _ in data) < MIN_RULE_SUPPORT
    assert not fitted(data).lifted_rules


def test_lifting_is_off_unless_asked_for():
    data = pledge_tracker()
    weights = fit_calibrated([(features_for(t), y) for t, y in data], texts=[t for t, _ in data], lexical=False)
    assert not weights.lifted_rules and "rule:prediction" not in weights.weights


def test_choose_lifted_rules_is_deterministic():
    data = pledge_tracker()
    examples = [(features_for(t), y) for t, y in data]
    flags = [rule_flags(t, f) for (t, _), (f, _) in zip(data, examples, strict=True)]
    assert choose_lifted_rules(examples, flags) == choose_lifted_rules(examples, flags) == {"prediction"}


def test_lifted_rules_survive_a_round_trip_and_are_printed():
    weights = fitted(pledge_tracker())
    data = weights.to_dict()
    assert data["lifted_rules"] == ["prediction"]
    assert Weights.from_dict(data).lifted_rules == {"prediction"}
    # A rule this version does not know is ignored rather than trusted.
    assert Weights.from_dict({**data, "lifted_rules": ["prediction", "sarcasm"]}).lifted_rules == {"prediction"}
    lines = describe_weights(weights)
    assert "rules that demote a candidate: opinion" in lines
    assert any(line.endswith("about the future (this newsroom checks such claims)") for line in lines)
    assert "rules that demote a candidate: prediction, opinion" in describe_weights(default_weights())


def test_rule_flags_spare_deeds_and_anchored_figures():
    def flags(text: str) -> dict[str, bool]:
        return rule_flags(text, features_for(text))

    assert flags("We will cut the sales tax next year.")["prediction"]
    assert not flags("Unemployment fell to 3.1% and will keep falling.")["prediction"]
    assert not flags("We have expanded childcare for parents who must work.")["opinion"]
    assert flags("The mayor should resign.")["opinion"]
