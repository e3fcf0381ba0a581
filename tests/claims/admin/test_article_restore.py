from __future__ import annotations

import pytest

from claims.intake import deletion, importing
from claims.models import Article, ArticleEvent, Claim, Source, Verdict
from tests.factories import ArticleFactory, ClaimFactory, SourceFactory, VerdictFactory

pytestmark = pytest.mark.django_db

ARTICLES = "/admin/claims/article/"
TEXT = "Cycling trips in Northbridge rose by 38% since 2020, the council leader said."


def _restore(client, *articles):
    return client.post(
        ARTICLES, {"action": "restore_articles", "_selected_action": [a.pk for a in articles]}, follow=True
    )


def test_the_deleted_filter_lists_deleted_articles(staff_client, alice):
    live = ArticleFactory(title="Still here")
    gone = ArticleFactory(title="Deleted one")
    deletion.delete_article(article=gone, user=alice)
    html = staff_client.get(ARTICLES + "?deleted=yes").content.decode()
    assert "Deleted one" in html and "Still here" not in html
    html = staff_client.get(ARTICLES + "?deleted=no").content.decode()
    assert "Still here" in html and "Deleted one" not in html
    # Without the filter the admin shows every article: deleted ones are restored from here.
    html = staff_client.get(ARTICLES).content.decode()
    assert "Still here" in html and "Deleted one" in html
    assert live.pk != gone.pk


def test_staff_restore_an_article_with_its_claims_sources_verdicts_and_history(
    staff_client, editor_client, alice, staff
):
    article = ArticleFactory(title="Council backs cycle lanes")
    claim = ClaimFactory(article=article, text=TEXT, status=Claim.Status.IN_REVIEW)
    SourceFactory(claim=claim)
    VerdictFactory(claim=claim, author=alice)
    editor_client.post(f"/articles/{article.pk}/delete/")
    assert editor_client.get(article.get_absolute_url()).status_code == 404
    claim_events = claim.events.count()

    response = _restore(staff_client, article)
    assert "Restored 1 article(s), with their claims." in response.content.decode()
    article.refresh_from_db()
    assert not article.is_deleted
    assert editor_client.get(claim.get_absolute_url()).status_code == 200
    assert Source.objects.filter(claim=claim).count() == 1
    assert Verdict.objects.filter(claim=claim).count() == 1
    assert claim.events.count() == claim_events
    events = ArticleEvent.objects.filter(pgh_obj=article).order_by("pgh_id").select_related("pgh_context")
    assert [event.pgh_label for event in events] == ["deleted", "restored"]
    # Who did each: the editor in the workbench, the staff member in the admin.
    assert [event.pgh_context.metadata["user"] for event in events] == [alice.pk, staff.pk]


def test_restore_stops_at_a_live_twin_and_says_which(staff_client, alice):
    first = importing.import_text(text=TEXT, user=alice, enqueue=False).article
    deletion.delete_article(article=first, user=alice)
    twin = importing.import_text(text=TEXT, user=alice, enqueue=False).article
    html = _restore(staff_client, first).content.decode()
    assert "was not restored" in html
    assert f"/admin/claims/article/{twin.pk}/change/" in html
    assert Article.objects.get(pk=first.pk).is_deleted


def test_restore_leaves_live_articles_alone(staff_client):
    live = ArticleFactory()
    html = _restore(staff_client, live).content.decode()
    assert "Restored" not in html
    assert not ArticleEvent.objects.exists()
