from __future__ import annotations

import pytest
from django.test import Client
from django.urls import reverse

from claims.intake import deletion, importing
from claims.models import Article, ArticleEvent, Claim, Comment, Source, Verdict
from tests.claims.exports.data import published_claim
from tests.factories import ArticleFactory, ClaimFactory, CommentFactory, SourceFactory

pytestmark = pytest.mark.django_db

WORDING = "Cycling trips in Northbridge rose by 38% since 2020, the council leader said."


@pytest.fixture
def article(alice, bob, dave):
    """An article with an open claim assigned to Bob (with a source and a comment) and a published one."""
    article = ArticleFactory(title="Council backs cycle lanes")
    claim = ClaimFactory(article=article, text=WORDING, status=Claim.Status.IN_REVIEW, assignee=bob, start=0, end=10)
    SourceFactory(claim=claim)
    CommentFactory(claim=claim, author=alice)
    published_claim(
        article, text="Buses are late every day.", rating="false", reviewer=bob, editor=alice, start=20, end=40
    )
    return article


def _delete(article, user):
    assert deletion.delete_article(article=article, user=user)
    article.refresh_from_db()
    return article


# ---- The domain functions ----------------------------------------------------------------


def test_deleting_marks_the_article_and_keeps_everything(article, alice):
    counts = (Claim.objects.count(), Source.objects.count(), Verdict.objects.count(), Comment.objects.count())
    _delete(article, alice)
    assert article.is_deleted and article.deleted_by == alice
    assert (Claim.objects.count(), Source.objects.count(), Verdict.objects.count(), Comment.objects.count()) == counts
    assert not Article.objects.live().filter(pk=article.pk).exists()
    assert not Claim.objects.live().filter(article=article).exists()


def test_deleting_twice_keeps_the_first_deletion(article, alice, dave):
    _delete(article, alice)
    first = article.deleted_at
    assert deletion.delete_article(article=article, user=dave) is False
    article.refresh_from_db()
    assert (article.deleted_at, article.deleted_by) == (first, alice)


def test_restoring_brings_it_back_as_it_was(article, alice):
    claims = list(Claim.objects.filter(article=article).order_by("pk").values("pk", "status", "text", "version"))
    _delete(article, alice)
    assert deletion.restore_article(article=article)
    article.refresh_from_db()
    assert not article.is_deleted and article.deleted_by is None
    assert (
        list(Claim.objects.live().filter(article=article).order_by("pk").values("pk", "status", "text", "version"))
        == claims
    )
    assert deletion.restore_article(article=article) is False


def test_deleting_and_restoring_are_recorded_in_the_articles_history(article, alice):
    _delete(article, alice)
    deletion.restore_article(article=article)
    events = list(ArticleEvent.objects.filter(pgh_obj=article).order_by("pgh_id"))
    assert [event.pgh_label for event in events] == ["deleted", "restored"]
    assert events[0].deleted_by_id == alice.pk and events[0].deleted_at is not None


# ---- Importing the same source again -------------------------------------------------------


def test_the_same_text_imports_again_while_its_article_is_deleted(alice):
    first = importing.import_text(text=WORDING, user=alice, enqueue=False).article
    assert importing.import_text(text=WORDING, user=alice, enqueue=False).article == first
    deletion.delete_article(article=first, user=alice)
    again = importing.import_text(text=WORDING, user=alice, enqueue=False)
    assert again.created and again.article != first
    assert again.article.dedupe_key == first.dedupe_key
    # Importing it once more finds the live one, not the deleted one.
    assert importing.import_text(text=WORDING, user=alice, enqueue=False).article == again.article


def test_the_same_url_imports_again_while_its_article_is_deleted(alice):
    first = importing.import_url(url="https://news.example/cycle-lanes", enqueue=False).article
    deletion.delete_article(article=first, user=alice)
    again = importing.import_url(url="https://news.example/cycle-lanes", enqueue=False)
    assert again.created and again.article.pk != first.pk


def test_a_deleted_article_is_not_restored_over_its_live_twin(alice):
    first = importing.import_text(text=WORDING, user=alice, enqueue=False).article
    deletion.delete_article(article=first, user=alice)
    twin = importing.import_text(text=WORDING, user=alice, enqueue=False).article
    with pytest.raises(deletion.LiveTwinExists) as raised:
        deletion.restore_article(article=first)
    assert raised.value.twin == twin
    first.refresh_from_db()
    assert first.is_deleted
    # Once the twin is deleted, the first comes back.
    deletion.delete_article(article=twin, user=alice)
    assert deletion.restore_article(article=first)


# ---- The delete view -------------------------------------------------------------------------


