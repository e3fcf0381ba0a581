"""Fetching of web documents, the only code that opens a user-supplied URL. Must not import claims."""

from __future__ import annotations

import concurrent.futures
import contextlib
import http.client
import ipaddress
import socket
import threading
import time
from dataclasses import dataclass, field
from datetime import UTC, datetime
from functools import lru_cache
from typing import Any
from urllib.parse import urljoin, urlsplit

import ssrfguard
from urllib3 import HTTPConnectionPool, HTTPSConnectionPool, Timeout
from urllib3 import exceptions as u3
from urllib3.connection import HTTPConnection, HTTPSConnection
from urllib3.response import BaseHTTPResponse
from urllib3.util import connection as u3_connection

from documents import charsets
from documents.fetch_errors import (
    BlockedAddress,
    BlockedURL,
    ConnectionFailed,
    FetchError,
    FetchTimeout,
    HTTPStatusError,
    InvalidResponse,
    TooLarge,
    TooManyRedirects,
    UnsupportedType,
)

DEFAULT_USER_AGENT = "ClaimWorkbench/0.1 (+https://github.com/claim-workbench)"
DOCX_TYPE = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
HTML_TYPES = frozenset({"text/html", "application/xhtml+xml"})
TEXT_TYPES = HTML_TYPES | {"text/plain", "text/markdown"}
ALLOWED_TYPES = TEXT_TYPES | {"application/pdf", DOCX_TYPE}
REDIRECT_STATUSES = frozenset({301, 302, 303, 307, 308})
KEPT_HEADERS = (
    "content-type",
    "content-length",
    "content-language",
    "last-modified",
    "etag",
    "date",
)
_CHUNK = 64 * 1024


@dataclass(frozen=True)
class FetchPolicy:
    """The budgets of one fetch. The Django layer builds it from settings."""

    connect_timeout: float = 5.0
    read_timeout: float = 20.0
    total_deadline: float = 30.0
    max_bytes: int = 5_000_000
    max_redirects: int = 5
    # Exact "ip:port" pairs ("[::1]:8000" for IPv6) that may be reached although the address is
    # not public: for tests and a newsroom's intranet. Nothing else private is ever reachable.
    allowed_addresses: tuple[str, ...] = ()
    user_agent: str = DEFAULT_USER_AGENT
    allowed_types: frozenset[str] = ALLOWED_TYPES

    @classmethod
    def from_settings(cls) -> FetchPolicy:
        """Build a policy from Django's FETCH_* settings, or the defaults without Django."""
        try:
            from django.conf import settings

            configured = settings.configured
        except ImportError:
            configured = False
        if not configured:
            return cls()
        names = {
            "connect_timeout": "FETCH_CONNECT_TIMEOUT",
            "read_timeout": "FETCH_READ_TIMEOUT",
            "total_deadline": "FETCH_TOTAL_DEADLINE",
            "max_bytes": "FETCH_MAX_BYTES",
            "max_redirects": "FETCH_MAX_REDIRECTS",
            "allowed_addresses": "FETCH_ALLOWED_ADDRESSES",
            "user_agent": "FETCH_USER_AGENT",
        }
        values = {attr: getattr(settings, name) for attr, name in names.items() if hasattr(settings, name)}
        if "allowed_addresses" in values:
            values["allowed_addresses"] = tuple(values["allowed_addresses"])
        return cls(**values)


DNS_TIMEOUT = 5.0
_RESOLVER = concurrent.futures.ThreadPoolExecutor(max_workers=4, thread_name_prefix="resolve")


@dataclass(frozen=True)
class FetchResult:
    url: str
    status_code: int
    content_type: str
    charset: str | None
    body: bytes
    text: str | None
    headers: dict[str, str] = field(default_factory=dict)
    notices: list[str] = field(default_factory=list)
    fetched_at: datetime = field(default_factory=lambda: datetime.now(UTC))


def resolve(host: str, port: int) -> list[str]:
    """Return every address the host resolves to. The one DNS boundary, patched in tests."""
    # getaddrinfo cannot be given a timeout; a thread bounds how long a dead resolver holds a worker.
    lookup = _RESOLVER.submit(socket.getaddrinfo, host, port, type=socket.SOCK_STREAM)
    try:
        infos = lookup.result(timeout=DNS_TIMEOUT)
    except concurrent.futures.TimeoutError as exc:
        raise ConnectionFailed(
            f"The site's name could not be looked up within {_seconds(DNS_TIMEOUT)}", code="dns_timeout"
        ) from exc
    except (socket.gaierror, UnicodeError) as exc:
        raise ConnectionFailed(f"The site's name could not be found: {host}", code="dns_failure") from exc
    # Only a Python built without IPv6 gives (int, bytes) addresses; they cannot be connected to.
    return list(dict.fromkeys(info[4][0] for info in infos if isinstance(info[4][0], str)))


