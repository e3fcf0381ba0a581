"""Matches of the newsroom's claims: after detection, stored with scores, near-duplicates, published verdicts."""

from __future__ import annotations

import pytest
from django.urls import reverse

from claims.intake import finding
from claims.models import Claim, Rating
from claims.review import verification
from matching import archive, claim_matches, jobs, tasks
from matching.models import FactCheck, ImportJob, Match, MatchDecision
from tests.factories import ArticleFactory, ClaimFactory
from tests.matching.conftest import archive_jsonl
from tests.workerfixtures import wait_for


@pytest.mark.django_db
def test_detection_enqueues_matching_after_commit(django_capture_on_commit_callbacks, monkeypatch):
    queued = []
    monkeypatch.setattr(tasks.match_article, "delay", queued.append)
    article = ArticleFactory(body="Unemployment in Riverton fell to 3.1 percent, the lowest rate in 17 years.")
    with django_capture_on_commit_callbacks(execute=True):
        finding.split_article(article=article)
    assert queued == [article.pk]


@pytest.mark.django_db
def test_it_stores_the_top_matches_with_scores_and_reasons(fact_checks):
    claim = ClaimFactory(text="Riverton's unemployment rate hit 3.1 percent, its lowest in 17 years.")
    claim_matches.match_article(article_id=claim.article_id)
    stored = list(Match.objects.filter(claim=claim, fact_check__isnull=False))
    assert stored and stored[0].fact_check.external_id == "fc-unemployment"
    assert stored[0].rank == 0 and stored[0].score >= 0.5
    assert "number 17" in stored[0].reasons
    assert len(stored) <= 5


@pytest.mark.django_db
def test_it_finds_the_same_claim_open_in_other_articles(db):
    wording = "The mayor said the harbour tunnel cost 90 million pounds last year."
    claim = ClaimFactory(text=wording)
    twin = ClaimFactory(text="The mayor said the harbour tunnel cost 90 million pounds last year!")
    ClaimFactory(article=claim.article, text=wording + " Again.")  # same article: not another article
    ClaimFactory(text=wording, status=Claim.Status.DISMISSED)
    archive.refresh_statistics()
    claim_matches.match_claim(claim)
    duplicates = Match.objects.filter(claim=claim, other_claim__isnull=False)
    assert [m.other_claim_id for m in duplicates] == [twin.pk]


@pytest.mark.django_db
def test_a_rejected_fact_check_is_not_suggested_again(fact_checks, bob):
    claim = ClaimFactory(text="Flu shots cause a 4,250% increase in fetal deaths.")
    claim_matches.match_claim(claim)
    MatchDecision.objects.create(
        claim=claim, fact_check=fact_checks["fc-vaccine"], text=claim.text, decision="not_same", user=bob
    )
    claim_matches.match_claim(claim)
    assert not Match.objects.filter(claim=claim, fact_check=fact_checks["fc-vaccine"]).exists()


@pytest.mark.django_db
def test_published_verdicts_enter_the_archive_and_leave_it_when_unpublished(fact_checks, alice, dave):
    claim = ClaimFactory(text="The ferry fleet doubled to 14 boats in 2023.", status=Claim.Status.IN_REVIEW)
    verdict = verification.propose_verdict(
        claim=claim, author=alice, rating=Rating.objects.get(slug="false"), rationale="Port records.", version=1
    )
    verification.approve_verdict(verdict=verdict, user=dave)
    claim.refresh_from_db()
    verification.publish_claim(claim=claim, user=dave)
    fact_check = FactCheck.objects.get(origin=FactCheck.Origin.NEWSROOM)
    assert fact_check.claim == claim.text
    assert fact_check.rating == "False"
    assert fact_check.verdict_id == verdict.pk
    assert fact_check.url.endswith(f"/claims/{claim.public_token}/")
    # Found before the next full recount of the archive's words.
    other = ClaimFactory(text="Did the ferry fleet really double to 14 boats in 2023?")
    claim_matches.match_claim(other)
    assert Match.objects.filter(claim=other, fact_check=fact_check).exists()
    # Its own verdict is never suggested for the claim itself.
    claim_matches.match_claim(claim)
    assert not Match.objects.filter(claim=claim, fact_check=fact_check).exists()

    claim.refresh_from_db()
    verification.unpublish_claims(claims=[claim], user=dave)
    assert not FactCheck.objects.filter(origin=FactCheck.Origin.NEWSROOM).exists()


