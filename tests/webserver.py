"""A scriptable web site on 127.0.0.1 for tests that fetch pages: articles and evidence sources."""

from __future__ import annotations

import contextlib
import threading
import time
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest


@dataclass
class Page:
    body: bytes = b""
    status: int = 200
    content_type: str = "text/html; charset=utf-8"
    headers: tuple[tuple[str, str], ...] = ()
    delay: float = 0.0


@dataclass
class Site:
    """Pages served by path; tests add what they need and read which paths were requested."""

    port: int = 0
    pages: dict[str, Page] = field(default_factory=dict)
    hits: list[str] = field(default_factory=list)

    def add(self, path: str, body: str | bytes = b"", **options) -> str:
        self.pages[path] = Page(body=body.encode() if isinstance(body, str) else body, **options)
        return self.url(path)

    def url(self, path: str) -> str:
        return f"http://127.0.0.1:{self.port}{path}"

    @property
    def address(self) -> str:
        return f"127.0.0.1:{self.port}"


def _handler_for(site: Site) -> type[BaseHTTPRequestHandler]:
    class Handler(BaseHTTPRequestHandler):
        def log_message(self, format, *args):
            pass

        def do_GET(self):
            site.hits.append(self.path)
            page = site.pages.get(self.path, Page(b"not found", status=404, content_type="text/plain"))
            if page.delay:
                time.sleep(page.delay)
            self.send_response(page.status)
            self.send_header("Content-Type", page.content_type)
            for name, value in page.headers:
                self.send_header(name, value)
            self.send_header("Content-Length", str(len(page.body)))
            self.end_headers()
            with contextlib.suppress(BrokenPipeError, ConnectionResetError):
                self.wfile.write(page.body)

    return Handler


@pytest.fixture(scope="session")
def _site_server():
    site = Site()
    server = ThreadingHTTPServer(("127.0.0.1", 0), _handler_for(site))
    server.daemon_threads = True
    site.port = server.server_address[1]
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield site
    server.shutdown()
    server.server_close()


@pytest.fixture
def site(_site_server, settings):
    """The local site, reachable by the safe fetcher through the exact ip:port allow-list."""
    _site_server.pages.clear()
    _site_server.hits.clear()
    settings.FETCH_ALLOWED_ADDRESSES = [_site_server.address]
    settings.FETCH_READ_TIMEOUT = 2.0
    settings.FETCH_TOTAL_DEADLINE = 3.0
    return _site_server