def _pair(address: str, port: int) -> str:
    return f"[{address}]:{port}" if ":" in address else f"{address}:{port}"


@lru_cache(maxsize=32)
def _url_policy(allowed_addresses: tuple[str, ...]) -> ssrfguard.Policy:
    # ssrfguard normalises the host (127.1, 0x7f000001, 2130706433, IDNA tricks) and judges
    # literal addresses; allow-listed addresses pass here and are held to their port later.
    networks = []
    for pair in allowed_addresses:
        host = pair.rsplit(":", 1)[0].strip("[]")
        networks.append(ipaddress.ip_network(host))
    return ssrfguard.Policy(allowed_networks=tuple(networks), allowed_ports=frozenset(range(1, 65536)))


def check_address(address: str, port: int, policy: FetchPolicy) -> None:
    """Refuse any address that is not public, unless its exact ip:port is allow-listed."""
    parsed = ipaddress.ip_address(address)
    if _pair(str(parsed), port) in {_normalise_pair(p) for p in policy.allowed_addresses}:
        return
    verdict = ssrfguard.DEFAULT_DENIED.classify(parsed)
    if verdict.blocked:
        raise BlockedAddress("This address is not allowed: it points to a private network")


def _normalise_pair(pair: str) -> str:
    host, _, port = pair.strip().rpartition(":")
    return _pair(str(ipaddress.ip_address(host.strip("[]"))), int(port))


def check_url(url: str, policy: FetchPolicy) -> tuple[str, str, int, str]:
    """Check a URL and pin it to one checked address: return (scheme, host, port, address)."""
    try:
        parts = urlsplit(url.strip())
    except ValueError as exc:
        raise BlockedURL("This link is not a valid web address", code="invalid_url") from exc
    scheme = parts.scheme.lower()
    if scheme not in ("http", "https"):
        raise BlockedURL("Only http and https links can be imported", code="scheme_not_allowed")
    if parts.username is not None or parts.password is not None or "@" in parts.netloc:
        raise BlockedURL(
            "Links with a user name or password cannot be imported",
            code="credentials_in_url",
        )
    try:
        target = _url_policy(policy.allowed_addresses).check_url(url.strip())
    except ssrfguard.SSRFGuardError as exc:
        if isinstance(exc.__cause__, ssrfguard.BlockedAddressError):
            raise BlockedAddress("This address is not allowed: it points to a private network") from exc
        raise BlockedURL("This link is not a valid web address", code="invalid_url") from exc
    if target.address is not None:
        addresses = [str(target.address)]
    elif (legacy := _legacy_ipv4(target.host)) is not None:
        addresses = [legacy]
    else:
        addresses = resolve(target.host, target.port)
        if not addresses:
            raise ConnectionFailed(f"The site's name could not be found: {target.host}", code="dns_failure")
    # Every answer is checked, not only the one we connect to: a name that also points inside
    # is a rebinding attempt even if the first answer is public.
    for address in addresses:
        check_address(address, target.port, policy)
    return scheme, target.host, target.port, addresses[0]


def _legacy_ipv4(host: str) -> str | None:
    # The C resolver reads "0x7f000001" as 127.0.0.1 (inet_aton forms); judge what it means.
    try:
        return socket.inet_ntoa(socket.inet_aton(host))
    except OSError:
        return None


