"""The matcher: the right previous fact check first, with reasons; the batch command on the same code path."""

from __future__ import annotations

import io
import json

import pytest
from django.core.management import CommandError, call_command

from matching import matcher, search, text
from matching.ranking import ranking_metrics


def test_it_reads_a_pasted_post_without_its_signature_and_links():
    post = "Flu shots cause fetal deaths!! https://t.co/abc — Some One (@someone) February 25, 2016"
    assert text.clean_statement(post) == "Flu shots cause fetal deaths!!"
    assert str(text.signature_date(post)) == "2016-02-25"


def test_it_normalises_numbers_and_finds_names():
    assert text.numbers("Down $4,300 and 38 percent, since 2020") == {"4300", "38%", "2020"}
    assert text.names("Yesterday the mayor of Riverton met NATO officials.") == {"riverton", "nato"}


def test_map_at_5_counts_every_query_with_all_relevant_as_denominator():
    rankings = [(["a", "x", "b"], {"a", "b"}), (["y", "z"], {"q"})]
    figures = ranking_metrics(rankings)
    assert figures["map@5"] == pytest.approx(((1 + 2 / 3) / 2 + 0) / 2)
    assert figures["p@1"] == 0.5
    assert figures["mrr"] == 0.5


@pytest.mark.django_db
def test_it_puts_the_previous_fact_check_first(fact_checks):
    found = matcher.match_statement("Flu shots lead to a 4250% rise in fetal deaths, a new post says.", threshold=0)
    assert found[0].external_id == "fc-vaccine"
    assert found[0].rating == "Pants on Fire"
    assert "number 4250%" in found[0].reasons or "word “fetal”" in found[0].reasons


@pytest.mark.django_db
def test_its_reasons_name_shared_numbers_names_and_words(fact_checks):
    found = matcher.match_statement("Riverton's unemployment is at 3.1 percent, lowest in 17 years", threshold=0)
    best = found[0]
    assert best.external_id == "fc-unemployment"
    assert "number 17" in best.reasons
    assert "name Riverton" in best.reasons
    assert any(reason.startswith("word “unemployment") for reason in best.reasons)


@pytest.mark.django_db
def test_the_threshold_keeps_weak_matches_out(fact_checks):
    assert matcher.match_statement("Flu shots lead to a 4250% rise in fetal deaths.")
    assert matcher.match_statement("The moon is made of cheese and flags.", threshold=0.99) == []
    assert matcher.match_statement("   ") == []


@pytest.mark.django_db
def test_match_claims_writes_the_best_matches_per_line(fact_checks, tmp_path):
    source = tmp_path / "queries.jsonl"
    source.write_text(
        json.dumps({"id": "q1", "text": "Cycling in Lisbon is up 38% since 2020."})
        + "\n"
        + json.dumps({"id": "q2", "text": "The Elbe bridge cost twice its budget: 480 million euros."})
        + "\n"
    )
    out = io.StringIO()
    call_command("match_claims", "--jsonl", str(source), stdout=out)
    lines = [json.loads(line) for line in out.getvalue().splitlines()]
    assert [line["id"] for line in lines] == ["q1", "q2"]
    assert lines[0]["matches"][0]["id"] == "fc-cycling"
    assert lines[1]["matches"][0]["id"] == "fc-bridge"
    scores = [m["score"] for m in lines[0]["matches"]]
    assert scores == sorted(scores, reverse=True) and len(scores) <= 5


@pytest.mark.django_db
def test_match_claims_names_the_bad_lines(fact_checks, tmp_path):
    source = tmp_path / "queries.jsonl"
    source.write_text('{"id": "q1", "text": "Cycling in Lisbon rose 38%."}\n{"id": "q2"}\nnot json\n')
    out, err = io.StringIO(), io.StringIO()
    with pytest.raises(CommandError, match="2 lines skipped"):
        call_command("match_claims", "--jsonl", str(source), stdout=out, stderr=err)
    assert "Line 2: skipped" in err.getvalue() and "Line 3: skipped" in err.getvalue()
    assert json.loads(out.getvalue())["matches"][0]["id"] == "fc-cycling"


@pytest.mark.django_db
def test_trigram_similarity_finds_a_misspelt_claim_that_full_text_misses(fact_checks):
    misspelt = "Flue vacines cuase an increse in fetel deths"
    terms = search.query_terms(misspelt)
    assert search.selecting_lexemes(terms) == []  # not one of its words is in the archive as spelt
    assert {"vaccin", "increas"} <= set(terms.spelt_alike)  # the archive's lexemes spelt like "vacin", "incres"
    found = matcher.match_statement(misspelt, threshold=0)
    assert found[0].external_id == "fc-vaccine"
    assert found[0].features["spelt_alike"] > 0


@pytest.mark.django_db
def test_the_trigram_threshold_is_set_for_the_lookup_only(fact_checks):
    from django.db import connection

    assert search.query_terms("Flue vacines cuase an increse in fetel deths").spelt_alike
    with connection.cursor() as cursor:
        cursor.execute("SHOW pg_trgm.similarity_threshold")
        assert float(cursor.fetchone()[0]) == pytest.approx(0.3)  # pg_trgm's default, put back
