"""Authors named in a page's markup where our own metadata reading found none. Must not import claims."""

from __future__ import annotations

import re
from copy import deepcopy

from lxml import etree
from lxml.html import HtmlElement
from trafilatura.htmlprocessing import prune_unwanted_nodes
from trafilatura.json_metadata import normalize_authors
from trafilatura.metadata import examine_meta, extract_meta_json, extract_metainfo

from documents.furniture import byline_names, words

# trafilatura's author markup (trafilatura.xpaths.AUTHOR_XPATHS and AUTHOR_DISCARD_XPATHS), written
# without EXSLT regular expressions, which lxml runs as a Python call per element; each re:test
# there is a search for a few fixed words, so the results are the same.
_AUTHOR_MARKUP = [
    etree.XPath(
        "//*[self::a or self::address or self::div or self::link or self::p or self::span or self::strong]["
        "@rel='author' or @id='author' or @class='author' or @itemprop='author name' or rel='me'"
        " or @data-testid='AuthorCard' or @data-testid='AuthorURL' or contains(@class, 'authorname')"
        " or contains(@class, 'author-name') or contains(@class, 'AuthorName') or contains(@class, 'authorName')]"
        " | //author"
    ),
    etree.XPath(
        "//*[self::a or self::div or self::h3 or self::h4 or self::p or self::span]["
        "@class='byline' or @class='username' or @class='byl' or @class='BBL' or contains(@itemprop, 'author')"
        " or contains(@id, 'author') or contains(@id, 'zuozhe') or contains(@id, 'bianji')"
        " or contains(@id, 'xiaobian') or contains(@class, 'author') or contains(@class, 'channel-name')"
        " or contains(@class, 'zuozhe') or contains(@class, 'bianji') or contains(@class, 'xiaobian')"
        " or contains(@class, 'submitted-by') or contains(@class, 'posted-by') or contains(@class, 'journalist-name')]"
    ),
    etree.XPath(
        "//*[contains(@data-component, 'Byline') or contains(@itemprop, 'author') or contains(@id, 'Author')"
        " or contains(@id, 'author') or contains(@class, 'Author') or contains(@class, 'author')"
        " or contains(@class, 'screenname') or contains(@class, 'writer') or contains(@class, 'Byline')"
        " or contains(@class, 'byline')]"
    ),
]
_NOT_AUTHOR_MARKUP = [
    etree.XPath(
        ".//*[self::a or self::div or self::section or self::span]["
        "@id='comments' or @class='comments' or @class='title' or @class='date' or starts-with(@id, 'comments')"
        " or contains(@id, 'commentlist') or contains(@id, 'comment-list') or contains(@id, 'ProductReviews')"
        " or starts-with(@class, 'Comments') or starts-with(@class, 'comments') or contains(@class, 'commentlist')"
        " or contains(@class, 'comments-list') or contains(@class, 'sidebar') or contains(@class, 'is-hidden')"
        " or contains(@class, 'quote') or contains(@class, 'embedly-instagram') or contains(@class, 'article-share')"
        " or contains(@class, 'article-support') or contains(@class, 'print') or contains(@class, 'category')"
        " or contains(@class, 'meta-date') or contains(@class, 'meta-reviewer') or contains(@data-component, 'Figure')]"
    ),
    etree.XPath("//time | //figure"),
]
# Links to an author's page: rel="author", or an address whose last folder names the author.
_AUTHOR_LINKS = etree.XPath(
    "//body//a[contains(concat(' ', normalize-space(@rel), ' '), ' author ')"
    " or contains(@href, '/author/') or contains(@href, '/authors/') or contains(@href, '/autor/')"
    " or contains(@href, '/autoren/') or contains(@href, '/auteur/') or contains(@href, '/autore/')]"
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


def _author_markup(tree: HtmlElement) -> str | None:
    """trafilatura.metadata.extract_author, with the regular-expression-free XPaths above."""
    found = extract_metainfo(prune_unwanted_nodes(deepcopy(tree), _NOT_AUTHOR_MARKUP), _AUTHOR_MARKUP, len_limit=120)
    return normalize_authors(None, found) if found else None
