"""Servers that answer in something other than HTTP are reported as such, not as unreachable."""

from __future__ import annotations

import socket
import threading

import pytest

from documents import fetching
from documents.fetch_errors import ConnectionFailed, InvalidResponse
from documents.fetching import FetchPolicy


@pytest.fixture
def raw_server():
    """A server on 127.0.0.1 that reads the request and answers with the given bytes."""
    servers = []

    def serve(reply: bytes) -> tuple[str, FetchPolicy]:
        server = socket.create_server(("127.0.0.1", 0))
        servers.append(server)
        port = server.getsockname()[1]

        def answer():
            conn, _ = server.accept()
            with conn:
                conn.recv(65536)
                conn.sendall(reply)

        threading.Thread(target=answer, daemon=True).start()
        return f"http://127.0.0.1:{port}/", FetchPolicy(allowed_addresses=(f"127.0.0.1:{port}",))

    yield serve
    for server in servers:
        server.close()


@pytest.mark.parametrize(
    "reply",
    [
        b"garbage garbage\r\n\r\n",
        b"SSH-2.0-OpenSSH_9.6\r\n",
        b"\x00\x01\x02\x03" * 100,
        b"HTTP/1.1 2000 OK\r\n\r\n",
        b"HTTP/1.1 200 OK\r\nX-Long: " + b"a" * 70_000 + b"\r\n\r\n",
        b"HTTP/1.1 200 OK\r\n" + b"".join(b"X-%d: 1\r\n" % i for i in range(120)) + b"\r\n",
    ],
    ids=["garbage", "another-protocol", "binary", "bad-status", "header-too-long", "too-many-headers"],
)
def test_a_response_that_is_not_http_says_so(raw_server, reply):
    url, policy = raw_server(reply)
    with pytest.raises(InvalidResponse, match="The site sent a response that is not valid HTTP") as caught:
        fetching.fetch(url, policy=policy)
    assert caught.value.permanent and caught.value.code == "invalid_response"


def test_a_server_that_closes_without_answering_could_not_be_reached(raw_server):
    url, policy = raw_server(b"")
    with pytest.raises(ConnectionFailed, match="The site could not be reached"):
        fetching.fetch(url, policy=policy)
