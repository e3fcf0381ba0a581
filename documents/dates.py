"""The publication date a page states, and only that. Must not import claims.

htmldate reads many more meta and JSON-LD forms than we would, but left to itself it also takes
dates from URLs, sidebars, footers and copyright lines, and so finds a date on nearly every page.
Here it only sees small documents built from the page, in this order: its head with the
structured data; the article's own container (the smallest element holding both the headline and
the first paragraph), searched for date markup only; the dateline, the text just above the first
paragraph in that container, searched for written dates; and, when none of these says anything, the
page without its sidebars, footers, navigation and comments, searched for date markup only
(`<time>`, `itemprop="datePublished"`, elements classed as a date), never for dates in running text.
"""

from __future__ import annotations

import bisect
import copy
import logging
import re
from datetime import date
from html import escape

from htmldate import find_date
from lxml import etree
from lxml import html as lxml_html
from lxml.etree import _ElementUnicodeResult
from lxml.html import HtmlElement

# A dateline is a line or two; more text above the body is a standfirst or a gallery.
DATELINE_CHARS = 400
# Parts of a page whose dates belong to other stories, comments or the site itself.
_ASIDES = (
    "//aside | //footer | //nav | //@class[contains(., 'sidebar') or contains(., 'widget') or contains(., 'related')"
    " or contains(., 'teaser') or contains(., 'Teaser') or contains(., 'comment') or contains(., 'footer')]/.."
    " | //@id[contains(., 'sidebar') or contains(., 'comment') or contains(., 'footer')]/.."
)
_VISIBLE_TEXT = ".//text()[not(ancestor::script or ancestor::style or ancestor::noscript or ancestor::template)]"

logging.getLogger("htmldate").setLevel(logging.ERROR)


def stated_date(
    tree: HtmlElement, title: str | None, first_paragraph: str | None, *, declared: date | None = None
) -> date | None:
    """The date in the page's metadata, else the one the article itself shows; None rather than a guess.

    `declared` is the date our own reading of the metadata found, for the forms htmldate misses.
    """
    found = _from_head(tree) or declared
    if found:
        return found
    return (_from_article(tree, title, first_paragraph) if first_paragraph else None) or _from_page_markup(tree)


def _from_article(tree: HtmlElement, title: str | None, first_paragraph: str) -> date | None:
    """Date markup in the article's container, else a date written in its dateline."""
    nodes = tree.xpath("//body" + _VISIBLE_TEXT[1:])
    heading = _heading(tree, title)
    heading_text = set(heading.iter()) if heading is not None else set()
    # The article starts after its headline: the same words earlier are a breadcrumb or a teaser.
    after = next((i for i, n in enumerate(nodes) if _owner(n) in heading_text), 0)
    start = _node_starting(nodes[after:], first_paragraph)
    if start is None:
        after, start = 0, _node_starting(nodes, first_paragraph)
    if start is None:
        return None
    start += after
    container = _container(nodes[start], heading)
    if container is None:
        return None
    inside = set(container.iter()) - heading_text
    line = " ".join(" ".join(str(n) for n in nodes[:start] if _owner(n) in inside).split())[-DATELINE_CHARS:]
    return _from_markup(container) or _from_dateline(line)


def _owner(node: _ElementUnicodeResult) -> HtmlElement | None:
    """The element whose text this is (for a tail, the element around the one it follows)."""
    parent = node.getparent()
    owner = parent.getparent() if node.is_tail and parent is not None else parent
    return owner if isinstance(owner, HtmlElement) else None


def _node_starting(nodes: list[_ElementUnicodeResult], paragraph: str) -> int | None:
    """Which text node the paragraph starts in; spaces are ignored, since inline tags add or drop them."""
    probe = "".join(paragraph.split())[:40]
    offsets, joined = [], []
    length = 0
    for node in nodes:
        offsets.append(length)
        squeezed = "".join(node.split())
        joined.append(squeezed)
        length += len(squeezed)
    at = "".join(joined).find(probe) if probe else -1
    return None if at < 0 else bisect.bisect_right(offsets, at) - 1


def _container(node: _ElementUnicodeResult, heading: HtmlElement | None) -> HtmlElement | None:
    """The smallest element holding both the headline and the first paragraph."""
    owner = _owner(node)
    if owner is None:
        return None
    ancestors = [owner, *owner.iterancestors()]
    if heading is None:
        # Without a headline to anchor it, the paragraph's near surroundings stand for the article.
        return ancestors[min(2, len(ancestors) - 1)]
    above = set(heading.iterancestors())
    return next((a for a in ancestors if a in above), None)


def _heading(tree: HtmlElement, title: str | None) -> HtmlElement | None:
    if not title:
        return None
    wanted = " ".join(title.split())
    for element in tree.iter("h1", "h2"):
        if " ".join(element.text_content().split()) == wanted:
            return element
    return None


def _shell(elements: list[HtmlElement], *, into: str) -> HtmlElement:
    shell = lxml_html.document_fromstring("<html><head></head><body></body></html>")
    target = shell.find(into)
    assert target is not None
    for element in elements:
        target.append(copy.deepcopy(element))
    return shell


def _from_head(tree: HtmlElement) -> date | None:
    elements = tree.xpath("/html/head/* | //body//script[@type='application/ld+json']")
    # url="" stops htmldate from reading a date out of the canonical URL.
    return _parse(find_date(_shell(elements, into="head"), extensive_search=False, original_date=True, url=""))


def _from_markup(container: HtmlElement) -> date | None:
    return _parse(find_date(_shell([container], into="body"), extensive_search=False, original_date=True, url=""))


def _from_page_markup(tree: HtmlElement) -> date | None:
    page = copy.deepcopy(tree)
    # Scripts and HTML comments carry build, session and cache timestamps, not the article's date.
    etree.strip_elements(page, etree.Comment, "script", "noscript", "template", with_tail=False)
    for element in page.xpath(_ASIDES):
        if element.getparent() is not None:
            element.drop_tree()
    return _parse(find_date(page, extensive_search=False, original_date=True, url=""))


def _from_dateline(line: str) -> date | None:
    if not line:
        return None
    found = _parse(find_date(f"<html><body><p>{escape(line)}</p></body></html>", original_date=True, url=""))
    # htmldate turns a lone year into 1 January; a stated date names its day.
    if found is None or not re.search(rf"(?<!\d)0?{found.day}(?!\d)", line):
        return None
    return found


def _parse(value: str | None) -> date | None:
    try:
        return date.fromisoformat(value) if value else None
    except ValueError:
        return None
