"""Fixtures for the documents tests: a local HTTP server on 127.0.0.1 with scripted routes."""

from __future__ import annotations

import contextlib
import gzip
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest

from documents.fetching import FetchPolicy

ARTICLE = b"<html><head><title>Hello</title></head><body><p>Caf\xc3\xa9 article.</p></body></html>"
BOMB = gzip.compress(b"\0" * 50_000_000)


class _Handler(BaseHTTPRequestHandler):
    hits: list[str]
    other_port: int

    def log_message(self, format, *args):
        pass

    def _send(self, status=200, body=b"", content_type="text/html", headers=()):
        self.send_response(status)
        if content_type:
            self.send_header("Content-Type", content_type)
        for name, value in headers:
            self.send_header(name, value)
        if not any(name == "Content-Length" for name, _ in headers):
            self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        with contextlib.suppress(BrokenPipeError, ConnectionResetError):
            self.wfile.write(body)

    def _redirect(self, location, status=302):
        self._send(status, content_type=None, headers=[("Location", location)])

    def do_GET(self):
        self.hits.append(self.path)
        path = self.path
        if path == "/article":
            self._send(body=ARTICLE, content_type="text/html; charset=utf-8")
        elif path == "/echo":
            self._send(
                body=f"{self.headers['User-Agent']}|{self.headers['Host']}".encode(),
                content_type="text/plain",
            )
        elif path.startswith("/redirect/"):
            left = int(path.rsplit("/", 1)[1])
            self._redirect(f"/redirect/{left - 1}" if left > 1 else "/article")
        elif path == "/relative":
            self._redirect("article", status=301)
        elif path == "/to-other-port":
            self._redirect(f"http://127.0.0.1:{self.other_port}/article")
        elif path == "/to-metadata":
            self._redirect("http://169.254.169.254/latest/meta-data")
        elif path == "/to-file":
            self._redirect("file:///etc/passwd")
        elif path == "/to-ftp":
            self._redirect("ftp://127.0.0.1/file.txt")
        elif path.startswith("/status/"):
            self._send(int(path.rsplit("/", 1)[1]), b"nope")
        elif path == "/slow":
            time.sleep(1.5)
            self._send(body=ARTICLE)
        elif path == "/drip":
            self.send_response(200)
            self.send_header("Content-Type", "text/plain")
            self.end_headers()
            try:
                for _ in range(50):
                    self.wfile.write(b"x")
                    self.wfile.flush()
                    time.sleep(0.2)
            except (BrokenPipeError, ConnectionResetError):
                pass
        elif path == "/drip-headers":
            self.wfile.write(b"HTTP/1.1 200 OK\r\n")
            try:
                for n in range(50):
                    self.wfile.write(f"X-Drip-{n}: x\r\n".encode())
                    self.wfile.flush()
                    time.sleep(0.3)
            except (BrokenPipeError, ConnectionResetError):
                pass
        elif path == "/big-with-length":
            self._send(body=b"", headers=[("Content-Length", "12000000")])
        elif path == "/big-without-length":
            self.send_response(200)
            self.send_header("Content-Type", "text/plain")
            self.end_headers()
            try:
                for _ in range(200):
                    self.wfile.write(b"a" * 65536)
            except (BrokenPipeError, ConnectionResetError):
                pass
        elif path == "/gzip-bomb":
            self._send(
                body=BOMB,
                content_type="text/plain",
                headers=[("Content-Encoding", "gzip")],
            )
        elif path == "/png":
            self._send(body=b"\x89PNG\r\n", content_type="image/png")
        elif path == "/pdf":
            self._send(body=b"%PDF-1.4 fake", content_type="application/pdf")
        elif path == "/cp1252-header":
            self._send(
                body=b"<p>caf\xe9 \x93quoted\x94</p>",
                content_type="text/html; charset=windows-1252",
            )
        elif path == "/cp1252-meta":
            self._send(
                body=b'<html><head><meta charset="windows-1252"></head><p>caf\xe9</p>',
                content_type="text/html",
            )
        elif path == "/latin1-label":
            self._send(body=b"<p>caf\xe9</p>", content_type='text/html; charset="ISO-8859-1"')
        elif path == "/utf7":
            self._send(body=b"<p>+ADw-script+AD4-</p>", content_type="text/html; charset=utf-7")
        elif path == "/bogus-label":
            self._send(body="<p>café</p>".encode(), content_type="text/html; charset=klingon-9")
        elif path == "/undecodable":
            self._send(body=b"<p>caf\xff\xfe ok</p>", content_type="text/html; charset=utf-8")
        elif path == "/no-charset-cp1252":
            self._send(body=b"<p>caf\xe9</p>", content_type="text/html")
        elif path == "/nul":
            self._send(body=b"<p>a\x00b</p>", content_type="text/html; charset=utf-8")
        elif path == "/bom":
            self._send(
                body=b"\xef\xbb\xbf<p>caf\xc3\xa9</p>",
                content_type="text/html; charset=windows-1252",
            )
        elif path == "/utf16-bom":
            self._send(body="\ufeff<p>café</p>".encode("utf-16le"), content_type="text/html")
        else:
            self._send(404, b"missing")


def _start(handler_attrs):
    handler = type("Handler", (_Handler,), handler_attrs)
    server = ThreadingHTTPServer(("127.0.0.1", 0), handler)
    server.daemon_threads = True
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    return server


@pytest.fixture(scope="session")
def other_server():
    server = _start({"hits": [], "other_port": 0})
    yield server
    server.shutdown()
    server.server_close()


@pytest.fixture(scope="session")
def server(other_server):
    server = _start({"hits": [], "other_port": other_server.server_address[1]})
    yield server
    server.shutdown()
    server.server_close()


@pytest.fixture
def base_url(server):
    return f"http://127.0.0.1:{server.server_address[1]}"


@pytest.fixture
def policy(server):
    """A policy that reaches the test server only, with budgets short enough for tests."""
    return FetchPolicy(
        connect_timeout=1.0,
        read_timeout=0.8,
        total_deadline=1.5,
        max_bytes=1_000_000,
        allowed_addresses=(f"127.0.0.1:{server.server_address[1]}",),
    )
