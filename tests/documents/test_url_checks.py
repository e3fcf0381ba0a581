"""SSRF refusals decided before any connection; the resolver is patched, so no socket opens."""

from __future__ import annotations

import pytest

from documents import fetching
from documents.fetching import BlockedURL, FetchPolicy, check_url, fetch

PRIVATE = [
    "http://localhost/",
    "http://127.1/",
    "http://0x7f000001/",
    "http://2130706433/",
    "http://0177.0.0.1/",
    "http://[::1]/",
    "http://[::ffff:127.0.0.1]/",
    "http://[::ffff:7f00:1]/",
    "http://[::127.0.0.1]/",
    "http://10.0.0.1/",
    "http://192.168.1.1",
    "http://172.16.0.1",
    "http://100.64.0.1",
    "http://169.254.169.254/latest/meta-data",
    "http://[fd00:ec2::254]/",
    "http://[fe80::1]/",
    "http://[64:ff9b::a00:1]/",
    "http://[2002:a00:1::]/",
    "http://0.0.0.0/",
    "http://224.0.0.1/",
    "http://240.0.0.1/",
]


@pytest.fixture(autouse=True)
def no_dns(monkeypatch):
    fake = {
        "rebind.test": ["10.0.0.5"],
        "mixed.test": ["93.184.216.34", "192.168.0.7"],
        "localhost": ["127.0.0.1"],
    }

    def resolve(host, port):
        if host not in fake:
            raise AssertionError(f"unexpected resolution of {host}")
        return fake[host]

    monkeypatch.setattr(fetching, "resolve", resolve)


@pytest.mark.parametrize("url", PRIVATE)
def test_it_refuses_private_addresses(url):
    with pytest.raises(BlockedURL) as info:
        fetch(url)
    assert info.value.permanent


@pytest.mark.parametrize("url", ["http://rebind.test/", "http://mixed.test/"])
def test_it_refuses_names_that_resolve_inside(url):
    with pytest.raises(BlockedURL) as info:
        fetch(url)
    assert info.value.message == "This address is not allowed: it points to a private network"


@pytest.mark.parametrize(
    ("url", "code"),
    [
        ("ftp://example.com/file", "scheme_not_allowed"),
        ("file:///etc/passwd", "scheme_not_allowed"),
        ("javascript:alert(1)", "scheme_not_allowed"),
        ("gopher://example.com/", "scheme_not_allowed"),
        ("http://user:pass@example.com/", "credentials_in_url"),
        ("http://user@example.com/", "credentials_in_url"),
        ("http:///nohost", "invalid_url"),
    ],
)
def test_it_refuses_bad_urls(url, code):
    with pytest.raises(BlockedURL) as info:
        check_url(url, FetchPolicy())
    assert info.value.code == code


def test_it_allows_only_the_exact_listed_pair():
    policy = FetchPolicy(allowed_addresses=("127.0.0.1:8000", "[::1]:8001"))
    assert check_url("http://127.0.0.1:8000/x", policy)[3] == "127.0.0.1"
    assert check_url("http://[::1]:8001/", policy)[3] == "::1"
    assert check_url("http://localhost:8000/", policy)[3] == "127.0.0.1"
    for url in [
        "http://127.0.0.1:8001/",
        "http://127.0.0.2:8000/",
        "http://[::1]:8000/",
    ]:
        with pytest.raises(BlockedURL):
            check_url(url, policy)


def test_it_pins_the_address_it_checked():
    assert check_url("https://mixed.test/", FetchPolicy(allowed_addresses=("192.168.0.7:443",))) == (
        "https",
        "mixed.test",
        443,
        "93.184.216.34",
    )
