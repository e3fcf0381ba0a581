"""Authors named in a page's markup where our own metadata reading found none. Must not import claims."""

from __future__ import annotations

import re

from lxml import etree
from lxml.html import HtmlElement
from trafilatura.json_metadata import normalize_authors
from trafilatura.metadata import examine_meta, extract_meta_json

from documents.furniture import byline_names, words

# trafilatura's search for author markup (trafilatura.metadata.extract_author with its AUTHOR_XPATHS
# and AUTHOR_DISCARD_XPATHS), rewritten to run in a fraction of the time: one XPath finds the few
# elements whose attributes could qualify, and Python applies trafilatura's rules to those, in its
# order, instead of copying the page, pruning the copy and searching it three times.
_AUTHOR_CUES = (
    "uthor", "yline", "byl", "BBL", "username", "writer", "screenname", "channel-name", "zuozhe",
    "bianji", "xiaobian", "submitted-by", "posted-by", "journalist-name",
)  # fmt: skip
_CUE_TEST = " or ".join(f"contains(., '{cue}')" for cue in _AUTHOR_CUES)
# Searching attribute nodes, each read once, is many times faster than testing every element's attributes.
_MAYBE_AUTHOR = etree.XPath(
    f"//@class[{_CUE_TEST}]/.. | //@id[{_CUE_TEST}]/.. | //@rel[. = 'author']/.."
    " | //@itemprop[contains(., 'author')]/.. | //@data-testid[. = 'AuthorCard' or . = 'AuthorURL']/.."
    " | //@data-component[contains(., 'Byline')]/.. | //author"
)
_NOT_AUTHOR_CLASS = (
    "commentlist", "comments-list", "sidebar", "is-hidden", "quote", "embedly-instagram", "article-share",
    "article-support", "print", "category", "meta-date", "meta-reviewer",
)  # fmt: skip
_AUTHOR_LIMIT = 120


def _has(value: str, *cues: str) -> bool:
    return any(cue in value for cue in cues)


def _specific(element: HtmlElement) -> bool:
    get = element.get
    return element.tag == "author" or (
        element.tag in {"a", "address", "div", "link", "p", "span", "strong"}
        and (
            get("rel") == "author"
            or get("id") == "author"
            or get("class") == "author"
            or get("itemprop") == "author name"
            or get("data-testid") in {"AuthorCard", "AuthorURL"}
            or _has(get("class") or "", "authorname", "author-name", "AuthorName", "authorName")
        )
    )


def _generic(element: HtmlElement) -> bool:
    get = element.get
    return element.tag in {"a", "div", "h3", "h4", "p", "span"} and (
        get("class") in {"byline", "username", "byl", "BBL"}
        or "author" in (get("itemprop") or "")
        or _has(get("id") or "", "author", "zuozhe", "bianji", "xiaobian")
        or _has(
            get("class") or "",
            "author",
            "channel-name",
            "zuozhe",
            "bianji",
            "xiaobian",
            "submitted-by",
            "posted-by",
            "journalist-name",
        )  # fmt: skip
    )


def _last_resort(element: HtmlElement) -> bool:
    get = element.get
    return (
        "Byline" in (get("data-component") or "")
        or "author" in (get("itemprop") or "")
        or _has(get("id") or "", "Author", "author")
        or _has(get("class") or "", "Author", "author", "screenname", "writer", "Byline", "byline")
    )


def _not_author(element: HtmlElement) -> bool:
    """trafilatura's AUTHOR_DISCARD_XPATHS: comments, sidebars, quotes, dates and figures."""
    if element.tag in {"time", "figure"}:
        return True
    if element.tag not in {"a", "div", "section", "span"}:
        return False
    ident, cls = element.get("id") or "", element.get("class") or ""
    return (
        ident == "comments"
        or cls in {"comments", "title", "date"}
        or ident.startswith("comments")
        or _has(ident, "commentlist", "comment-list", "ProductReviews")
        or cls.startswith(("Comments", "comments"))
        or _has(cls, *_NOT_AUTHOR_CLASS)
        or "Figure" in (element.get("data-component") or "")
    )