class _PinnedHTTPConnection(HTTPConnection):
    """Connect to the checked address; Host, SNI and certificate checks keep the name."""

    def __init__(self, *args: Any, pinned_address: str, deadline: float, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self._pinned_address = pinned_address
        self._deadline = deadline
        self._watchdog: threading.Timer | None = None

    def _new_conn(self) -> socket.socket:
        try:
            sock = u3_connection.create_connection(
                (self._pinned_address, self.port),
                self.timeout,
                socket_options=self.socket_options,
            )
        except TimeoutError as exc:
            raise u3.ConnectTimeoutError(self, "connect timed out") from exc
        except OSError as exc:
            raise u3.NewConnectionError(self, f"Failed to establish a new connection: {exc}") from exc
        # Socket timeouts bound each read, not the whole exchange: a server dripping its headers
        # one line per read timeout would never end. The watchdog cuts the socket at the deadline.
        self._watchdog = threading.Timer(max(self._deadline - time.monotonic(), 0), _cut, [sock])
        self._watchdog.daemon = True
        self._watchdog.start()
        return sock

    def close(self) -> None:
        if self._watchdog is not None:
            self._watchdog.cancel()
        super().close()


def _cut(sock: socket.socket) -> None:
    with contextlib.suppress(OSError):
        sock.shutdown(socket.SHUT_RDWR)


# The MRO puts the pinned connect before HTTPSConnection, whose TLS setup then wraps that socket.
class _PinnedHTTPSConnection(_PinnedHTTPConnection, HTTPSConnection):
    pass


class _PinnedHTTPPool(HTTPConnectionPool):
    ConnectionCls = _PinnedHTTPConnection


class _PinnedHTTPSPool(HTTPSConnectionPool):
    ConnectionCls = _PinnedHTTPSConnection


def _seconds(value: float) -> str:
    return f"{value:g} second" + ("" if value == 1 else "s")


def _megabytes(size: int) -> str:
    return f"{size / 1_000_000:.3g} MB"


def fetch(url: str, *, policy: FetchPolicy | None = None) -> FetchResult:
    """Fetch a user-supplied URL within the policy's budgets, or raise FetchError."""
    policy = policy or FetchPolicy()
    deadline = time.monotonic() + policy.total_deadline
    for _hop in range(policy.max_redirects + 1):
        result_or_location = _fetch_once(url, policy, deadline)
        if isinstance(result_or_location, FetchResult):
            return result_or_location
        url = urljoin(url, result_or_location)
    raise TooManyRedirects(f"The site redirected more than {policy.max_redirects} times")


def _remaining(deadline: float, policy: FetchPolicy) -> float:
    remaining = deadline - time.monotonic()
    if remaining <= 0:
        raise FetchTimeout(f"The site did not answer within {_seconds(policy.total_deadline)}")
    return remaining


def _fetch_once(url: str, policy: FetchPolicy, deadline: float) -> FetchResult | str:
    """Make one request; return the result, or the Location of a redirect to follow."""
    scheme, host, port, address = check_url(url, policy)
    remaining = _remaining(deadline, policy)
    timeout = Timeout(
        connect=min(policy.connect_timeout, remaining),
        read=min(policy.read_timeout, remaining),
    )
    pool_class = _PinnedHTTPSPool if scheme == "https" else _PinnedHTTPPool
    # A fresh pool per hop and no proxy support: environment proxies are never consulted.
    pool = pool_class(host, port, timeout=timeout, retries=False, maxsize=1, pinned_address=address, deadline=deadline)
    parts = urlsplit(url)
    path = (parts.path or "/") + (f"?{parts.query}" if parts.query else "")
    headers = {
        "User-Agent": policy.user_agent,
        "Accept": "text/html,application/xhtml+xml,text/plain;q=0.9,application/pdf;q=0.8,*/*;q=0.1",
        "Accept-Encoding": "gzip, deflate",
    }
    try:
        response = pool.urlopen(
            "GET",
            path,
            headers=headers,
            redirect=False,
            preload_content=False,
            assert_same_host=False,
        )
        try:
            return _handle(url, response, policy, deadline)
        finally:
            # Close rather than release: an unread body must not keep its socket open.
            response.close()
    except FetchError:
        raise
    except (u3.ConnectTimeoutError, u3.ReadTimeoutError, TimeoutError) as exc:
        over = time.monotonic() >= deadline
        limit = policy.total_deadline if over else policy.read_timeout
        raise FetchTimeout(f"The site did not answer within {_seconds(limit)}") from exc
    except u3.SSLError as exc:
        raise ConnectionFailed(
            "The site's secure connection could not be verified",
            permanent=True,
            code="tls_error",
        ) from exc
    except (u3.HTTPError, OSError) as exc:
        if time.monotonic() >= deadline:
            # The watchdog cut the connection.
            raise FetchTimeout(f"The site did not answer within {_seconds(policy.total_deadline)}") from exc
        if _not_http(exc):
            raise InvalidResponse("The site sent a response that is not valid HTTP") from exc
        raise ConnectionFailed("The site could not be reached") from exc
    finally:
        pool.close()


def _not_http(exc: BaseException) -> bool:
    """Whether http.client could not parse what the server sent (a connection that dropped is not that)."""
    reasons = exc.args if isinstance(exc, u3.ProtocolError) else (exc,)
    return any(
        isinstance(reason, http.client.HTTPException)
        and not isinstance(reason, (http.client.RemoteDisconnected, http.client.IncompleteRead))
        for reason in reasons
    )


def _handle(url: str, response: BaseHTTPResponse, policy: FetchPolicy, deadline: float) -> FetchResult | str:
    # Headers cut short by the deadline watchdog look complete to http.client; they are not.
    _remaining(deadline, policy)
    status = response.status
    if status in REDIRECT_STATUSES and response.headers.get("Location"):
        return response.headers["Location"]
    if not 200 <= status < 300:
        raise HTTPStatusError(status)
    content_type, _, params = (response.headers.get("Content-Type") or "").partition(";")
    content_type = content_type.strip().lower() or "unknown"
    if content_type not in policy.allowed_types:
        raise UnsupportedType(f"This kind of file ({content_type}) cannot be imported")
    length = response.headers.get("Content-Length", "")
    if length.isdigit() and int(length) > policy.max_bytes:
        raise TooLarge(f"Too large: {_megabytes(int(length))}, the limit is {_megabytes(policy.max_bytes)}")
    body = _read_body(response, policy, deadline)
    declared = None
    for param in params.split(";"):
        key, _, value = param.partition("=")
        if key.strip().lower() == "charset":
            declared = value.strip().strip("\"'")
    text = charset = None
    notices = []
    if content_type in TEXT_TYPES:
        decoded = charsets.decode_text(body, declared=declared, html=content_type in HTML_TYPES)
        text, charset = decoded.text, decoded.encoding
        notices = [decoded.notice] if decoded.notice else []
    kept = {name: response.headers[name] for name in KEPT_HEADERS if name in response.headers}
    return FetchResult(
        url=url,
        status_code=status,
        content_type=content_type,
        charset=charset,
        body=body,
        text=text,
        headers=kept,
        notices=notices,
    )


def _socket_of(response: BaseHTTPResponse) -> socket.socket | None:
    # http.client drops the connection's socket when the server will close it, so the socket
    # is reached through the response's file object; urllib3 offers no public handle for it.
    raw = getattr(getattr(getattr(response, "_fp", None), "fp", None), "raw", None)
    sock = getattr(raw, "_sock", None) or getattr(response.connection, "sock", None)
    return sock if isinstance(sock, socket.socket) else None


def _read_body(response: BaseHTTPResponse, policy: FetchPolicy, deadline: float) -> bytes:
    """Read the decoded body in small steps, stopping at the size cap and the deadline."""
    chunks: list[bytes] = []
    size = 0
    while True:
        sock = _socket_of(response)
        if sock is not None:
            # Each read may wait only until the total deadline, so a server dripping one
            # byte at a time is cut off there rather than after max_bytes read timeouts.
            sock.settimeout(min(policy.read_timeout, _remaining(deadline, policy)))
        # read1 returns what has arrived, decoded but bounded by _CHUNK, so a gzip bomb
        # inflates at most one chunk past the cap.
        chunk = response.read1(_CHUNK, decode_content=True)
        if not chunk:
            return b"".join(chunks)
        size += len(chunk)
        if size > policy.max_bytes:
            raise TooLarge(
                f"Too large: over {_megabytes(policy.max_bytes)}, the limit is {_megabytes(policy.max_bytes)}"
            )
        chunks.append(chunk)


def post(url: str, *, body: bytes, headers: dict[str, str], policy: FetchPolicy | None = None) -> int:
    """POST a body to a user-supplied URL (a webhook) under the same address rules; return the status.

    Redirects are not followed: a webhook answers where it was registered. Raises FetchError.
    """
    policy = policy or FetchPolicy()
    deadline = time.monotonic() + policy.total_deadline
    scheme, host, port, address = check_url(url, policy)
    timeout = Timeout(connect=policy.connect_timeout, read=policy.read_timeout)
    pool_class = _PinnedHTTPSPool if scheme == "https" else _PinnedHTTPPool
    pool = pool_class(host, port, timeout=timeout, retries=False, maxsize=1, pinned_address=address, deadline=deadline)
    parts = urlsplit(url)
    path = (parts.path or "/") + (f"?{parts.query}" if parts.query else "")
    try:
        response = pool.urlopen(
            "POST",
            path,
            body=body,
            headers={"User-Agent": policy.user_agent, **headers},
            redirect=False,
            preload_content=False,
            assert_same_host=False,
        )
        status = response.status
        response.close()
        return status
    except u3.NewConnectionError as exc:
        # urllib3 makes this a ConnectTimeoutError too, but a refused connection is not slowness.
        raise ConnectionFailed("The site could not be reached") from exc
    except (u3.ConnectTimeoutError, u3.ReadTimeoutError, TimeoutError) as exc:
        raise FetchTimeout(f"The site did not answer within {_seconds(policy.read_timeout)}") from exc
    except u3.SSLError as exc:
        raise ConnectionFailed("The site's secure connection could not be verified", code="tls_error") from exc
    except (u3.HTTPError, OSError) as exc:
        raise ConnectionFailed("The site could not be reached") from exc
    finally:
        pool.close()
