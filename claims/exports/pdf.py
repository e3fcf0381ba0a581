"""The printable report as PDF, rendered by WeasyPrint without any network or file access."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

from django.conf import settings
from django.contrib.staticfiles import finders

from claims.exports.formats import html_chunks
from claims.exports.records import Scope


def render_pdf(html: str) -> bytes:
    """HTML to PDF bytes with report.css; every URL the document names is refused, none fetched."""
    # Imported here: WeasyPrint loads Pango and fonts, which web requests that never print should not pay for.
    from weasyprint import CSS, HTML
    from weasyprint.urls import URLFetcher

    class NoFetching(URLFetcher):  # type: ignore[misc]
        # A link in a rationale or a hostile title must never make the renderer fetch a URL or read a file.
        def fetch(self, url: str, headers: Any = None) -> Any:
            raise ValueError(f"The PDF renderer does not fetch {url[:100]!r}")

    stylesheet = Path(str(finders.find("css/report.css"))).read_text(encoding="utf-8")
    fetcher = NoFetching()
    document = HTML(string=html, base_url=settings.SITE_URL, url_fetcher=fetcher)
    return bytes(document.write_pdf(stylesheets=[CSS(string=stylesheet, url_fetcher=fetcher)]))


def report_pdf(scope: Scope, *, progress: Callable[[int], None] | None = None) -> bytes:
    """The report of a scope as PDF bytes; ``progress`` is called with the number of claims rendered."""
    return render_pdf("".join(html_chunks(scope, pdf=True, progress=progress)))
