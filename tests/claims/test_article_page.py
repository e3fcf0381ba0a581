from __future__ import annotations

import re
from html import unescape
from html.parser import HTMLParser

import pytest

from claims.article_page.workspace import PAGE_SIZE
from claims.models import Claim
from claims.review import triage
from documents.models import Document
from tests.factories import ArticleFactory, ClaimFactory, SourceFactory, UrlDocumentFactory, VerdictFactory

pytestmark = pytest.mark.django_db

BODY = "The council approved a £12 million plan on Tuesday. Cycling rose by 38% since 2020. Buses are late."


@pytest.fixture
def article():
    return ArticleFactory(title="Council backs cycle lanes", body=BODY)


def _claims(article, count):
    claims = []
    for index in range(count):
        start = (index * 7) % (len(BODY) - 20)
        claims.append(ClaimFactory(article=article, start=start, end=start + 15))
    return claims


def test_it_redirects_anonymous_users_to_login(client, article):
    response = client.get(article.get_absolute_url())
    assert response.status_code == 302
    assert response["Location"].startswith("/accounts/login/")


def test_it_hides_the_article_from_users_without_a_role(outsider_client, article):
    assert outsider_client.get(article.get_absolute_url()).status_code == 404


def test_it_rejects_post(editor_client, article):
    assert editor_client.post(article.get_absolute_url()).status_code == 405


def test_it_highlights_claims_at_their_offsets_with_overlaps(editor_client, article):
    first = ClaimFactory(article=article, start=0, end=51, text="Council approved £12m")
    second = ClaimFactory(article=article, start=23, end=85, text="Cycling rose")
    response = editor_client.get(article.get_absolute_url())
    html = response.content.decode()
    assert response.status_code == 200
    assert f'data-start="23" data-claim="{first.pk}" data-claims="{first.pk} {second.pk}"' in html
    assert "overlap" in html
    # Every character of the body is rendered once, in order, so offsets map back exactly.
    text = re.search(r"<div class=\"article-text\" data-article-body hx-disable>(.*?)</div>", html, re.S).group(1)
    assert [int(start) for start in re.findall(r'data-start="(\d+)"', text)] == [0, 23, 51, 85]
    assert unescape(re.sub(r"<[^>]+>", "", text)) == BODY


def test_it_lists_claims_with_type_status_assignee_and_verdict(editor_client, article, bob):
    claim = ClaimFactory(
        article=article, text="Cycling rose by 38%", assignee=bob, status=Claim.Status.VERDICT_PROPOSED
    )
    VerdictFactory(claim=claim, author=bob)
    html = editor_client.get(article.get_absolute_url()).content.decode()
    assert "Cycling rose by 38%" in html
    assert "Verdict proposed" in html
    assert "→ Bob" in html
    assert 'class="rating-chip" data-rating="false">False<' in html


def test_the_deep_link_opens_the_claim_panel(reviewer_client, article):
    claim = ClaimFactory(article=article, text="Cycling rose by 38%")
    response = reviewer_client.get(claim.get_absolute_url())
    assert response.status_code == 200
    assert f'data-claim="{claim.pk}"' in response.content.decode()
    assert b"Cycling rose by 38%" in response.content
    assert b"<html" in response.content


def test_htmx_gets_only_the_panel_but_history_restore_gets_the_page(reviewer_client, article):
    claim = ClaimFactory(article=article)
    partial = reviewer_client.get(claim.get_absolute_url(), headers={"HX-Request": "true", "HX-Target": "claim-panel"})
    assert b"<html" not in partial.content
    assert b'id="claim-panel"' in partial.content
    assert "HX-Request" in partial["Vary"]
    restore = reviewer_client.get(
        claim.get_absolute_url(), headers={"HX-Request": "true", "HX-History-Restore-Request": "true"}
    )
    assert b"<html" in restore.content


def test_regions_refresh_themselves(editor_client, article):
    ClaimFactory(article=article, text="Cycling rose")
    for target in ("claim-list", "article-text"):
        response = editor_client.get(article.get_absolute_url(), headers={"HX-Request": "true", "HX-Target": target})
        assert (
            response.content.decode().lstrip().startswith(f'<section id="{target}"')
            or f'id="{target}"' in (response.content.decode()[:200])
        )
        assert b"<html" not in response.content


