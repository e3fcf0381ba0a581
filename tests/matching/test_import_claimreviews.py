"""Importing fact checks: every ClaimReview shape, CSV, JSONL; idempotent; bad items skipped whole with a reason."""

from __future__ import annotations

import io
import json
from datetime import date

import pytest
from django.core.management import CommandError, call_command

from matching import archive, formats
from matching.models import ArchiveStatistics, FactCheck, Term


def review(n: int, **extra) -> dict:
    data = {
        "@context": "https://schema.org",
        "@type": "ClaimReview",
        "url": f"https://checks.example/review-{n}",
        "claimReviewed": f"The harbour tunnel number {n} cost 90 million pounds.",
        "name": f"Tunnel {n} cost",
        "datePublished": "2024-05-01",
        "author": {"@type": "Organization", "name": "Example Checks"},
        "reviewRating": {"@type": "Rating", "ratingValue": 2, "alternateName": "Mostly false"},
        "itemReviewed": {
            "@type": "Claim",
            "author": {"@type": "Person", "name": "Jane Doe"},
            "datePublished": "2024-04-20",
        },
        "inLanguage": "en",
    }
    data.update(extra)
    return data


def run(data: bytes | str, **kwargs) -> archive.ImportReport:
    if isinstance(data, str):
        data = data.encode()
    return archive.import_file(data, **kwargs)


@pytest.mark.django_db
def test_it_imports_a_single_claimreview_with_every_field():
    report = run(json.dumps(review(1)))
    assert (report.created, report.updated, report.skipped) == (1, 0, 0)
    fact_check = FactCheck.objects.get()
    assert fact_check.url == "https://checks.example/review-1"
    assert fact_check.claim == "The harbour tunnel number 1 cost 90 million pounds."
    assert fact_check.title == "Tunnel 1 cost"
    assert fact_check.rating == "Mostly false"
    assert fact_check.publisher == "Example Checks"
    assert fact_check.claimant == "Jane Doe"
    assert fact_check.review_date == date(2024, 5, 1)
    assert fact_check.claim_date == date(2024, 4, 20)
    assert fact_check.language == "en"
    assert fact_check.origin == FactCheck.Origin.IMPORTED


@pytest.mark.django_db
@pytest.mark.parametrize(
    "document",
    [
        [review(1), review(2), review(3)],
        {"@context": "https://schema.org", "@graph": [review(1), review(2), review(3)]},
        {
            "@context": "https://schema.org",
            "@type": "DataFeed",
            "dataFeedElement": [
                {"@type": "DataFeedItem", "item": [review(1), review(2)]},
                {"@type": "DataFeedItem", "item": review(3)},
            ],
        },
    ],
    ids=["array", "graph", "datafeed"],
)
def test_it_unwraps_arrays_graphs_and_data_feeds(document):
    report = run(json.dumps(document))
    assert report.created == 3
    assert sorted(FactCheck.objects.values_list("url", flat=True)) == [
        f"https://checks.example/review-{n}" for n in (1, 2, 3)
    ]


@pytest.mark.django_db
def test_reimporting_updates_instead_of_duplicating():
    run(json.dumps([review(1), review(2)]))
    changed = review(1, reviewRating={"@type": "Rating", "alternateName": "False"})
    report = run(json.dumps([changed, review(2)]))
    assert (report.created, report.updated) == (0, 2)
    assert FactCheck.objects.count() == 2
    assert FactCheck.objects.get(url="https://checks.example/review-1").rating == "False"


@pytest.mark.django_db
def test_bad_items_are_skipped_whole_with_their_number_and_reason():
    items = [
        review(1),
        review(2, claimReviewed=""),
        review(3, url="javascript:alert(1)"),
        review(4, datePublished="last Tuesday"),
        {"@type": "WebPage", "url": "https://checks.example/page"},
        "not an object",
        review(5),
    ]
    report = run(json.dumps(items))
    assert (report.created, report.skipped) == (2, 5)
    assert sorted(FactCheck.objects.values_list("url", flat=True)) == [
        "https://checks.example/review-1",
        "https://checks.example/review-5",
    ]
    reasons = {problem.item: problem.reason for problem in report.problems}
    assert reasons[2] == "No claim: “claimReviewed” is missing or empty."
    assert reasons[3].startswith("“url” is not an http(s) URL")
    assert reasons[4] == "“datePublished” is not a date: last Tuesday"
    assert reasons[5] == "Not a ClaimReview (@type is WebPage)."
    assert reasons[6] == "Expected a ClaimReview object, found str."
    assert "Item 4: “datePublished” is not a date" in report.summary()


