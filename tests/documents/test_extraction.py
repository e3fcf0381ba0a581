"""Main-text extraction on saved pages with hand-made gold files, and on pasted text."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

import pytest

from documents.extraction import ExtractionError, extract_article, extract_text_document
from documents.furniture import normalise_apostrophes
from tests.samples import sample_text

PAGES = Path(__file__).parent / "pages"
TUNED = sorted(p for p in PAGES.glob("*.html") if not p.name.startswith(("heldout-", "no-text")))


def _gold(page: Path) -> dict:
    return json.loads(page.with_suffix(".gold.json").read_text(encoding="utf-8"))


@pytest.mark.parametrize("page", TUNED, ids=lambda p: p.stem)
def test_it_matches_the_gold_file(page):
    gold = _gold(page)
    article = extract_article(page.read_bytes(), url="https://example.org/article")
    assert article.title == gold["title"]
    assert article.authors == gold["authors"]
    assert article.published == (date.fromisoformat(gold["published"]) if gold["published"] else None)
    assert article.publisher == gold["publisher"]
    assert article.text == "\n\n".join(gold["paragraphs"])
    for line in gold["furniture"]:
        assert line not in article.text


def test_it_never_guesses_a_date_from_the_sidebar_or_footer():
    article = extract_article((PAGES / "sidebar-dates.html").read_bytes())
    assert article.published is None


def test_it_reports_a_page_without_article_text():
    with pytest.raises(ExtractionError, match="This page has no article text — paste it instead"):
        extract_article((PAGES / "no-text.html").read_bytes())
    with pytest.raises(ExtractionError):
        extract_article(b"")


def test_it_reads_canonical_url_and_language():
    article = extract_article((PAGES / "news-jsonld.html").read_text(encoding="utf-8"))
    assert article.canonical_url == "https://harbourgazette.example/news/2025/03/cycle-lanes-approved"
    assert article.language == "en-GB"


def test_it_decodes_windows_1252_bytes_from_the_meta_tag():
    article = extract_article((PAGES / "cp1252.html").read_bytes())
    assert "Le prix de l’arabica a dépassé" in article.text


def test_it_normalises_unicode_to_nfc():
    html = (
        "<html><body><h1>Cafe\u0301 prices rise again</h1>"
        + "<p>The cafe\u0301 raised its prices by ten per cent this week, the owner said.</p>" * 3
    )
    article = extract_article(
        html + "<p>Another paragraph about the cafe\u0301 and its many regular customers.</p></body></html>"
    )
    assert "café" in article.text
    assert "\u0301" not in article.text


def test_it_truncates_long_text_at_a_paragraph_boundary():
    paragraphs = [f"Paragraph {n} is about the budget and goes on for a while. " * 10 for n in range(50)]
    text = "A title for a long piece of text\n\n" + "\n\n".join(p.strip() for p in paragraphs)
    article = extract_text_document(text, max_length=2000)
    assert article.truncated
    assert len(article.text) <= 2000
    assert article.text.endswith("for a while.")
    assert article.notices


def test_it_cleans_the_deepseek_sample():
    article = extract_text_document(sample_text("deepseek-article.txt"), filename="deepseek-article.txt")
    # The stored title keeps the article's typographic apostrophe.
    assert normalise_apostrophes(article.title) == "What DeepSeek's ultra-cheap models mean for the AI arms race"
    assert "’" in article.title
    paragraphs = article.text.split("\n\n")
    assert paragraphs[0] == "The Chinese AI lab is building competitive AI systems despite chip export restrictions."
    for furniture in [
        "Skip to main content",
        "AI",
        "4 min read",
        "Phone displaying a DeepSeek search bar.",
        "Greg Baker/Getty Images",
        "Keep up with the innovative tech transforming business",
    ]:
        assert furniture not in paragraphs
    assert "Tech Brew keeps business leaders" not in article.text
    assert "Copychat? There’s also some question" in article.text
    assert paragraphs[-1].startswith("“I do think it’s a positive development")


def test_it_removes_furniture_from_pasted_text():
    text = "\n\n".join(
        [
            "Jump to content",
            "Politics",
            "Minister promises new hospital for the north",
            "Photo: John Smith/Reuters",
            "By Jane Doe",
            "The health minister promised on Monday to build a new hospital in the north of the region by 2030.",
            "Sign up for our daily newsletter",
            "Opposition parties said the promise had been made twice before and never funded.",
            "Share this article",
            "Advertisement",
        ]
    )
    article = extract_text_document(text)
    assert article.title == "Minister promises new hospital for the north"
    assert article.text.split("\n\n") == [
        "The health minister promised on Monday to build a new hospital in the north of the region by 2030.",
        "Opposition parties said the promise had been made twice before and never funded.",
    ]


def test_it_keeps_sentences_that_only_mention_an_agency():
    text = "Council budget deal reached late at night\n\nThe deal was first reported by Reuters.\n\nIt still needs a final vote next week, officials said."
    assert "first reported by Reuters." in extract_text_document(text).text


def test_it_reads_markdown_headings_as_the_title():
    article = extract_text_document(
        "# Rents rise for the tenth month\n\nRents rose by 0.8 per cent in May, the statistics office said.",
        filename="note.md",
    )
    assert article.title == "Rents rise for the tenth month"


BODY = (
    "<p>The council approved the new bus lanes on Tuesday after a debate that lasted most of the evening.</p>"
    "<p>Work on the first lane, along the harbour road, is due to start in the spring, officials said.</p>"
    "<p>Shop owners on the route said they had not been consulted and would ask for a review of the plan.</p>"
)


def test_it_reads_the_date_written_under_the_headline_but_not_the_sidebar_dates():
    html = (
        "<html><head><title>Bus lanes approved | Harbour News</title></head><body>"
        "<div class='top'>Monday, 3 March 2025</div>"
        "<main><h1>Bus lanes approved</h1><div class='meta'>Published 24 October 2022</div>"
        f"<div class='story'>{BODY}</div></main>"
        "<aside><ul><li>Older story <span class='date'>1 May 2021</span></li></ul></aside></body></html>"
    )
    assert extract_article(html).published == date(2022, 10, 24)


def test_a_date_only_in_the_sidebar_footer_or_url_is_not_stated():
    html = (
        "<html><head><title>Bus lanes approved</title>"
        "<link rel='canonical' href='https://news.example/2021/05/01/bus-lanes'></head><body>"
        f"<main><h1>Bus lanes approved</h1>{BODY}</main>"
        "<aside><span class='date'>1 May 2021</span></aside><footer>© 2024 · Updated 2 June 2024</footer>"
        "</body></html>"
    )
    assert extract_article(html).published is None


def test_it_takes_the_visible_headline_that_the_declared_title_vouches_for():
    html = (
        "<html><head><title>Harbour Notes » Blog Archive » Why the ferry is late again</title></head><body>"
        "<h1>Harbour Notes</h1><div class='post'><h2>Why the ferry is late again</h2>"
        f"{BODY}</div></body></html>"
    )
    assert extract_article(html).title == "Why the ferry is late again"


def test_a_chinese_article_is_not_refused_as_empty():
    html = (
        "<html><head><title>益阳：数字是优长</title></head><body><h1>益阳：数字是优长</h1>"
        "<p>益水之阳，是名益阳。这个洞庭湖区的重要城市，六十年前就曾在作家笔下展现风貌。</p>"
        "<p>无土栽培、立体种植、智能调控、四季生产，在一个智慧农业园区里，技术正在改变农业。</p></body></html>"
    )
    assert "智慧农业园区" in extract_article(html).text


def test_it_reads_date_markup_outside_the_article_container_but_not_in_the_sidebar():
    html = (
        "<html><head><title>Bus lanes approved</title></head><body>"
        "<div class='post-info'><span>Posted</span> <time datetime='2022-10-24T09:00:00+02:00'>24.10.</time></div>"
        f"<main><h2>Bus lanes approved</h2>{BODY}</main>"
        "<aside class='sidebar'><time datetime='2021-05-01'>1 May 2021</time></aside></body></html>"
    )
    assert extract_article(html).published == date(2022, 10, 24)


def test_a_date_in_a_comment_is_not_the_articles():
    html = (
        "<html><head><title>Bus lanes approved</title></head><body>"
        f"<main><h1>Bus lanes approved</h1>{BODY}</main>"
        "<div class='comments'><time datetime='2024-06-02'>2 June 2024</time></div></body></html>"
    )
    assert extract_article(html).published is None


def test_a_visible_byline_names_the_author_when_the_metadata_names_the_site():
    html = (
        "<html><head><title>Bus lanes approved</title><meta name='author' content='harbournews.example'></head><body>"
        f"<main><h1>Bus lanes approved</h1><p class='byline'>By Jane Doe</p>{BODY}</main></body></html>"
    )
    assert extract_article(html).authors == ["Jane Doe"]


def test_the_metadata_author_stays_when_no_byline_says_otherwise():
    html = (
        "<html><head><title>Bus lanes approved</title><meta name='author' content='harbournews.example'></head><body>"
        f"<main><h1>Bus lanes approved</h1>{BODY}</main></body></html>"
    )
    assert extract_article(html).authors == ["harbournews.example"]


def test_it_drops_by_written_into_the_author_field():
    html = (
        "<html><head><title>Bus lanes approved</title><meta name='author' content='By Jane Doe'></head><body>"
        f"<main><h1>Bus lanes approved</h1>{BODY}</main></body></html>"
    )
    assert extract_article(html).authors == ["Jane Doe"]


def test_it_reads_the_author_from_a_link_to_the_authors_page():
    html = (
        "<html><head><title>Bus lanes approved</title></head><body>"
        "<nav><a href='/login/'>Log in</a></nav>"
        f"<main><h1>Bus lanes approved</h1><p><a href='https://news.example/autor/jane-doe/'>Jane Doe</a></p>{BODY}"
        "</main></body></html>"
    )
    assert extract_article(html).authors == ["Jane Doe"]


def test_a_link_to_an_authors_list_is_not_a_name():
    html = (
        "<html><head><title>Bus lanes approved</title></head><body>"
        f"<main><h1>Bus lanes approved</h1><p><a href='/authors/'>Our authors</a></p>{BODY}</main></body></html>"
    )
    assert extract_article(html).authors == []


def test_timestamps_in_scripts_and_html_comments_are_not_the_articles_date():
    html = (
        "<html><head><title>Bus lanes approved</title></head><body><!-- built 2014-06-01 13:09:34 -->"
        f"<main><h1>Bus lanes approved</h1>{BODY}</main>"
        '<script>window.state = {"created_at": "2022-11-24T06:55:31.518Z"}</script></body></html>'
    )
    assert extract_article(html).published is None
