"""Main-text extraction: HTML or pasted text to clean article text and metadata. Must not import claims."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date

import trafilatura
from lxml.html import HtmlElement

from documents import charsets, furniture
from documents.metadata import parse_html, read_metadata

MAX_LENGTH = 200_000
NO_TEXT = "This page has no article text — paste it instead"
# Class and id words that mark page furniture on news sites. Matched as whole words of the
# attribute ("share-buttons" -> "share"), never as substrings ("shared" is not "share").
FURNITURE_WORDS = {
    "cookie", "cookies", "consent", "gdpr", "newsletter", "promo", "share", "sharing", "social",
    "related", "subscribe", "subscription", "signup", "advert", "advertisement", "ad", "ads",
    "sidebar", "comments", "comment", "breadcrumb", "breadcrumbs", "trending", "tags", "caption",
    "credit", "paywall", "popup", "modal", "skip", "masthead", "menu", "nav", "navbar",
    "pagination", "footer", "kicker", "byline", "postmetadata", "more", "widget", "partage",
    "overlay", "banner", "toolbar", "outbrain", "taboola",
}  # fmt: skip
FURNITURE_TAGS = ("script", "style", "noscript", "nav", "footer", "aside", "form", "button",
                  "figure", "figcaption", "iframe", "svg", "template", "dialog")  # fmt: skip
_WORD_SPLIT = re.compile(r"[\s_-]+")
_SENTENCE_END = re.compile(r"[.!?…][\"'”’)]*\s")


class ExtractionError(Exception):
    """Nothing extractable; the message is for the person importing."""


@dataclass
class ExtractedArticle:
    title: str | None
    text: str
    authors: list[str] = field(default_factory=list)
    published: date | None = None
    publisher: str | None = None
    canonical_url: str | None = None
    language: str | None = None
    truncated: bool = False
    notices: list[str] = field(default_factory=list)


def extract_article(html: str | bytes, *, url: str | None = None, max_length: int = MAX_LENGTH) -> ExtractedArticle:
    """Extract the article text and the metadata the page states; raise ExtractionError if none."""
    if isinstance(html, bytes):
        html, _ = charsets.decode(html, html=True)
    html = html.replace("\x00", "")
    if not html.strip():
        raise ExtractionError(NO_TEXT)
    meta = read_metadata(parse_html(html), url=url)
    title = meta.title
    if meta.publisher is None and meta.html_title and meta.heading:
        # Without a stated site name, "<h1> | Something" in <title> names the site.
        head, _, rest = meta.html_title.partition(meta.heading)
        suffix = re.sub(r"^\s*(\||-|–|—|::|·)\s*", "", rest)
        if not head and suffix and suffix != rest:
            meta.publisher, title = suffix, meta.heading

    tree = parse_html(html)
    authors = meta.authors or _visible_byline(tree)
    _prune(tree)
    paragraphs = _body_paragraphs(tree, url)
    paragraphs = _drop_title_and_labels(paragraphs, title)
    paragraphs = furniture.clean_paragraphs(paragraphs)
    article = _finish(paragraphs, title=title, max_length=max_length)
    article.authors = [furniture.normalise(a) for a in authors]
    article.published = meta.published
    article.publisher = furniture.normalise(meta.publisher) if meta.publisher else None
    article.canonical_url = meta.canonical_url
    article.language = meta.language
    return article


def extract_text_document(text: str, *, filename: str | None = None, max_length: int = MAX_LENGTH) -> ExtractedArticle:
    """Extract title and article text from pasted or uploaded plain text or Markdown."""
    text = furniture.normalise(text.replace("\x00", ""))
    markdown = bool(filename and filename.lower().endswith((".md", ".markdown")))
    paragraphs: list[str] = []
    for block in text.split("\n\n"):
        lines = [line.strip() for line in block.split("\n") if line.strip()]
        if markdown:
            lines = [re.sub(r"^#{1,6}\s+", "", line) for line in lines]
        paragraphs.extend(_unwrap(lines))
    title, start = _text_title(paragraphs)
    body = furniture.clean_paragraphs(paragraphs[start:])
    return _finish(body, title=title, max_length=max_length)


def _unwrap(lines: list[str]) -> list[str]:
    """Join hard-wrapped prose lines; keep short stacked lines (labels, titles) apart."""
    paragraphs: list[str] = []
    joining = False
    for line in lines:
        if joining and paragraphs:
            paragraphs[-1] += " " + line
        else:
            paragraphs.append(line)
        # A long line that does not finish a sentence was wrapped by an editor or mail client.
        joining = len(line) >= 60 and not line.endswith((".", "!", "?", ":", '"', "”"))
    return paragraphs


def _text_title(paragraphs: list[str]) -> tuple[str | None, int]:
    """The first substantial non-furniture line without a final full stop, and where the body starts.

    Short lines above it (section labels, skip links) are dropped with it. The title keeps the
    article's own characters, typographic apostrophes included.
    """
    for index, paragraph in enumerate(paragraphs[:8]):
        if furniture.is_furniture(paragraph) or furniture.words(paragraph) < 3:
            continue
        if paragraph.endswith((".", ":", ";", ",")) or furniture.words(paragraph) > 25:
            break
        return paragraph, index + 1
    return None, 0


def _visible_byline(tree: HtmlElement) -> list[str]:
    for element in tree.iter("p", "div", "span", "address", "li"):
        text = " ".join(element.text_content().split())
        if 2 <= len(text.split()) <= 14 and (names := furniture.byline_names(text)):
            return names
    return []


def _is_furniture_element(element: HtmlElement) -> bool:
    if element.tag in FURNITURE_TAGS:
        return True
    words = set(_WORD_SPLIT.split(f"{element.get('class', '')} {element.get('id', '')}".lower()))
    if not words & FURNITURE_WORDS:
        return False
    # A wrapper that holds the headline or most of the text is the article, whatever its name.
    return not element.xpath(".//h1") and len(element.xpath(".//p")) < 3


def _prune(tree: HtmlElement) -> None:
    doomed = [e for e in tree.iter() if isinstance(e.tag, str) and _is_furniture_element(e)]
    for element in doomed:
        if element.getparent() is not None:
            element.drop_tree()
    # A site header outside the article is furniture; the article's own header holds its
    # standfirst, so it stays.
    for header in tree.xpath("//header[not(ancestor::article) and not(.//h1)]"):
        header.drop_tree()
    # trafilatura discards <header> elements, and with them the article's standfirst.
    for header in tree.xpath("//header"):
        header.tag = "div"


def _body_paragraphs(tree: HtmlElement, url: str | None) -> list[str]:
    document = trafilatura.bare_extraction(
        tree,
        url=url,
        include_comments=False,
        include_tables=False,
        include_images=False,
        favor_recall=True,
        with_metadata=False,
    )
    text = getattr(document, "text", None) or ""
    paragraphs = [p.strip() for p in text.split("\n") if p.strip()]
    if sum(furniture.words(p) for p in paragraphs) >= 20:
        return _lead_between_heading_and(tree, paragraphs[0]) + paragraphs
    # trafilatura gives up on short pages; fall back to the page's own paragraphs.
    paragraphs = [" ".join(p.text_content().split()) for p in tree.iter("p")]
    return [p for p in paragraphs if furniture.words(p) >= 8]


def _lead_between_heading_and(tree: HtmlElement, first: str) -> list[str]:
    """Paragraphs between the <h1> and the body that trafilatura chose: the standfirst.

    trafilatura keeps only the container it judges to be the body, and news sites put the
    standfirst outside it, next to the headline.
    """
    lead: list[str] = []
    after_heading = False
    for element in tree.iter("h1", "p"):
        text = " ".join(element.text_content().split())
        if element.tag == "h1":
            after_heading, lead = True, []
        elif text == first:
            return lead if after_heading else []
        elif after_heading and furniture.words(text) >= 6 and not furniture.is_furniture(text):
            lead.append(text)
    return []


def _drop_title_and_labels(paragraphs: list[str], title: str | None) -> list[str]:
    if title:
        wanted = furniture.normalise_apostrophes(title).casefold()
        paragraphs = [p for p in paragraphs if furniture.normalise_apostrophes(p).casefold() != wanted]
    # Short lines without punctuation before the first real paragraph are section labels.
    while paragraphs and furniture.words(paragraphs[0]) <= 3 and not paragraphs[0].endswith((".", "!", "?")):
        paragraphs = paragraphs[1:]
    return paragraphs


def _finish(paragraphs: list[str], *, title: str | None, max_length: int) -> ExtractedArticle:
    text = furniture.normalise("\n\n".join(paragraphs))
    if furniture.words(text) < 5:
        raise ExtractionError(NO_TEXT)
    article = ExtractedArticle(title=furniture.normalise(title) if title else None, text=text)
    if len(text) > max_length:
        article.text = _cut(text, max_length)
        article.truncated = True
        article.notices.append(f"The text was cut at {len(article.text):,} characters; the limit is {max_length:,}.")
    return article


def _cut(text: str, max_length: int) -> str:
    """Cut at the last paragraph end, else sentence end, else word end before the limit."""
    head = text[:max_length]
    for boundary in ("\n\n", None):
        if boundary and (at := head.rfind(boundary)) > max_length // 2:
            return head[:at].rstrip()
    ends = [m.end() for m in _SENTENCE_END.finditer(head + " ")]
    if ends and ends[-1] > max_length // 2:
        return head[: ends[-1]].rstrip()
    return head.rsplit(" ", 1)[0].rstrip() if " " in head else head