def _kept_text(element: HtmlElement) -> str | None:
    """The element's text without the parts trafilatura prunes; None once it is too long to be a name."""
    parts: list[str] = []
    size = 0

    def walk(node: HtmlElement) -> bool:
        nonlocal size
        if node.text and isinstance(node.tag, str):
            parts.append(node.text)
            size += len(node.text.strip())
        for child in node:
            if isinstance(child.tag, str) and not _not_author(child) and not walk(child):
                return False
            if child.tail:
                parts.append(child.tail)
                size += len(child.tail.strip())
        return size <= 4 * _AUTHOR_LIMIT

    return " ".join(" ".join(parts).split()) if walk(element) else None


def _author_markup(tree: HtmlElement) -> str | None:
    """The first element marked as the author whose text reads as a name, by trafilatura's rules."""
    candidates = [
        element
        for element in _MAYBE_AUTHOR(tree)
        if not _not_author(element) and not any(_not_author(a) for a in element.iterancestors())
    ]
    for rule in (_specific, _generic, _last_resort):
        for element in candidates:
            if rule(element) and (text := _kept_text(element)) and 2 < len(text) < _AUTHOR_LIMIT:
                return normalize_authors(None, text)
    return None


# Links to an author's page: rel="author", or an address whose last folder names the author.
_AUTHOR_LINKS = etree.XPath(
    "//a/@rel[contains(concat(' ', normalize-space(.), ' '), ' author ')]/.. | //a/@href[contains(., '/author/')"
    " or contains(., '/authors/') or contains(., '/autor/') or contains(., '/autoren/') or contains(., '/auteur/')"
    " or contains(., '/autore/')]/.."
)
_AUTHOR_PAGE = re.compile(r"/(author|authors|autor|autoren|auteur|autore)/[^/?#]+/?([?#].*)?$", re.I)
# A name, not a label: no digits, handles, separators or punctuation runs.
_NOT_A_NAME = re.compile(r"[\d@:|»«>/()?!]")
# Domains and handles read as a site or an account, not as the person the page names.
_DOMAIN = re.compile(r"\w\.(com|net|org|info|de|at|ch|fr|it|es|nl|be|eu|uk|io|co)\b", re.I)


def marked_authors(tree: HtmlElement) -> list[str]:
    """Names in author meta tags and JSON-LD forms we do not read, else in elements marked as the author.

    trafilatura looks for rel="author", class="author", "byline" and similar markup. What it finds
    there the page states; a name found nowhere is left out, never guessed from the site's name.
    """
    declared = examine_meta(tree)
    found = declared.author
    if found and " " not in found:
        found = None  # a lone word in a meta tag is a handle or a site name as often as a name
    if not found:
        try:
            found = extract_meta_json(tree, declared).author
        except Exception:  # noqa: BLE001 - trafilatura's JSON-LD reader fails on odd pages; not a reason to fail
            found = None
    found = found or _author_markup(tree)
    if not found:
        return []
    names = [n.strip() for n in found.split(";") if n.strip()]
    return byline_names("By " + ", ".join(names)) or names


def linked_author(tree: HtmlElement) -> list[str]:
    """The name on the first link to an author's page (rel="author", ".../author/jane-doe")."""
    for link in _AUTHOR_LINKS(tree):
        href = link.get("href") or ""
        if "author" not in (link.get("rel") or "").lower().split() and not _AUTHOR_PAGE.search(href):
            continue
        text = " ".join(link.text_content().split())
        if 1 <= words(text) <= 4 and not _NOT_A_NAME.search(text):
            return [text]
    return []


def names_a_site(name: str, publisher: str | None) -> bool:
    """Whether an author field holds the site's name, a domain or a lower-case handle rather than a person."""
    name = name.strip()
    return bool(
        _DOMAIN.search(name)
        or (publisher and name.casefold() == publisher.casefold())
        or (" " not in name and name.islower())
    )
