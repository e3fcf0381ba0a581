"""Authors named in a page's markup where our own metadata reading found none. Must not import claims."""

from __future__ import annotations

from lxml.html import HtmlElement
from trafilatura.metadata import examine_meta, extract_author, extract_meta_json

from documents.furniture import byline_names


def marked_authors(tree: HtmlElement) -> list[str]:
    """Names in author meta tags and JSON-LD forms we do not read, else in elements marked as the author.

    trafilatura looks for rel="author", class="author", "byline" and similar markup. What it finds
    there the page states; a name found nowhere is left out, never guessed from the site's name.
    """
    found = examine_meta(tree).author
    if found and " " not in found:
        found = None  # a lone word in a meta tag is a handle or a site name as often as a name
    if not found:
        try:
            found = extract_meta_json(tree, examine_meta(tree)).author
        except Exception:  # noqa: BLE001 - trafilatura's JSON-LD reader fails on odd pages; not a reason to fail
            found = None
    found = found or extract_author(tree)
    if not found:
        return []
    names = [n.strip() for n in found.split(";") if n.strip()]
    return byline_names("By " + ", ".join(names)) or names
