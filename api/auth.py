"""Who is calling the API: a personal token (Bearer) or the browser's session with its CSRF token.

Roles and per-object rules are not decided here: the routes ask claims.permissions, like the UI.
"""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.http import HttpRequest
from ninja.errors import AuthenticationError, HttpError
from ninja.security import APIKeyCookie, HttpBearer
from ninja.throttling import SimpleRateThrottle
from ninja.utils import check_csrf

from api import tokens


class TokenAuth(HttpBearer):
    """``Authorization: Bearer cwb_…``. A token that is wrong, revoked or expired is a 401, not a fall-through."""

    def authenticate(self, request: HttpRequest, token: str) -> Any:
        api_token = tokens.authenticate(token.strip())
        if api_token is None:
            raise AuthenticationError()
        request.api_token = api_token  # type: ignore[attr-defined]
        # Assigning request.user also names the user in pghistory's context, so history shows who did it.
        request.user = api_token.user
        return api_token.user


class SessionAuth(APIKeyCookie):
    """The browser's log-in session; unsafe methods must carry the CSRF token (X-CSRFToken)."""

    param_name = settings.SESSION_COOKIE_NAME

    def _get_key(self, request: HttpRequest) -> str | None:
        # Only a logged-in session is held to CSRF: an anonymous call gets a 401, not a 403.
        if not request.user.is_authenticated:
            return None
        if check_csrf(request):
            raise HttpError(403, "CSRF check failed: send the X-CSRFToken header with the csrftoken cookie's value.")
        return request.COOKIES.get(self.param_name)

    def authenticate(self, request: HttpRequest, key: str | None) -> Any:
        return request.user if key is not None and request.user.is_authenticated else None


class TokenRateThrottle(SimpleRateThrottle):
    """A per-token limit (per user for the browser session), read from API_RATE_LIMIT on every request."""

    def __init__(self) -> None:
        super().__init__(rate=settings.API_RATE_LIMIT)

    def get_cache_key(self, request: HttpRequest) -> str | None:
        api_token = getattr(request, "api_token", None)
        if api_token is not None:
            return f"api-throttle-token-{api_token.pk}"
        if request.user.is_authenticated:
            return f"api-throttle-user-{request.user.pk}"
        return None

    def allow_request(self, request: HttpRequest) -> bool:
        self.num_requests, self.duration = self.parse_rate(settings.API_RATE_LIMIT)
        return super().allow_request(request)
