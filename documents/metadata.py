"""Article metadata a page states in JSON-LD, Open Graph and meta tags. Must not import claims."""

from __future__ import annotations

import html
import json
import re
from dataclasses import dataclass, field
from datetime import date
from typing import Any
from urllib.parse import urljoin

from lxml import html as lxml_html
from lxml.html import HtmlElement

from documents.furniture import normalise_apostrophes
from documents.titles import TITLE_SEPARATORS, visible_title

ARTICLE_TYPES = {
    "Article", "NewsArticle", "ReportageNewsArticle", "AnalysisNewsArticle", "BlogPosting",
    "OpinionNewsArticle", "ReviewNewsArticle", "BackgroundNewsArticle", "Report",
    "ScholarlyArticle", "TechArticle", "SocialMediaPosting", "LiveBlogPosting", "WebPage",
}  # fmt: skip
# Meta names that state the publication date of the page itself. Modified and "last updated"
# dates are deliberately absent: they are not when the article was published.
DATE_META = (
    "article:published_time", "date", "pubdate", "publishdate", "publish-date", "dc.date",
    "dc.date.issued", "dcterms.issued", "dcterms.created", "citation_publication_date",
    "sailthru.date", "parsely-pub-date", "og:published_time", "datepublished",
)  # fmt: skip
AUTHOR_META = (
    "author",
    "article:author",
    "dc.creator",
    "parsely-author",
    "sailthru.author",
)
MAX_H2 = 8  # second-level headings further down are section titles
_XML_DECLARATION = re.compile(r"^\s*<\?xml[^>]*\?>")
_ISO_DATE = re.compile(r"^\s*(\d{4})-(\d{2})-(\d{2})")
_BY = re.compile(r"^(by|von|par)\s+", re.I)
# A JSON-LD object as json.loads gives it: pages put any JSON value under any key.
JSONObject = dict[str, Any]


@dataclass
class PageMetadata:
    title: str | None = None
    heading: str | None = None
    html_title: str | None = None
    authors: list[str] = field(default_factory=list)
    published: date | None = None
    publisher: str | None = None
    canonical_url: str | None = None
    language: str | None = None


def _json_ld_objects(tree: HtmlElement) -> list[JSONObject]:
    found: list[JSONObject] = []

    def walk(node: object) -> None:
        if isinstance(node, list):
            for item in node:
                walk(item)
        elif isinstance(node, dict):
            found.append(node)
            walk(node.get("@graph", []))

    for script in tree.xpath('//script[@type="application/ld+json"]'):
        try:
            walk(json.loads(script.text_content() or "null"))
        except ValueError:
            continue
    return found


def _types(obj: JSONObject) -> set[str]:
    value = obj.get("@type", [])
    return set(value if isinstance(value, list) else [value])


def _name(value: object) -> str | None:
    if isinstance(value, dict):
        value = value.get("name")
    if isinstance(value, list):
        value = value[0] if value else None
    return value.strip() if isinstance(value, str) and value.strip() else None


def _names(value: object) -> list[str]:
    items = value if isinstance(value, list) else [value]
    names = [_name(item) for item in items]
    return [n for n in names if n and not n.startswith(("http://", "https://"))]


def parse_date(value: str | None) -> date | None:
    """The calendar date as the page wrote it, without converting time zones."""
    match = _ISO_DATE.match(value or "")
    if match is None:
        return None
    try:
        return date(int(match[1]), int(match[2]), int(match[3]))
    except ValueError:
        return None


def _meta_tags(tree: HtmlElement) -> list[tuple[str, str]]:
    """(name, content) of every <meta> with content, read once per page."""
    tags = []
    for meta in tree.iter("meta"):
        key = (meta.get("property") or meta.get("name") or meta.get("itemprop") or "").lower()
        content = (meta.get("content") or "").strip()
        if key and content:
            tags.append((key, content))
    return tags


def _meta(tags: list[tuple[str, str]], *names: str) -> list[str]:
    wanted = {n.lower() for n in names}
    return [content for key, content in tags if key in wanted]


def _text(element: HtmlElement) -> str:
    return " ".join(element.text_content().split())