def test_a_claim_of_another_article_is_not_found(editor_client, article):
    claim = ClaimFactory()
    assert editor_client.get(f"/articles/{article.pk}/claims/{claim.pk}/").status_code == 404


def test_reviewers_are_not_offered_triage(reviewer_client, article):
    claim = ClaimFactory(article=article)
    html = reviewer_client.get(claim.get_absolute_url()).content.decode()
    assert "Keep for checking" not in html
    assert "add-claim" not in html
    assert "bulk-form" not in html
    assert "Propose a verdict" not in html  # not assigned to bob


def test_editors_are_offered_triage(editor_client, article):
    claim = ClaimFactory(article=article)
    html = editor_client.get(claim.get_absolute_url()).content.decode()
    assert "Keep for checking" in html
    assert "Add claim from selection" in html
    assert "Propose a verdict" in html


def test_it_escapes_claim_text_and_titles(editor_client):
    article = ArticleFactory(
        title="<script>alert(1)</script>", body='<img src=x onerror="alert(1)"> and more text here'
    )
    claim = ClaimFactory(article=article, text='<script>alert("claim")</script>', start=0, end=20)
    html = editor_client.get(claim.get_absolute_url()).content.decode()
    assert "<script>alert" not in html
    assert "<img src=x" not in html
    assert "&lt;script&gt;alert(&quot;claim&quot;)" in html


def test_it_shows_an_empty_state(editor_client, article):
    html = editor_client.get(article.get_absolute_url()).content.decode()
    assert "No claims yet" in html
    assert "No claim open" in html


def test_its_query_count_does_not_grow_with_claims(editor_client, article, django_assert_max_num_queries, bob):
    claims = _claims(article, 3)
    with django_assert_max_num_queries(20) as small:
        editor_client.get(claims[0].get_absolute_url())
    for claim in _claims(article, 297):
        claim.assignee = bob
        claim.save()
    VerdictFactory(claim=claims[1], author=bob)
    with django_assert_max_num_queries(len(small.captured_queries)):
        response = editor_client.get(claims[0].get_absolute_url())
    assert response.context["listed_total"] == 300
    assert response.content.decode().count("data-claim-row=") == PAGE_SIZE


def test_the_ratings_stylesheet_uses_the_scale(client):
    response = client.get("/ratings.css")
    assert response["Content-Type"].startswith("text/css")
    assert b'[data-rating="false"]' in response.content
    assert b"#b91c1c" in response.content


def test_dismissed_claims_leave_the_text_but_stay_reachable(editor_client, article, alice):
    claim = ClaimFactory(article=article, start=0, end=10)
    triage.dismiss_claim(claim=claim, user=alice, reason="Opinion", version=claim.version)
    html = editor_client.get(article.get_absolute_url()).content.decode()
    assert f'data-claim="{claim.pk}"' not in html
    assert "1 dismissed claim" in html


def test_the_panel_shows_the_detector_s_rewrite_labelled_as_such(reviewer_client, article):
    claim = ClaimFactory(article=article, text="It released R1.", rewrite="[DeepSeek] released R1.")
    html = reviewer_client.get(claim.get_absolute_url()).content.decode()
    assert "In context (words in [brackets] supplied by the detector):" in html
    assert "[DeepSeek] released R1." in html
    claim.edited = True
    claim.save()
    assert "[DeepSeek] released R1." not in reviewer_client.get(claim.get_absolute_url()).content.decode()


def _bucketed(article):
    """Three detected claims, one per bucket, and a kept one that is not worth checking."""
    worth = ClaimFactory(article=article, start=0, end=10, bucket=Claim.Bucket.WORTH_CHECKING, checkworthiness=0.91)
    maybe = ClaimFactory(article=article, start=52, end=60, bucket=Claim.Bucket.MAY_BE_WORTH_CHECKING)
    not_worth = ClaimFactory(article=article, start=86, end=92, bucket=Claim.Bucket.NOT_WORTH_CHECKING)
    kept = ClaimFactory(
        article=article, start=64, end=70, bucket=Claim.Bucket.NOT_WORTH_CHECKING, status=Claim.Status.IN_REVIEW
    )
    return worth, maybe, not_worth, kept


