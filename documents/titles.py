"""Choosing an article's title among the headings a page shows and the titles it declares. Must not import claims."""

from __future__ import annotations

import re
import unicodedata

# Separators between a title and the site or section name in <title> and og:title.
TITLE_SEPARATORS = re.compile(r"\s+(?:\||-|–|—|::|·|»|›|«)\s+")
_WORD = re.compile(r"\w+")
MAX_HEADING_WORDS = 40


def tokens(text: str) -> tuple[str, ...]:
    return tuple(_WORD.findall(unicodedata.normalize("NFKC", text).casefold()))


def _within(part: tuple[str, ...], whole: tuple[str, ...]) -> bool:
    size = len(part)
    return any(whole[i : i + size] == part for i in range(len(whole) - size + 1))


def visible_title(
    h1: list[str], h2: list[str], declared: list[str], html_title: str | None, site_names: list[str]
) -> str | None:
    """The heading a reader sees as the title, when the page's declared titles vouch for it.

    A heading the declared titles (headline, og:title, <title>) repeat or contain is the article's
    headline; of several, the longest, since the shorter ones are site or section names
    ("Site » Blog Archive » Post" has the site's name in an <h1> and the post's in an <h2>). Without
    such agreement the page's only <h1> is taken unless it names the site.
    """
    said = [tokens(t) for t in [*declared, html_title or ""] if t]
    sites = {tokens(s) for s in site_names if s}
    headings = [h for h in [*h1, *h2] if 0 < len(tokens(h)) <= MAX_HEADING_WORDS]
    for heading in headings:
        if tokens(heading) in said:
            return heading
    agreed = [
        h
        for h in headings
        if len(tokens(h)) >= 2 and tokens(h) not in sites and any(_within(tokens(h), t) for t in said)
    ]
    if agreed:
        return max(agreed, key=lambda h: len(tokens(h)))
    # The first and last parts of "<title> | Site" are where sites put their names.
    parts = TITLE_SEPARATORS.split(html_title or "")
    if len(parts) > 1:
        sites |= {tokens(parts[0]), tokens(parts[-1])}
    own = [h for h in h1 if 2 <= len(tokens(h)) <= MAX_HEADING_WORDS and tokens(h) not in sites]
    return own[0] if len(own) == 1 else None
