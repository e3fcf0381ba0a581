"""The pages htmx updates most carry nothing a strict style-src refuses: no style attributes, no <style>."""

from __future__ import annotations

import json
import re

import pytest
from django.conf import settings

from claims.models import Claim
from tests.factories import ArticleFactory, ClaimFactory, CommentFactory, SourceFactory, VerdictFactory

pytestmark = pytest.mark.django_db

INLINE_STYLE = re.compile(r"<[^>]+\sstyle\s*=|<style[\s>]", re.I)


def test_the_style_policy_allows_no_inline_styles():
    assert settings.SECURE_CSP["style-src"] == ["'self'"]


def test_the_article_page_and_its_panel_have_no_inline_styles(editor_client, alice, bob):
    article = ArticleFactory()
    claim = ClaimFactory(article=article, status=Claim.Status.VERDICT_PROPOSED, assignee=bob)
    SourceFactory(claim=claim)
    VerdictFactory(claim=claim, author=bob)
    CommentFactory(claim=claim, author=alice)
    ClaimFactory(article=article, start=20, end=30)
    page = editor_client.get(claim.get_absolute_url()).content.decode()
    panel = editor_client.get(claim.get_absolute_url(), headers={"HX-Request": "true"}).content.decode()
    assert "source-card" in panel and "verdict" in panel
    for html in (page, panel):
        assert INLINE_STYLE.findall(html) == []
    # htmx would otherwise add a <style> for its request indicators at load.
    meta = re.search(r"<meta name=\"htmx-config\" content='([^']*)'>", page).group(1)
    assert json.loads(meta)["includeIndicatorStyles"] is False
