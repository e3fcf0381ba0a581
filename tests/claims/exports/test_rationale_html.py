"""The rendered rationale is stored with the verdict, so a report does not run Markdown per claim."""

from __future__ import annotations

import importlib

import pytest
from django.apps import apps

from claims.models import Rating, Verdict
from claims.review.history import claim_history
from tests.claims.exports.conftest import streamed
from tests.factories import ArticleFactory, ClaimFactory

pytestmark = pytest.mark.django_db


def _verdict(author, rationale: str) -> Verdict:
    claim = ClaimFactory(article=ArticleFactory(), text="Trams run every 5 minutes.")
    return Verdict.objects.create(
        claim=claim, rating=Rating.objects.get(slug="false"), rationale=rationale, author=author
    )


def test_saving_a_verdict_stores_its_rationale_rendered_and_cleaned(bob):
    verdict = _verdict(bob, "See [the timetable](https://trams.example/t) **now** <script>alert(1)</script>")
    verdict.refresh_from_db()
    assert '<a href="https://trams.example/t" rel="noopener noreferrer nofollow">the timetable</a>' in (
        verdict.rationale_html
    )
    assert "<strong>now</strong>" in verdict.rationale_html and "<script" not in verdict.rationale_html

    verdict.rationale = "Changed: *later*"
    verdict.save(update_fields=["rationale"])
    verdict.refresh_from_db()
    assert verdict.rationale_html == "<p>Changed: <em>later</em></p>\n"


def test_the_report_shows_the_stored_rationale_without_rendering_it_again(editor_client, bob):
    verdict = _verdict(bob, "Per the **timetable**.")
    # Stored HTML that Markdown would not produce from the rationale: the report must show this one.
    Verdict.objects.filter(pk=verdict.pk).update(rationale_html="<p>Stored <em>once</em>.</p>")
    html = streamed(editor_client.get(f"/exports/articles/{verdict.claim.article_id}/html/"))
    assert '<div class="rationale" hx-disable><p>Stored <em>once</em>.</p></div>' in html
    assert "<strong>timetable</strong>" not in html


def test_verdicts_inserted_in_bulk_are_rendered_by_the_report(editor_client, bob):
    claim = ClaimFactory(article=ArticleFactory(), text="Trams run every 5 minutes.")
    Verdict.objects.bulk_create(
        [Verdict(claim=claim, rating=Rating.objects.get(slug="false"), rationale="Per the **timetable**.", author=bob)]
    )
    html = streamed(editor_client.get(f"/exports/articles/{claim.article_id}/html/"))
    assert "<p>Per the <strong>timetable</strong>.</p>" in html


def test_the_migration_renders_the_rationales_of_existing_verdicts(bob):
    claim = ClaimFactory(article=ArticleFactory(), text="Trams run every 5 minutes.")
    Verdict.objects.bulk_create(
        [
            Verdict(claim=claim, rating=Rating.objects.get(slug="false"), rationale=f"Version **{n}**", author=bob)
            for n in range(3)
        ]
    )
    migration = importlib.import_module("claims.migrations.0004_verdict_rationale_html")
    migration.render_rationales(apps, None)
    assert sorted(Verdict.objects.values_list("rationale_html", flat=True)) == [
        f"<p>Version <strong>{n}</strong></p>\n" for n in range(3)
    ]


def test_history_keeps_the_markdown_not_the_rendered_copy(bob):
    verdict = _verdict(bob, "Per the **timetable**.")
    Verdict.objects.filter(pk=verdict.pk).update(rationale_html="<p>Re-rendered</p>")
    event_model = Verdict.pgh_event_model  # type: ignore[attr-defined]
    # Only the insert is recorded: rewriting the rendered copy is not a change anyone made.
    assert event_model.objects.filter(pgh_obj_id=verdict.pk).count() == 1
    assert not hasattr(event_model(), "rationale_html")
    assert claim_history(verdict.claim)