def _mark(html, claim):
    return re.search(rf'<mark class="([^"]*)" data-start="\d+" data-claim="{claim.pk}"', html)


def test_it_highlights_by_bucket_and_keeps_what_editors_touched(editor_client, article):
    worth, maybe, not_worth, kept = _bucketed(article)
    html = editor_client.get(article.get_absolute_url()).content.decode()
    assert _mark(html, worth).group(1) == "seg claim-end"
    assert _mark(html, maybe).group(1) == "seg maybe claim-end"
    assert _mark(html, kept).group(1) == "seg claim-end"
    assert _mark(html, not_worth) is None
    assert f'id="claim-row-{not_worth.pk}"' not in html
    assert "Highlighted: 3 of 4 candidates." in html
    assert "(1 not worth checking)" in html


def test_show_all_highlights_every_candidate_faintly(editor_client, article):
    worth, maybe, not_worth, kept = _bucketed(article)
    html = editor_client.get(article.get_absolute_url() + "?show=all").content.decode()
    assert _mark(html, not_worth).group(1) == "seg faint claim-end"
    assert _mark(html, worth).group(1) == "seg claim-end"
    assert f'id="claim-row-{not_worth.pk}"' in html
    assert 'id="show-all" name="show" value="all" checked' in html
    # Links in the list keep the view, so a deep link from it keeps it too.
    assert f'href="/articles/{article.pk}/claims/{not_worth.pk}/?show=all"' in html


def test_the_list_shows_bucket_and_score_and_filters_by_bucket(editor_client, article):
    worth, maybe, not_worth, kept = _bucketed(article)
    html = editor_client.get(article.get_absolute_url()).content.decode()
    assert 'Worth checking <span class="score" title="Check-worthiness score">0.91</span>' in html
    response = editor_client.get(
        article.get_absolute_url() + "?bucket=worth_checking", headers={"HX-Request": "true", "HX-Target": "claim-list"}
    )
    html = response.content.decode()
    assert html.lstrip().startswith('<section id="claim-list"')
    assert f'id="claim-row-{worth.pk}"' in html
    assert f'id="claim-row-{maybe.pk}"' not in html
    assert (
        'aria-current="true">Worth<span class="visually-hidden"> checking</span> <span class="count">1</span>' in html
    )
    assert 'Claims <span class="muted">(1 of 4)</span>' in html


def test_switching_to_every_candidate_also_refreshes_the_list(editor_client, article):
    _, _, not_worth, _ = _bucketed(article)
    response = editor_client.get(
        article.get_absolute_url() + "?show=all",
        headers={"HX-Request": "true", "HX-Target": "article-text", "HX-Trigger": "text-view"},
    )
    html = response.content.decode()
    assert html.lstrip().startswith('<div id="article-text"')
    assert 'id="claim-list" class="claim-list"' in html
    assert 'hx-swap-oob="true"' in html
    assert f'id="claim-row-{not_worth.pk}"' in html
    assert "HX-Trigger" in response["Vary"]


def test_the_list_is_windowed_and_loads_more(editor_client, article):
    claims = ClaimFactory.create_batch(PAGE_SIZE + 5, article=article, start=0, end=10)
    html = editor_client.get(article.get_absolute_url()).content.decode()
    assert html.count("data-claim-row=") == PAGE_SIZE
    assert 'id="claim-more" class="claim-more" data-page="2"><a href="./?page=2"' in html
    assert f"({PAGE_SIZE + 5})" in html
    more = editor_client.get(
        article.get_absolute_url() + "?page=2", headers={"HX-Request": "true", "HX-Target": "claim-more"}
    ).content.decode()
    assert more.count("data-claim-row=") == 5
    assert f'id="claim-row-{claims[-1].pk}"' in more
    assert "claim-more" not in more
    assert "<html" not in more


