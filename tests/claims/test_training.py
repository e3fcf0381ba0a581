"""Learning from the newsroom: decisions → train_detector → activation only when better."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from django.core.management import CommandError, call_command

from claims.detection import default_weights, detect_claims, features_for
from claims.learning.active import detect_claims as project_detect_claims
from claims.learning.refit import TrainingError, train_detector
from claims.models import DetectorDecision, DetectorModel
from tests.factories import ClaimFactory

ROOT = Path(__file__).resolve().parents[2]
CITIES = ["Leeds", "Porto", "Lyon", "Gdansk", "Malmo", "Turin", "Bremen", "Cork", "Ghent", "Brno"]


def money_sentence(i: int) -> str:
    return f"The council in {CITIES[i % 10]} spent ${i + 3} million on {['roads', 'schools', 'parks'][i % 3]} in 20{10 + i % 12}."


def percent_sentence(i: int) -> str:
    return f"About {i + 5}% of voters in {CITIES[i % 10]} {['liked', 'watched', 'shared'][i % 3]} the {['show', 'match', 'film'][i % 3]}."


def newsroom(n: int = 60) -> list[tuple[str, int]]:
    """A newsroom that checks spending but dismisses poll trivia, which the shipped weights propose."""
    return [(money_sentence(i), 1) for i in range(n)] + [(percent_sentence(i), 0) for i in range(n)]


def record(examples, user=None, *, with_features: bool = True) -> None:
    for text, label in examples:
        claim = ClaimFactory(text=text)
        DetectorDecision.objects.create(
            claim=claim,
            action=DetectorDecision.Action.KEPT if label else DetectorDecision.Action.DISMISSED,
            text=text,
            features=features_for(text) if with_features else {},
            label=bool(label),
            user=user,
        )


def test_it_computes_the_same_features_for_hand_added_text_as_for_a_detected_candidate():
    text = "The city hired 1,200 teachers in 2024, the mayor said."
    [candidate] = detect_claims(text)
    assert features_for(text) == candidate.features
    assert features_for(text)["has_number"] == 1.0


@pytest.mark.django_db
def test_it_activates_weights_learned_from_decisions_that_beat_the_shipped_ones(alice):
    record(newsroom(), alice)
    out = call_and_capture()
    model = DetectorModel.objects.get(is_active=True)
    assert "New weights on the held-out part: precision 1.000, recall 1.000, F1 1.000" in out
    assert "The shipped default weights on the same part: precision 0.5" in out
    assert f"Activated detector model {model.pk}." in out
    assert model.metrics["held_out"]["f1"] == 1.0
    assert model.trained_on + model.metrics["holdout_size"] == 120
    assert model.weights["weights"]["has_money"] > model.weights["weights"]["has_percent"]


@pytest.mark.django_db
def test_it_keeps_the_active_model_when_the_new_weights_are_no_better(alice):
    record(newsroom(), alice)
    first = train_detector()
    second = train_detector()
    assert first.activated and not second.activated
    assert DetectorModel.objects.get(is_active=True) == first.model
    assert DetectorModel.objects.count() == 1
    assert f"do not beat active detector model {first.model.pk}; keeping them" in second.summary()


@pytest.mark.django_db
def test_a_dry_run_reports_but_activates_and_saves_nothing(alice):
    record(newsroom(), alice)
    out = call_and_capture("--dry-run")
    assert "Dry run: nothing saved; the new weights would be activated." in out
    assert not DetectorModel.objects.exists()


@pytest.mark.django_db
def test_it_uses_the_latest_decision_per_claim_and_recomputes_missing_features(alice):
    record(newsroom(), alice, with_features=False)
    # An editor first kept, then dismissed this claim: only the dismissal counts.
    claim = ClaimFactory(text=money_sentence(99))
    for label in (True, False):
        DetectorDecision.objects.create(claim=claim, action="kept", text=claim.text, features={}, label=label)
    report = train_detector(activate=False)
    assert report.decisions == 121
    assert report.new["f1"] > 0.9


@pytest.mark.django_db
def test_it_trains_on_labelled_jsonl_files_too(tmp_path):
    path = tmp_path / "labelled.jsonl"
    path.write_text("\n".join(json.dumps({"text": t, "label": y}) for t, y in newsroom()) + "\n\n")
    out = call_and_capture("--jsonl", str(path), "--holdout", "0.3")
    assert "Examples: 0 editor decisions + 120 from files" in out
    assert DetectorModel.objects.filter(is_active=True).exists()


@pytest.mark.django_db
def test_it_refuses_to_train_on_too_few_or_one_sided_examples(alice):
    record(newsroom(5), alice)
    with pytest.raises(CommandError, match="Only 10 labelled examples; at least 20"):
        call_command("train_detector")
    with pytest.raises(TrainingError, match="both worth and not worth"):
        train_detector(extra_examples=[(money_sentence(i), 1) for i in range(40)])
    assert not DetectorModel.objects.exists()


@pytest.mark.parametrize(
    ("content", "message"),
    [
        ('{"text": "Taxes rose 4%.", "label": 1}\n{"text": "oops"\n', "line 2: not JSON"),
        ('{"text": "Taxes rose 4%.", "label": "yes"}\n', 'line 1: "label" must be 0, 1'),
        ('{"label": 1}\n', 'line 1: "text" must be a non-empty string'),
        ("\n", "no examples in the file"),
    ],
)
def test_a_bad_jsonl_file_fails_with_a_clear_message_and_a_non_zero_exit(tmp_path, content, message):
    path = tmp_path / "bad.jsonl"
    path.write_text(content)
    result = subprocess.run(
        [sys.executable, "manage.py", "train_detector", "--jsonl", str(path)],
        cwd=ROOT,
        capture_output=True,
        text=True,
        env=os.environ,
        timeout=60,
    )
    assert result.returncode != 0
    assert message in result.stderr
    assert "Traceback" not in result.stderr


def test_the_shipped_weights_say_the_newsroom_trivia_is_worth_proposing():
    # Guards the premise of the tests above: without learning, poll trivia is proposed.
    weights = default_weights()
    assert weights.probability(features_for(percent_sentence(1))) >= weights.may_threshold


def call_and_capture(*args: str) -> str:
    from io import StringIO

    out = StringIO()
    call_command("train_detector", *args, stdout=out)
    return out.getvalue()


DAYS = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"]


def vehicle_sentence(i: int, vehicle: str) -> str:
    return f"The council in {CITIES[i % 10]} discussed the {vehicle} timetable on {DAYS[i % 7]}."


@pytest.mark.django_db
def test_it_learns_a_newsroom_word_with_lexical_training(alice):
    # Only the word tells these apart, so the grammar features alone cannot learn the newsroom's choice.
    record(
        [(vehicle_sentence(i, "ferry"), 1) for i in range(60)] + [(vehicle_sentence(i, "tram"), 0) for i in range(60)]
    )
    plain = train_detector(activate=False)
    report = train_detector(lexical=True)
    assert plain.new["f1"] < 1.0
    assert report.activated and report.new["f1"] == 1.0
    assert any(note.startswith("Lexical features:") for note in report.notes)
    stored = report.model.weights
    assert "ferry" in stored["lexical"]["vocabulary"] and stored["weights"]["w:ferry"] > 0
    assert stored["provenance"]["lexical"] is True
    # The project's detector now applies the stored vocabulary to new text.
    [ferry] = project_detect_claims("The council in York discussed the ferry timetable on Monday.")
    [tram] = project_detect_claims("The council in York discussed the tram timetable on Monday.")
    assert ferry.bucket != "not_worth_checking" and tram.bucket == "not_worth_checking"


@pytest.mark.django_db
def test_the_command_takes_lexical_as_a_flag(alice):
    record(
        [(vehicle_sentence(i, "ferry"), 1) for i in range(30)] + [(vehicle_sentence(i, "tram"), 0) for i in range(30)]
    )
    out = call_and_capture("--lexical", "--dry-run")
    assert "Lexical features:" in out
    assert "the new weights would be activated" in out
    assert not DetectorModel.objects.exists()


PROJECTS = ["bridge", "library", "clinic", "school", "depot"]


def pledge_sentence(i: int) -> str:
    return f"We will build a new {PROJECTS[i % 5]} in {CITIES[i % 10]} for local families."


def pledge_desk(n: int = 60) -> list[tuple[str, int]]:
    """A desk that tracks pledges: editors keep "we will build …" sentences the shipped rules demote."""
    return [(pledge_sentence(i), 1) for i in range(n)] + newsroom(n)


@pytest.mark.django_db
def test_editors_who_keep_pledges_lift_the_prediction_rule(alice):
    pledge = "We will build a new harbour in York for local families."
    [before] = project_detect_claims(pledge)
    assert before.bucket == "not_worth_checking"
    record(pledge_desk(), alice)
    out = call_and_capture()
    model = DetectorModel.objects.get(is_active=True)
    assert "Rule lifted: predictions (" in out
    assert model.weights["lifted_rules"] == ["prediction"]
    assert model.metrics["lifted_rules"] == ["prediction"]
    # The shipped weights obey the rule on the held-out pledges, so they lose the comparison.
    assert model.metrics["baseline"]["recall"] < model.metrics["held_out"]["recall"]
    [after] = project_detect_claims(pledge)
    assert after.bucket != "not_worth_checking"
    assert "about the future (this newsroom checks such claims)" in after.reasons


@pytest.mark.django_db
def test_keep_rules_never_lifts_a_rule(alice):
    record(pledge_desk(), alice)
    out = call_and_capture("--keep-rules")
    model = DetectorModel.objects.get(is_active=True)
    assert "Rule lifted" not in out
    assert "lifted_rules" not in model.weights
    [pledge] = project_detect_claims("We will build a new harbour in York for local families.")
    assert pledge.bucket == "not_worth_checking"
