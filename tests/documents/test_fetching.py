"""The safe fetcher against a local server on 127.0.0.1 (the only address these tests reach)."""

from __future__ import annotations

import dataclasses
import time

import pytest

from documents import fetching
from documents.fetching import FetchError, FetchPolicy, fetch


def _fails(url, policy):
    with pytest.raises(FetchError) as info:
        fetch(url, policy=policy)
    return info.value


def test_it_fetches_an_article(base_url, policy):
    result = fetch(f"{base_url}/article", policy=policy)
    assert result.status_code == 200
    assert result.content_type == "text/html"
    assert result.charset == "utf-8"
    assert "Café article." in result.text
    assert result.url == f"{base_url}/article"
    assert result.headers["content-type"] == "text/html; charset=utf-8"
    assert result.fetched_at.tzinfo is not None


def test_it_sends_an_honest_user_agent_and_the_host_header(base_url, policy):
    result = fetch(f"{base_url}/echo", policy=policy)
    user_agent, host = result.text.split("|")
    assert user_agent == fetching.DEFAULT_USER_AGENT
    assert host == base_url.removeprefix("http://")
    custom = dataclasses.replace(policy, user_agent="Newsroom/1.0")
    assert fetch(f"{base_url}/echo", policy=custom).text.startswith("Newsroom/1.0|")


def test_it_refuses_the_test_server_without_the_allow_list(base_url):
    error = _fails(f"{base_url}/article", FetchPolicy())
    assert error.code == "blocked_address"
    assert error.permanent


def test_it_follows_redirects_and_reports_the_final_url(base_url, policy):
    assert fetch(f"{base_url}/redirect/5", policy=policy).url == f"{base_url}/article"
    assert fetch(f"{base_url}/relative", policy=policy).url == f"{base_url}/article"


def test_it_stops_after_five_redirects(base_url, policy):
    error = _fails(f"{base_url}/redirect/6", policy)
    assert error.code == "too_many_redirects"
    assert error.permanent


def test_it_checks_every_redirect_hop(base_url, policy, other_server):
    assert _fails(f"{base_url}/to-other-port", policy).code == "blocked_address"
    assert other_server.RequestHandlerClass.hits == []
    assert _fails(f"{base_url}/to-metadata", policy).code == "blocked_address"
    assert _fails(f"{base_url}/to-file", policy).message == "Only http and https links can be imported"
    assert _fails(f"{base_url}/to-ftp", policy).code == "scheme_not_allowed"


@pytest.mark.parametrize(
    ("status", "permanent"),
    [(404, True), (403, True), (410, True), (500, False), (503, False), (429, False)],
)
def test_it_reports_http_errors_with_permanence(base_url, policy, status, permanent):
    error = _fails(f"{base_url}/status/{status}", policy)
    assert error.message == f"The site answered {status}"
    assert error.permanent is permanent


def test_it_times_out_a_slow_server(base_url, policy):
    error = _fails(f"{base_url}/slow", policy)
    assert error.code == "timeout"
    assert not error.permanent
    assert error.message == "The site did not answer within 0.8 seconds"


def test_it_cuts_off_a_dripping_server_at_the_total_deadline(base_url, policy):
    started = time.monotonic()
    error = _fails(f"{base_url}/drip", policy)
    assert error.code == "timeout"
    assert error.message == "The site did not answer within 1.5 seconds"
    assert time.monotonic() - started < 2.5


def test_it_cuts_off_a_server_dripping_its_headers_at_the_total_deadline(base_url, policy):
    # Each header line arrives within the read timeout, so only the total deadline can end this.
    started = time.monotonic()
    error = _fails(f"{base_url}/drip-headers", policy)
    assert (error.code, error.permanent) == ("timeout", False)
    assert error.message == "The site did not answer within 1.5 seconds"
    assert time.monotonic() - started < 2.5


def test_it_refuses_a_declared_oversized_body_early(base_url, policy):
    error = _fails(f"{base_url}/big-with-length", policy)
    assert error.message == "Too large: 12 MB, the limit is 1 MB"
    assert error.permanent


def test_it_stops_reading_an_oversized_body_without_length(base_url, policy):
    assert _fails(f"{base_url}/big-without-length", policy).code == "too_large"


def test_it_stops_decoding_a_gzip_bomb_early(base_url, policy):
    started = time.monotonic()
    assert _fails(f"{base_url}/gzip-bomb", policy).code == "too_large"
    assert time.monotonic() - started < 1


def test_it_refuses_content_types_outside_the_allow_list(base_url, policy):
    error = _fails(f"{base_url}/png", policy)
    assert error.message == "This kind of file (image/png) cannot be imported"
    assert error.permanent


def test_it_keeps_binary_documents_as_bytes(base_url, policy):
    result = fetch(f"{base_url}/pdf", policy=policy)
    assert result.body.startswith(b"%PDF")
    assert result.text is None


@pytest.mark.parametrize(
    ("path", "text", "charset"),
    [
        ("/cp1252-header", "café \u201cquoted\u201d", "windows-1252"),
        ("/cp1252-meta", "café", "windows-1252"),
        ("/latin1-label", "café", "windows-1252"),
        ("/bogus-label", "café", "utf-8"),
        ("/no-charset-cp1252", "café", "windows-1252"),
        ("/bom", "café", "utf-8"),
        ("/utf16-bom", "café", "utf-16le"),
        ("/undecodable", "caf\ufffd\ufffd ok", "utf-8"),
        ("/nul", "ab", "utf-8"),
    ],
)
def test_it_decodes_by_whatwg_rules(base_url, policy, path, text, charset):
    result = fetch(f"{base_url}{path}", policy=policy)
    assert text in result.text
    assert result.charset == charset
    assert "\x00" not in result.text


def test_it_never_decodes_utf7(base_url, policy):
    result = fetch(f"{base_url}/utf7", policy=policy)
    assert "<script>" not in result.text
    assert "+ADw-script+AD4-" in result.text


def test_it_ignores_proxy_settings(base_url, policy, monkeypatch):
    monkeypatch.setenv("HTTP_PROXY", "http://10.0.0.1:3128")
    monkeypatch.setenv("http_proxy", "http://10.0.0.1:3128")
    assert fetch(f"{base_url}/article", policy=policy).status_code == 200


def test_it_builds_the_policy_from_settings(settings):
    settings.FETCH_READ_TIMEOUT = 7.0
    settings.FETCH_ALLOWED_ADDRESSES = ["10.1.2.3:8080"]
    policy = FetchPolicy.from_settings()
    assert policy.read_timeout == 7.0
    assert policy.allowed_addresses == ("10.1.2.3:8080",)


def test_a_resolver_that_never_answers_is_given_up_on(monkeypatch):
    import threading

    from documents import fetching

    released = threading.Event()

    def hanging_getaddrinfo(*args, **kwargs):
        released.wait(5)
        raise OSError("released")

    monkeypatch.setattr(fetching, "DNS_TIMEOUT", 0.2)
    monkeypatch.setattr(fetching.socket, "getaddrinfo", hanging_getaddrinfo)
    try:
        with pytest.raises(fetching.ConnectionFailed) as failure:
            fetching.resolve("slow-dns.test", 80)
    finally:
        released.set()
    assert failure.value.code == "dns_timeout"
    assert not failure.value.permanent
    assert failure.value.message == "The site's name could not be looked up within 0.2 seconds"
