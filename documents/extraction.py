"""Main-text extraction: HTML or pasted text to clean article text and metadata. Must not import claims."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date

import trafilatura
from lxml.html import HtmlElement

from documents import bylines, charsets, dates, furniture
from documents.metadata import parse_html, read_metadata

MAX_LENGTH = 200_000
NO_TEXT = "This page has no article text — paste it instead"
MIN_WORDS = 5
# Class and id words that always mark a picture's caption or credit, never the article: these
# elements are removed before trafilatura sees the page. Broader furniture words ("related",
# "more", "tags") are left to trafilatura, as article containers carry them too.
CAPTION_WORDS = {"caption", "credit", "credits", "figcaption", "photo-credit", "image-credit"}
_WORD_SPLIT = re.compile(r"[\s_]+")
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
    tree = parse_html(html)
    meta = read_metadata(tree, url=url)
    title = meta.title
    if meta.publisher is None and meta.html_title and meta.heading:
        # Without a stated site name, "<h1> | Something" in <title> names the site.
        head, _, rest = meta.html_title.partition(meta.heading)
        suffix = re.sub(r"^\s*(\||-|–|—|::|·)\s*", "", rest)
        if not head and suffix and suffix != rest:
            meta.publisher, title = suffix, meta.heading

    authors = meta.authors or _visible_byline(tree) or bylines.marked_authors(tree)
    _drop_captions(tree)
    outline = _outline(tree)
    paragraphs = _body_paragraphs(tree, url)
    published = dates.stated_date(tree, title, paragraphs[0] if paragraphs else None, declared=meta.published)
    paragraphs = _lead(outline, paragraphs) + paragraphs
    paragraphs = _drop_title_and_labels(paragraphs, title)
    paragraphs = furniture.clean_paragraphs(paragraphs)
    article = _finish(paragraphs, title=title, max_length=max_length)
    article.authors = [furniture.normalise(a) for a in authors]
    article.published = published
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


def _drop_captions(tree: HtmlElement) -> None:
    doomed = [
        element
        for element in tree.iter("figcaption", "p", "span", "div", "small", "cite")
        if element.tag == "figcaption"
        or set(_WORD_SPLIT.split(f"{element.get('class', '')} {element.get('id', '')}".lower())) & CAPTION_WORDS
    ]
    for element in doomed:
        # A wrapper that holds several paragraphs is a section, whatever its name.
        if element.getparent() is not None and len(element.xpath(".//p")) < 2:
            element.drop_tree()


def _outline(tree: HtmlElement) -> list[tuple[str, str]]:
    """Headings and paragraphs in page order, read before trafilatura discards what it judges furniture."""
    outline = []
    for element in tree.iter("h1", "p"):
        text = " ".join(element.text_content().split())
        if text:
            outline.append((element.tag, text))
    return outline


def _body_paragraphs(tree: HtmlElement, url: str | None) -> list[str]:
    # trafilatura's defaults (with its readability and jusText fallbacks) keep the most article text;
    # furniture is removed afterwards, paragraph by paragraph, only where a rule is sure.
    document = trafilatura.bare_extraction(tree, url=url, include_comments=False, with_metadata=False)
    text = getattr(document, "text", None) or ""
    paragraphs = [p.strip() for p in text.split("\n") if p.strip()]
    if sum(furniture.words(p) for p in paragraphs) >= 20:
        return paragraphs
    # trafilatura gives up on short pages; fall back to the page's own paragraphs.
    own = [" ".join(p.text_content().split()) for p in tree.iter("p")]
    own = [p for p in own if furniture.words(p) >= 8]
    return own if sum(furniture.words(p) for p in own) > sum(furniture.words(p) for p in paragraphs) else paragraphs


def _lead(outline: list[tuple[str, str]], paragraphs: list[str]) -> list[str]:
    """Paragraphs between the <h1> and the body that trafilatura chose: the standfirst.

    trafilatura keeps only the container it judges to be the body, and news sites put the
    standfirst outside it, next to the headline.
    """
    if not paragraphs:
        return []
    first = paragraphs[0]
    lead: list[str] = []
    after_heading = False
    for tag, text in outline:
        if tag == "h1":
            after_heading, lead = True, []
        elif text == first or text.startswith(first):
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
    # Link lists, galleries and menus are short lines only; an article has at least one sentence.
    if furniture.words(text) < MIN_WORDS or not any(furniture.is_prose(p) for p in paragraphs):
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
