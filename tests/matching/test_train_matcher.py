"""The learning loop: refit on reviewers' decisions, activate only when better on held-out decisions."""

from __future__ import annotations

import io

import pytest
from django.core.management import CommandError, call_command

from matching import matcher, training
from matching.models import FactCheck, MatchDecision, MatcherModel
from matching.ranking import default_weights


def decide(n: int, *, reused: bool, user, fact_check, features) -> MatchDecision:
    return MatchDecision.objects.create(
        fact_check=fact_check,
        text=f"Statement number {n} about the harbour.",
        decision="reused" if reused else "not_same",
        features=features,
        user=user,
    )


@pytest.fixture
def fact_check(db):
    return FactCheck.objects.create(key="https://c.example/1", url="https://c.example/1", claim="A harbour claim.")


def test_it_needs_enough_decisions(fact_check, bob):
    decide(1, reused=True, user=bob, fact_check=fact_check, features={"trigram": 0.9})
    with pytest.raises(training.TrainingError, match="at least 20"):
        training.train_matcher()


def test_decisions_that_contradict_the_shipped_weights_activate_new_ones(fact_check, bob):
    # This desk reuses matches that share few words but a number, and rejects close wordings.
    for n in range(60):
        decide(
            n,
            reused=True,
            user=bob,
            fact_check=fact_check,
            features={"trigram": 0.1 + n % 5 / 100, "numbers_shared": 1.0, "bm25_best": 0.3},
        )
        decide(100 + n, reused=False, user=bob, fact_check=fact_check,
               features={"trigram": 0.8 + n % 5 / 100, "numbers_conflict": 1.0, "bm25_best": 1.0})  # fmt: skip
    report = training.train_matcher()
    assert report.new_auc > report.current_auc
    assert report.activated and MatcherModel.objects.get(is_active=True) == report.model
    assert matcher.active_weights().weights != default_weights().weights
    assert "Activated matcher model" in report.summary()
    # The shipped weights already rank decisions that agree with them: nothing to gain, nothing activated.
    MatcherModel.objects.all().delete()
    MatchDecision.objects.all().delete()
    for n in range(60):
        decide(n, reused=True, user=bob, fact_check=fact_check, features={"trigram": 0.9, "bm25_best": 1.0})
        decide(100 + n, reused=False, user=bob, fact_check=fact_check, features={"trigram": 0.05, "bm25_best": 0.1})
    report = training.train_matcher()
    assert not report.activated and not MatcherModel.objects.exists()


def test_the_command_reports_a_dry_run(fact_check, bob):
    for n in range(30):
        decide(n, reused=True, user=bob, fact_check=fact_check, features={"trigram": 0.1, "numbers_shared": 1.0})
        decide(100 + n, reused=False, user=bob, fact_check=fact_check, features={"trigram": 0.9})
    out = io.StringIO()
    call_command("train_matcher", "--dry-run", stdout=out)
    assert "Dry run: nothing saved" in out.getvalue()
    assert not MatcherModel.objects.exists()


def test_the_command_says_why_it_cannot_train(db):
    with pytest.raises(CommandError, match="Only 0 decisions"):
        call_command("train_matcher", stdout=io.StringIO())
