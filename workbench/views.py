"""Views that belong to the deployment rather than to an app: health and the site icon."""

from __future__ import annotations

from datetime import datetime

from django.core.cache import cache
from django.db import connection
from django.http import HttpRequest, HttpResponsePermanentRedirect, JsonResponse
from django.templatetags.static import static
from django.utils import timezone
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET

from workbench.celery import app as celery_app
from workbench.tasks import HEARTBEAT_KEY


def _database_ok() -> bool:
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
        return True
    except Exception:
        return False


def _broker_ok() -> bool:
    try:
        with celery_app.connection_for_write() as conn:
            conn.ensure_connection(max_retries=1, timeout=2)
        return True
    except Exception:
        return False


def _worker_seen() -> str:
    try:
        seen = cache.get(HEARTBEAT_KEY)
    except Exception:
        return "unknown"
    if not seen:
        return "never"
    age = (timezone.now() - datetime.fromisoformat(seen)).total_seconds()
    return f"{int(age)}s ago"


@require_GET
@never_cache
def healthz(request: HttpRequest) -> JsonResponse:
    """200 when the database and the broker answer, 503 otherwise; load balancers poll it."""
    checks = {"database": _database_ok(), "broker": _broker_ok()}
    healthy = all(checks.values())
    body = {"status": "ok" if healthy else "unavailable"} | {k: "ok" if v else "down" for k, v in checks.items()}
    # Informational: a worker can be restarting while the web tier is healthy.
    body["worker_last_seen"] = _worker_seen() if checks["broker"] else "unknown"
    return JsonResponse(body, status=200 if healthy else 503)


@require_GET
def favicon(request: HttpRequest) -> HttpResponsePermanentRedirect:
    """Browsers ask for /favicon.ico on pages that do not name their icon (the admin's among them)."""
    return HttpResponsePermanentRedirect(static("favicon.svg"))