def test_a_refresh_re_renders_the_loaded_windows(editor_client, article):
    ClaimFactory.create_batch(PAGE_SIZE * 2 + 5, article=article, start=0, end=10)
    html = editor_client.get(
        article.get_absolute_url() + "?page=1&upto=2", headers={"HX-Request": "true", "HX-Target": "claim-list"}
    ).content.decode()
    assert html.count("data-claim-row=") == PAGE_SIZE * 2
    assert 'data-page="3"' in html


def test_a_deep_link_lists_the_window_holding_its_claim(editor_client, article):
    claims = ClaimFactory.create_batch(PAGE_SIZE + 5, article=article, start=0, end=10)
    html = editor_client.get(claims[-1].get_absolute_url()).content.decode()
    assert f'id="claim-row-{claims[-1].pk}" class="claim-row is-current"' in html
    assert 'id="claim-earlier" class="claim-more" data-page="1"><a href="./?page=1"' in html
    assert f'id="claim-row-{claims[0].pk}"' not in html


class _Forms(HTMLParser):
    """Each form of a page with the attributes of its ancestors, nearest first."""

    VOID = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track", "wbr"}

    def __init__(self):
        super().__init__()
        self.open: list[tuple[str, dict]] = []
        self.forms: list[tuple[dict, list[dict]]] = []

    def handle_starttag(self, tag, attrs):
        attributes = dict(attrs)
        if tag == "form":
            self.forms.append((attributes, [a for _, a in reversed(self.open)]))
        if tag not in self.VOID:
            self.open.append((tag, attributes))

    def handle_endtag(self, tag):
        while self.open and self.open.pop()[0] != tag:
            pass


WIRING = ("hx-target", "hx-swap", "hx-disabled-elt")


def _panel_forms(client, claim):
    html = client.get(claim.get_absolute_url(), headers={"HX-Request": "true", "HX-Target": "claim-panel"})
    parser = _Forms()
    parser.feed(html.content.decode())
    return [(form, ancestors) for form, ancestors in parser.forms if "hx-post" in form]


@pytest.fixture
def busy_claim(article, bob):
    """A claim whose panel shows nearly every form: triage, sources in each fetch state, a verdict to approve."""
    claim = ClaimFactory(article=article, status=Claim.Status.VERDICT_PROPOSED, assignee=bob)
    SourceFactory(claim=claim)
    SourceFactory(claim=claim, document=UrlDocumentFactory(status=Document.Status.FETCHING))
    SourceFactory(claim=claim, document=UrlDocumentFactory(status=Document.Status.FAILED))
    VerdictFactory(claim=claim, author=bob)
    return claim


def test_panel_forms_do_not_repeat_the_htmx_wiring_they_inherit(editor_client, busy_claim):
    forms = _panel_forms(editor_client, busy_claim)
    assert len(forms) >= 10
    for form, ancestors in forms:
        for name in WIRING:
            inherited = next((a[name] for a in ancestors if name in a), None)
            assert name not in form or form[name] != inherited, f"{form['hx-post']} repeats {name}={inherited!r}"


def test_every_panel_form_replaces_the_panel_and_disables_its_button(editor_client, busy_claim):
    for form, ancestors in _panel_forms(editor_client, busy_claim):
        wiring = {name: next((a[name] for a in [form, *ancestors] if name in a), None) for name in WIRING}
        assert wiring == {"hx-target": "#claim-panel", "hx-swap": "outerHTML", "hx-disabled-elt": "find button"}


def test_the_list_the_panel_and_the_claims_page_show_one_status_badge(editor_client, article, bob):
    claim = ClaimFactory(article=article, status=Claim.Status.VERDICT_PROPOSED)
    VerdictFactory(claim=claim, author=bob)
    badge = '<span class="badge badge-verdict_proposed"><span class="status-glyph" aria-hidden="true"></span>Verdict proposed</span>'
    chip = '<span class="rating-chip" data-rating="false">False</span>'
    panel = editor_client.get(claim.get_absolute_url(), headers={"HX-Request": "true", "HX-Target": "claim-panel"})
    rows = editor_client.get(article.get_absolute_url(), headers={"HX-Request": "true", "HX-Target": "claim-list"})
    table = editor_client.get("/claims/", headers={"HX-Request": "true"})
    for response in (panel, rows, table):
        assert badge in response.content.decode()
        assert chip in response.content.decode()
