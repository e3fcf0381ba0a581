"""Errors of the safe fetcher, each marked permanent or worth a retry. Must not import claims."""

from __future__ import annotations


class FetchError(Exception):
    """A fetch that failed; `permanent` says whether retrying is pointless."""

    default_code = "fetch_failed"
    default_permanent = False

    def __init__(self, message: str, *, permanent: bool | None = None, code: str | None = None):
        super().__init__(message)
        self.message = message
        self.permanent = self.default_permanent if permanent is None else permanent
        self.code = code or self.default_code


class BlockedURL(FetchError):
    default_code = "blocked_url"
    default_permanent = True


class BlockedAddress(BlockedURL):
    default_code = "blocked_address"


class HTTPStatusError(FetchError):
    default_code = "http_status"

    def __init__(self, status_code: int):
        # 429 and 5xx are the server's momentary trouble; other statuses will not change.
        transient = status_code == 429 or status_code >= 500
        super().__init__(f"The site answered {status_code}", permanent=not transient)
        self.status_code = status_code


class FetchTimeout(FetchError):
    default_code = "timeout"


class ConnectionFailed(FetchError):
    default_code = "connection_failed"


class InvalidResponse(FetchError):
    """The server answered, but not in HTTP (garbage, another protocol, headers past the limits)."""

    default_code = "invalid_response"
    default_permanent = True


class TooManyRedirects(FetchError):
    default_code = "too_many_redirects"
    default_permanent = True


class TooLarge(FetchError):
    default_code = "too_large"
    default_permanent = True


class UnsupportedType(FetchError):
    default_code = "unsupported_type"
    default_permanent = True


class RetryLater(Exception):
    """A transient failure: the task retries with backoff while the row waits, queued."""
