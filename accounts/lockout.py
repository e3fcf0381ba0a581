"""Log-in cool-off: per user and address (django-axes), and per address across user names."""

from __future__ import annotations

from typing import Any

from axes.handlers.database import AxesDatabaseHandler
from axes.helpers import get_cool_off, get_failure_limit
from axes.models import AccessAttempt
from django.conf import settings
from django.db.models import Sum
from django.http import HttpRequest
from django.utils import timezone


class AddressLimitedHandler(AxesDatabaseHandler):  # type: ignore[misc]
    """Axes' handler, plus a limit on failures from one address whatever the user names tried.

    One wrong password each for many user names (password spraying) never reaches the per-user
    limit; the attempts axes already records per user and address are summed by address here.
    """

    def get_failures(self, request: HttpRequest, credentials: dict[str, Any] | None = None) -> int:
        failures = int(super().get_failures(request, credentials))
        if address_failures(request) >= settings.LOGIN_ADDRESS_FAILURE_LIMIT:
            # Axes compares one count with one limit, both when it records a failure and before it
            # lets a log-in through: an address over its own limit counts as reaching that limit.
            return max(failures, int(get_failure_limit(request, credentials)))
        return failures


def address_failures(request: HttpRequest) -> int:
    """Failed log-ins from the request's address within the cool-off, across every user name."""
    address = getattr(request, "axes_ip_address", None)
    if not address:
        return 0
    since = timezone.now() - get_cool_off(request)
    attempts = AccessAttempt.objects.filter(ip_address=address, attempt_time__gte=since)
    return int(attempts.aggregate(total=Sum("failures_since_start"))["total"] or 0)