def test_a_file_that_is_not_json_is_refused_as_a_whole():
    with pytest.raises(formats.FileError, match="Not valid JSON"):
        list(formats.read_records(b"[{broken", "jsonld"))


@pytest.mark.django_db
def test_it_imports_csv_with_the_documented_columns():
    data = (
        "url,claim,title,rating,publisher,review_date,claimant,claim_date,language,external_id\n"
        "https://verify.example/a,Bus fares rose 20% in 2023.,Fares,True,Verify Desk,2024-01-05,Mayor,2023-12-01,en,A1\n"
        ",No address here,,,,,,,,B2\n"
        "https://verify.example/c,,Empty claim,,,,,,,\n"
        "https://verify.example/d,Bad date,,,,05/01/2024,,,,\n"
    )
    report = run(data, fmt="csv")
    assert (report.created, report.skipped) == (2, 2)
    first = FactCheck.objects.get(external_id="A1")
    assert (first.rating, first.publisher, first.claimant, first.review_date) == (
        "True",
        "Verify Desk",
        "Mayor",
        date(2024, 1, 5),
    )
    assert FactCheck.objects.get(external_id="B2").key == "id:B2"
    assert [p.item for p in report.problems] == [3, 4]


def test_a_csv_without_a_claim_column_is_refused():
    with pytest.raises(formats.FileError, match="no “claim” column"):
        list(formats.read_records(b"url,title\nhttps://x.example/,T\n", "csv"))


@pytest.mark.django_db
def test_it_imports_the_jsonl_archive_shape_keeping_the_id():
    lines = [
        {"id": "vc-1", "claim": "Wind power supplies half of Denmark's electricity.", "title": "Danish wind",
         "date": "2021-02-03", "url": None, "truth_label": None},
        {"id": "vc-2", "claim": "Tea prices tripled.", "title": "Tea", "date": "2020-01-01",
         "url": "https://checks.example/tea", "truth_label": "false"},
        "{not json",
    ]  # fmt: skip
    data = "\n".join(line if isinstance(line, str) else json.dumps(line) for line in lines)
    report = run(data, fmt="jsonl")
    assert (report.created, report.skipped) == (2, 1)
    assert report.problems[0].reason.startswith("Line 3 is not valid JSON")
    assert FactCheck.objects.get(external_id="vc-1").key == "id:vc-1"
    assert FactCheck.objects.get(external_id="vc-2").rating == "false"


@pytest.mark.django_db
def test_import_counts_the_archives_words_for_search():
    run(json.dumps([review(1), review(2)]))
    stats = ArchiveStatistics.objects.get()
    assert stats.documents == 2
    assert Term.objects.get(word="tunnel").documents == 2


@pytest.mark.django_db
def test_the_command_reads_a_file_and_reports(tmp_path):
    path = tmp_path / "reviews.json"
    path.write_text(json.dumps([review(1), review(2, claimReviewed="")]))
    out = io.StringIO()
    call_command("import_claimreviews", str(path), "--no-rematch", stdout=out, stderr=io.StringIO())
    assert "1 created, 0 updated, 1 skipped." in out.getvalue()
    assert "Item 2: No claim" in out.getvalue()
    assert FactCheck.objects.count() == 1


@pytest.mark.django_db
def test_the_command_reads_standard_input(monkeypatch):
    data = json.dumps({"id": "vc-9", "claim": "Rain fell on 200 days.", "url": "https://c.example/rain"})
    monkeypatch.setattr("sys.stdin", io.TextIOWrapper(io.BytesIO(data.encode())))
    out = io.StringIO()
    call_command("import_claimreviews", "-", "--format", "jsonl", "--no-rematch", stdout=out, stderr=io.StringIO())
    assert FactCheck.objects.get().external_id == "vc-9"


@pytest.mark.django_db
def test_the_command_fails_clearly_on_an_unreadable_file(tmp_path):
    path = tmp_path / "broken.json"
    path.write_text("[{")
    with pytest.raises(CommandError, match="Not valid JSON"):
        call_command("import_claimreviews", str(path), "--no-rematch", stdout=io.StringIO(), stderr=io.StringIO())
    assert not FactCheck.objects.exists()
