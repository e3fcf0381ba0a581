"""Main-text extraction: HTML or pasted text to clean article text and metadata. Must not import claims."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date

import trafilatura
from lxml import etree
from lxml.html import HtmlElement

from documents import bylines, charsets, dates, furniture
from documents.metadata import parse_html, read_metadata

MAX_LENGTH = 200_000
NO_TEXT = "This page has no article text — paste it instead"
# The fewest words imported as an article, pasted or fetched; the paste form refuses fewer.
MIN_WORDS = 5
TOO_SHORT = f"Too short to import: an article needs at least {MIN_WORDS} words"
ONLY_FURNITURE = "No article text was found: what is here reads as menus, captions, share buttons or bylines"
# Class and id words that always mark a picture's caption or credit, never the article: these
# elements are removed before trafilatura sees the page. Broader furniture words ("related",
# "more", "tags") are left to trafilatura, as article containers carry them too.
CAPTION_WORDS = {"caption", "credit", "credits", "figcaption", "photo-credit", "image-credit"}
MAX_BYLINE_CHILDREN = 6
_WORD_SPLIT = re.compile(r"[\s_]+")
# Text that could open a byline; the element around it is then read as a line.
_BYLINE_STARTS = etree.XPath(
    "//body//text()[contains('|by |von |par |por |door |di |', concat('|', substring-before("
    "concat(translate(substring(normalize-space(.), 1, 12), 'BYVONPARDI', 'byvonpardi'), ' '), ' '), ' |'))]"
)
_BYLINE_TAGS = {"p", "div", "span", "address", "li"}
# Elements whose class or id may name a caption or credit; the exact words are checked after.
_CAPTION_CANDIDATES = etree.XPath(
    "//figcaption | (//@class | //@id)[contains(., 'aption') or contains(., 'redit')]"
    "/parent::*[self::p or self::span or self::div or self::small or self::cite]"
)
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
    notices = []
    if isinstance(html, bytes):
        decoded = charsets.decode_text(html, html=True)
        html, notices = decoded.text, [decoded.notice] if decoded.notice else []
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

    authors = meta.authors
    # A byline on the page names a person where the metadata only names the site or an account.
    if not authors or all(bylines.names_a_site(a, meta.publisher) for a in authors):
        visible = _visible_byline(tree)
        if not authors or visible:
            authors = visible or bylines.marked_authors(tree) or bylines.linked_author(tree)
    _drop_captions(tree)
    outline = _outline(tree)
    paragraphs = _body_paragraphs(tree, url)
    published = dates.stated_date(tree, title, paragraphs[0] if paragraphs else None, declared=meta.published)
    paragraphs = _lead(outline, paragraphs) + paragraphs
    paragraphs = _drop_title_and_labels(paragraphs, title)
    paragraphs = furniture.clean_paragraphs(paragraphs)
    article = _finish(paragraphs, title=title, max_length=max_length, empty=NO_TEXT, need_sentence=True)
    article.authors = [furniture.normalise(a) for a in authors]
    article.published = published
    article.publisher = furniture.normalise(meta.publisher) if meta.publisher else None
    article.canonical_url = meta.canonical_url
    article.language = meta.language
    article.notices[:0] = notices
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
    return _titled(paragraphs, max_length=max_length)


def extract_paragraphs(title: str | None, paragraphs: list[str], *, max_length: int = MAX_LENGTH) -> ExtractedArticle:
    """An article from a document whose structure was read already (PDF layout, .docx styles)."""
    paragraphs = [p for p in (furniture.normalise(p.replace("\x00", "")) for p in paragraphs) if p]
    if title is None:
        return _titled(paragraphs, max_length=max_length)
    return _finish(furniture.clean_paragraphs(paragraphs), title=title, max_length=max_length)


def _titled(paragraphs: list[str], *, max_length: int) -> ExtractedArticle:
    """Take a title line when there is one; a text that is only that line is imported as it is."""
    if furniture.words(" ".join(paragraphs)) < MIN_WORDS:
        raise ExtractionError(TOO_SHORT)
    title, start = _text_title(paragraphs)
    body = furniture.clean_paragraphs(paragraphs[start:])
    if not body and start:
        title, body = None, furniture.clean_paragraphs(paragraphs) or paragraphs[start - 1 : start]
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
    # XPath finds the few text nodes that start like a byline, in C; the line is the element around one.
    for node in _BYLINE_STARTS(tree):
        element = node.getparent()
        for _ in range(3):
            if element is None:
                break
            # A byline is a line: an element with many children is a container, and costly to read whole.
            if element.tag in _BYLINE_TAGS and len(element) <= MAX_BYLINE_CHILDREN:
                text = " ".join(element.text_content().split())
                if 2 <= len(text.split()) <= 14 and (names := furniture.byline_names(text)):
                    return names
            element = element.getparent()
    return []


def _drop_captions(tree: HtmlElement) -> None:
    doomed = [
        element
        for element in _CAPTION_CANDIDATES(tree)
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
            outline.append((str(element.tag), text))
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


def _finish(
    paragraphs: list[str],
    *,
    title: str | None,
    max_length: int,
    empty: str = ONLY_FURNITURE,
    need_sentence: bool = False,
) -> ExtractedArticle:
    """The article, or ExtractionError(empty) when nothing is left.

    A web page must keep at least one sentence: link lists, galleries and menus are short lines
    only. Text a person pasted or wrote is imported however short, from MIN_WORDS words.
    """
    text = furniture.normalise("\n\n".join(paragraphs))
    if furniture.words(text) < MIN_WORDS or (need_sentence and not any(furniture.is_prose(p) for p in paragraphs)):
        raise ExtractionError(empty)
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
