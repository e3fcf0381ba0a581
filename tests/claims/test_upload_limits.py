"""Uploads over the size cap are refused by their length, without the server reading their body."""

from __future__ import annotations

import contextlib
import select
import socket

import pytest
from django.conf import settings
from django.test import Client
from django.urls import reverse

from claims.models import Article

URL = reverse("claims:import-file")
DECLARED = 200 * 1024 * 1024


@pytest.mark.django_db
def test_an_upload_declared_over_the_cap_is_refused_without_reading_it(editor_client):
    # The test client's payload asserts if more is read than it holds: only the headers are sent.
    response = editor_client.generic(
        "POST",
        URL,
        b"--x\r\n",
        content_type="multipart/form-data; boundary=x",
        CONTENT_LENGTH=str(DECLARED),
    )
    assert response.status_code == 200
    assert "Too large: 200 MB, the limit is 5 MB" in response.content.decode()
    assert not Article.objects.exists()


@pytest.mark.django_db(transaction=True)
def test_the_server_answers_before_the_body_and_ends_the_connection(live_server, alice):
    client = Client()
    client.force_login(alice)
    cookie = f"{settings.SESSION_COOKIE_NAME}={client.cookies[settings.SESSION_COOKIE_NAME].value}"
    host, port = live_server.url.removeprefix("http://").split(":")
    head = (
        f"POST {URL} HTTP/1.1\r\nHost: {host}\r\nCookie: {cookie}\r\n"
        f"Content-Type: multipart/form-data; boundary=x\r\nContent-Length: {DECLARED}\r\n\r\n"
        '--x\r\nContent-Disposition: form-data; name="file"; filename="big.txt"\r\n\r\n'
    ).encode()
    chunk = b"a" * (1024 * 1024)
    sent, answer = 0, b""
    with socket.create_connection((host, int(port)), timeout=10) as sock:
        sock.sendall(head)
        # The answer comes before any of the file is sent: the server does not wait for the body.
        while b"</html>" not in answer:
            data = sock.recv(65536)
            assert data, "the server closed the connection without answering"
            answer += data
        # The body is then not drained: the connection ends long before the declared 200 MB.
        with contextlib.suppress(BrokenPipeError, ConnectionResetError):
            while sent < DECLARED and not (select.select([sock], [], [], 0)[0] and not sock.recv(65536)):
                sock.sendall(chunk)
                sent += len(chunk)
    assert answer.startswith(b"HTTP/1.1 200"), answer[:200]
    assert b"Too large: 200 MB, the limit is 5 MB" in answer
    assert sent < 50 * 1024 * 1024
    assert not Article.objects.exists()
