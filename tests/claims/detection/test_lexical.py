"""Optional lexical features: a bounded vocabulary learned from the data, stored and applied with the weights."""

from __future__ import annotations

import json

from claims.detection import RuleBackend, Weights, describe_weights, features_for, fit_calibrated
from claims.detection.lexical import choose_vocabulary, lexical_features
from claims.detection.weights import DEFAULT_PATH

TOWNS = ["Leeds", "Porto", "Lyon", "Gdansk", "Malmo", "Turin", "Bremen", "Cork", "Ghent", "Brno"]


def ferry_or_tram(i: int, vehicle: str) -> str:
    return f"The council in {TOWNS[i % 10]} discussed the {vehicle} timetable on Monday."


def deciding_word_set(n: int = 40) -> list[tuple[str, int]]:
    """Same grammar either way: only the word "ferry" versus "tram" tells the label."""
    return [(ferry_or_tram(i, "ferry"), 1) for i in range(n)] + [(ferry_or_tram(i, "tram"), 0) for i in range(n)]


def fitted() -> Weights:
    data = deciding_word_set()
    return fit_calibrated([(features_for(t), y) for t, y in data], texts=[t for t, _ in data])


def test_the_printed_weights_name_the_word_that_decides_the_label():
    lines = describe_weights(fitted())
    ferry = next(line for line in lines if line.endswith("word 'ferry'"))
    tram = next(line for line in lines if line.endswith("word 'tram'"))
    assert ferry.startswith("+") and tram.startswith("-")
    assert any("words 'ferry timetable'" in line for line in lines)
    assert any(line.startswith("lexical features:") for line in lines)


def test_the_runtime_applies_the_vocabulary_stored_in_the_weights_json(tmp_path):
    path = tmp_path / "weights.json"
    fitted().save(path)
    stored = json.loads(path.read_text())
    assert "ferry" in stored["lexical"]["vocabulary"] and stored["weights"]["w:ferry"] > 0
    backend = RuleBackend(Weights.load(path))
    [ferry] = backend.detect("The council in York discussed the ferry timetable on Monday.")
    [tram] = backend.detect("The council in York discussed the tram timetable on Monday.")
    assert ferry.checkworthiness > tram.checkworthiness
    assert ferry.bucket != "not_worth_checking" and tram.bucket == "not_worth_checking"
    assert "word 'ferry'" in ferry.reasons
    # The stored features stay the grammar ones, so retraining can choose a new vocabulary.
    assert ferry.features == features_for(ferry.text)


def test_words_outside_the_stored_vocabulary_are_ignored():
    vocabulary = choose_vocabulary(["the ferry left", "the ferry came", "a zeppelin"], min_df=2)
    assert vocabulary == {"the", "ferry", "the ferry"}
    assert lexical_features("The zeppelin and the ferry", vocabulary) == {
        "w:the": 1.0,
        "w:ferry": 1.0,
        "w:the ferry": 1.0,
    }


def test_weights_json_without_a_lexical_part_still_loads_and_scores_as_before():
    data = json.loads(DEFAULT_PATH.read_text())
    data.pop("lexical")  # an older, grammar-only weights file
    data["weights"] = {k: v for k, v in data["weights"].items() if not k.startswith("w:")}
    weights = Weights.from_dict(data)
    assert weights.vocabulary == frozenset()
    text = "Unemployment fell to 3.1% in 2023."
    assert weights.featurize(text, features_for(text)) == features_for(text)
    assert "lexical" not in weights.to_dict()
    [claim] = RuleBackend(weights).detect(text)
    assert claim.bucket in ("worth_checking", "may_be_worth_checking")
