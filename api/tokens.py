"""Personal API tokens: create (shown once), authenticate, revoke. Only a SHA-256 digest is kept."""

from __future__ import annotations

import hashlib
import secrets
from datetime import datetime, timedelta
from typing import TYPE_CHECKING

from django.utils import timezone

from api.models import ApiToken

if TYPE_CHECKING:
    from accounts.models import User

TOKEN_PREFIX = "cwb_"
# last_used_at is written at most this often per token, not on every request.
LAST_USED_RESOLUTION = timedelta(minutes=1)


def digest(raw: str) -> str:
    # The token is 256 random bits: a fast hash is enough, unlike for passwords.
    return hashlib.sha256(raw.encode()).hexdigest()


def create_token(*, user: User, name: str, expires_at: datetime | None = None) -> tuple[ApiToken, str]:
    """Create a token; returns the row and the raw token, which is never stored or shown again."""
    raw = TOKEN_PREFIX + secrets.token_urlsafe(32)
    token = ApiToken.objects.create(
        user=user, name=name.strip()[:100] or "API token", prefix=raw[:12], digest=digest(raw), expires_at=expires_at
    )
    return token, raw


def authenticate(raw: str) -> ApiToken | None:
    """The usable token for a raw value (not revoked, not expired), recording when it was used."""
    if not raw.startswith(TOKEN_PREFIX):
        return None
    token = ApiToken.objects.usable().select_related("user").filter(digest=digest(raw)).first()
    if token is None or not token.user.is_active:
        return None
    now = timezone.now()
    if token.last_used_at is None or token.last_used_at < now - LAST_USED_RESOLUTION:
        ApiToken.objects.filter(pk=token.pk).update(last_used_at=now)
        token.last_used_at = now
    return token


def revoke_token(*, token: ApiToken) -> bool:
    """Revoke a token; False when it was already revoked."""
    return bool(ApiToken.objects.filter(pk=token.pk, revoked_at__isnull=True).update(revoked_at=timezone.now()))