@pytest.mark.django_db
def test_an_import_job_reports_progress_and_refreshes_matches(django_capture_on_commit_callbacks, monkeypatch, staff):
    rematched = []
    monkeypatch.setattr(tasks.rematch_open_claims, "delay", lambda: rematched.append(True))
    monkeypatch.setattr(tasks.run_import_job, "delay", lambda pk: None)
    bad = b'\n{"id": "broken"}'
    with django_capture_on_commit_callbacks(execute=True):
        job = jobs.request_import(data=archive_jsonl() + bad, filename="archive.jsonl", user=staff)
    with django_capture_on_commit_callbacks(execute=True):
        jobs.run_import_job(job_id=job.pk)
    job.refresh_from_db()
    assert job.status == ImportJob.Status.DONE
    assert (job.total, job.processed, job.created, job.skipped) == (306, 306, 305, 1)
    assert job.progress == 100
    assert job.problems == [{"item": 306, "reason": "No claim: “claim” is missing or empty.", "label": "broken"}]
    assert rematched == [True]
    jobs.run_import_job(job_id=job.pk)  # a redelivered message does nothing
    assert FactCheck.objects.count() == 305


@pytest.mark.django_db
def test_an_unreadable_upload_fails_the_job_with_the_reason(monkeypatch, staff):
    monkeypatch.setattr(tasks.run_import_job, "delay", lambda pk: None)
    job = jobs.request_import(data=b"[{oops", filename="feed.json", user=staff)
    jobs.run_import_job(job_id=job.pk)
    job.refresh_from_db()
    assert job.status == ImportJob.Status.FAILED
    assert job.error.startswith("Not valid JSON")


@pytest.mark.django_db
def test_staff_upload_in_the_admin_and_editors_may_not(staff_client, editor_client, monkeypatch):
    monkeypatch.setattr(tasks.run_import_job, "delay", lambda pk: None)
    url = reverse("admin:matching_importjob_upload")
    from django.core.files.uploadedfile import SimpleUploadedFile

    upload = SimpleUploadedFile("archive.jsonl", archive_jsonl())
    response = staff_client.post(url, {"file": upload, "format": ""})
    job = ImportJob.objects.get()
    assert response.status_code == 302 and response["Location"].endswith(f"/{job.pk}/change/")
    assert staff_client.get(response["Location"]).status_code == 200
    assert editor_client.get(url).status_code in (302, 403)


@pytest.mark.django_db
def test_the_archive_changelist_filters_and_searches(staff_client, fact_checks, django_assert_max_num_queries):
    url = reverse("admin:matching_factcheck_changelist")
    with django_assert_max_num_queries(15):
        response = staff_client.get(url, {"publisher": "Verify Desk", "q": "Lisbon"})
    html = response.content.decode()
    assert "Cycling in Lisbon rose by 38%" in html
    assert "Elbe bridge" not in html


@pytest.mark.worker
@pytest.mark.django_db(transaction=True)
def test_matches_are_found_by_a_real_worker_after_detection(celery_worker):
    archive.import_file(archive_jsonl(), fmt="jsonl")
    article = ArticleFactory(body="Cycling in Lisbon rose by 38% since 2020, the council says.")
    finding.split_article(article=article)
    claim = Claim.objects.get(article=article)
    wait_for(lambda: Match.objects.filter(claim=claim, fact_check__external_id="fc-cycling").exists())


@pytest.mark.django_db(transaction=True)
def test_an_articles_claims_are_searched_in_threads_outside_a_transaction():
    archive.import_file(archive_jsonl(), fmt="jsonl")
    article = ArticleFactory()
    texts = [
        "Cycling in Lisbon rose by 38% since 2020.",
        "Flu shots cause a 4,250% increase in fetal deaths.",
        "The Elbe bridge cost 480 million euros, twice its budget.",
        "Riverton unemployment fell to 3.1 percent, a 17-year low.",
        "The moon landing flag waved in the wind in a photo.",
        "Lisbon cycling is up 38 percent since 2020.",
        "Tea prices in Ruritania tripled last winter.",
    ]
    claims = [ClaimFactory(article=article, text=text) for text in texts]
    assert claim_matches.match_article(article_id=article.pk) == len(texts)
    best = {m.claim_id: m.fact_check.external_id for m in Match.objects.filter(rank=0, fact_check__isnull=False)}
    assert best[claims[0].pk] == "fc-cycling" and best[claims[5].pk] == "fc-cycling"
    assert best[claims[1].pk] == "fc-vaccine" and best[claims[2].pk] == "fc-bridge"
    assert claims[6].pk not in best