def strip_site_suffix(title: str, site_names: list[str]) -> str:
    """Remove " | Site" (or " - ", " — ", " :: ") when the part after it is the site's name."""
    parts = TITLE_SEPARATORS.split(title)
    wanted = {normalise_apostrophes(n).casefold() for n in site_names if n}
    while len(parts) > 1 and normalise_apostrophes(parts[-1]).casefold() in wanted:
        parts.pop()
    return title[: len(" | ".join(parts))] if len(parts) > 1 else parts[0]


def read_metadata(tree: HtmlElement, *, url: str | None = None) -> PageMetadata:
    """Collect what the page itself states about the article; guess nothing."""
    meta = PageMetadata()
    tags = _meta_tags(tree)
    objects = _json_ld_objects(tree)
    articles = [o for o in objects if _types(o) & ARTICLE_TYPES]
    # A WebPage wrapper says less than the article inside the same graph.
    articles.sort(key=lambda o: "WebPage" in _types(o))
    article = articles[0] if articles else {}
    websites = [o for o in objects if "WebSite" in _types(o)]

    headings = tree.xpath("//h1")
    meta.heading = _text(headings[0]) if headings else None
    titles = tree.xpath("//title")
    meta.html_title = _text(titles[0]) if titles else None

    meta.publisher = (
        _name(article.get("publisher"))
        or next(iter(_meta(tags, "og:site_name", "application-name")), None)
        or (_name(websites[0]) if websites else None)
    )
    site_names = [meta.publisher or ""]

    declared = [
        html.unescape(t) for t in (_name(article.get("headline")), *_meta(tags, "og:title", "twitter:title")) if t
    ]
    h1 = [_text(h) for h in headings]
    h2 = [_text(h) for h in tree.xpath("//h2")[:MAX_H2]]
    meta.title = visible_title(h1, h2, declared, meta.html_title, site_names)
    for candidate in [] if meta.title else [*declared, meta.heading, meta.html_title]:
        if candidate:
            meta.title = strip_site_suffix(candidate, site_names)
            break

    meta.authors = _names(article.get("author"))
    if not meta.authors:
        itemprop = tree.xpath('//*[@itemprop="author"]')
        for element in itemprop:
            names = element.xpath('.//*[@itemprop="name"]')
            name = (names[0].get("content") or _text(names[0])) if names else _text(element)
            if name:
                meta.authors.append(name)
    if not meta.authors:
        for value in _meta(tags, *AUTHOR_META):
            if not value.startswith(("http://", "https://")):
                meta.authors.extend(a.strip() for a in value.split(",") if a.strip())
    # Some sites write the byline's "By" into the author field itself.
    meta.authors = [_BY.sub("", a).strip() for a in meta.authors]
    meta.authors = list(dict.fromkeys(a for a in meta.authors if a and a != meta.publisher))

    published_values = [article.get("datePublished")] if article.get("datePublished") else []
    published_values += _meta(tags, *DATE_META)
    published_values += [t.get("datetime") for t in tree.xpath('//time[@itemprop="datePublished" or @pubdate]')]
    meta.published = next((d for d in map(parse_date, published_values) if d), None)

    canonical = tree.xpath('//link[@rel="canonical"]/@href') or _meta(tags, "og:url")
    entity = article.get("mainEntityOfPage")
    if not canonical and isinstance(entity, str | dict):
        canonical = [entity if isinstance(entity, str) else entity.get("@id", "")]
    if canonical and canonical[0].strip():
        meta.canonical_url = urljoin(url or "", canonical[0].strip())

    languages = tree.xpath("/html/@lang") or _meta(tags, "og:locale", "content-language")
    if not languages and isinstance(article.get("inLanguage"), str):
        languages = [article["inLanguage"]]
    if languages and languages[0].strip():
        meta.language = languages[0].strip().replace("_", "-")
    return meta


def parse_html(text: str) -> HtmlElement:
    """Parse HTML leniently; malformed markup is the norm on the web."""
    # lxml refuses a str that starts with an XML declaration naming an encoding; it was decoded already.
    return lxml_html.document_fromstring(_XML_DECLARATION.sub("", text, count=1))