def test_it_redirects_anonymous_users_to_login(client, article):
    response = client.post(reverse("claims:article-delete", args=[article.pk]))
    assert response.status_code == 302 and response["Location"].startswith("/accounts/login/")
    assert not Article.objects.get(pk=article.pk).is_deleted


def test_it_hides_the_page_from_users_without_a_role(outsider_client, article):
    assert outsider_client.post(reverse("claims:article-delete", args=[article.pk])).status_code == 404


def test_reviewers_may_not_delete(reviewer_client, article):
    url = reverse("claims:article-delete", args=[article.pk])
    assert reviewer_client.get(url).status_code == 403
    assert reviewer_client.post(url).status_code == 403
    assert not Article.objects.get(pk=article.pk).is_deleted
    assert "Delete article" not in reviewer_client.get(article.get_absolute_url()).content.decode()


def test_it_rejects_other_methods(editor_client, article):
    assert editor_client.put(reverse("claims:article-delete", args=[article.pk])).status_code == 405


def test_editors_confirm_then_delete(editor_client, article, alice):
    page = editor_client.get(article.get_absolute_url()).content.decode()
    url = reverse("claims:article-delete", args=[article.pk])
    assert f'href="{url}"' in page
    confirm = editor_client.get(url)
    assert confirm.status_code == 200
    assert "Delete this article?" in confirm.content.decode()
    assert "Its 2 claims" in confirm.content.decode()
    assert not Article.objects.get(pk=article.pk).is_deleted

    response = editor_client.post(url, follow=True)
    assert response.redirect_chain == [("/", 302)]
    assert "“Council backs cycle lanes” was deleted" in response.content.decode()
    article.refresh_from_db()
    assert article.is_deleted and article.deleted_by == alice
    assert editor_client.post(url).status_code == 404


# ---- Every surface hides it --------------------------------------------------------------------


def test_its_pages_answer_404(editor_client, article, alice):
    claim = Claim.objects.get(article=article, text=WORDING)
    source = Source.objects.get(claim=claim)
    _delete(article, alice)
    for url in (
        article.get_absolute_url(),
        claim.get_absolute_url(),
        reverse("claims:source-card", args=[source.pk]),
        reverse("claims:article-export", args=[article.pk, "csv"]),
        reverse("claims:article-export", args=[article.pk, "md"]),
        reverse("claims:article-status", args=[article.pk]),
    ):
        assert editor_client.get(url).status_code == 404, url
    assert editor_client.post(reverse("claims:claim-keep", args=[claim.pk])).status_code == 404


def test_the_public_pages_answer_404(article, alice):
    published = Claim.objects.get(article=article, status=Claim.Status.PUBLISHED)
    urls = [
        reverse("claims:public-article-report", args=[article.public_token]),
        reverse("claims:public-claim-report", args=[article.public_token, published.public_token]),
    ]
    assert [Client().get(url).status_code for url in urls] == [200, 200]
    _delete(article, alice)
    assert [Client().get(url).status_code for url in urls] == [404, 404]


def test_lists_search_and_queues_leave_it_out(editor_client, reviewer_client, article, alice):
    kept = ClaimFactory(text="Cycling trips elsewhere doubled last year.", status=Claim.Status.IN_REVIEW)
    _delete(article, alice)
    dashboard = editor_client.get("/").content.decode()
    assert "Council backs cycle lanes" not in dashboard
    for url in ("/claims/", "/claims/?q=cycling", f"/claims/?article={article.pk}", "/claims/needs-approval/"):
        html = editor_client.get(url).content.decode()
        assert WORDING not in html and "Buses are late" not in html, url
    assert kept.text in editor_client.get("/claims/?q=cycling").content.decode()
    assert WORDING not in reviewer_client.get("/claims/mine/").content.decode()


def test_the_queues_counted_on_the_dashboard_leave_it_out(reviewer_client, article, alice):
    before = reviewer_client.get("/")
    assert before.context["my_claims"] == 1
    _delete(article, alice)
    assert reviewer_client.get("/").context["my_claims"] == 0


def test_filtered_exports_leave_it_out(editor_client, article, alice):
    _delete(article, alice)
    for fmt in ("csv", "json", "md"):
        body = b"".join(editor_client.get(f"/exports/claims/{fmt}/").streaming_content).decode()
        assert "Cycling trips in Northbridge" not in body and "Buses are late" not in body, fmt


def test_the_import_list_leaves_it_out(editor_client, alice):
    failed = ArticleFactory(title="A page that failed", status=Article.Status.FAILED, error="The site answered 404")
    assert "A page that failed" in editor_client.get("/articles/imports/").content.decode()
    deletion.delete_article(article=failed, user=alice)
    assert "A page that failed" not in editor_client.get("/articles/imports/").content.decode()
