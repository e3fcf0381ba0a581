"""Settings for Claim Workbench, read from the environment (see .env.example)."""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

import dj_database_url
import django_stubs_ext
from celery.schedules import crontab
from django.core.exceptions import ImproperlyConfigured
from django.utils.csp import CSP

django_stubs_ext.monkeypatch()

BASE_DIR = Path(__file__).resolve().parent.parent


# ---- Environment helpers ------------------------------------------------------


def env_bool(name: str, default: bool) -> bool:
    value = os.environ.get(name)
    if value is None or value == "":
        return default
    if value.lower() in ("1", "true", "yes", "on"):
        return True
    if value.lower() in ("0", "false", "no", "off"):
        return False
    raise ImproperlyConfigured(f"{name} must be a boolean (true/false), got {value!r}")


def env_int(name: str, default: int) -> int:
    value = os.environ.get(name)
    if value is None or value == "":
        return default
    try:
        return int(value)
    except ValueError:
        raise ImproperlyConfigured(f"{name} must be an integer, got {value!r}") from None


def env_list(name: str, default: str = "") -> list[str]:
    return [item.strip() for item in os.environ.get(name, default).split(",") if item.strip()]


def env_secret(name: str, default: str = "") -> str:
    """Read NAME, or the file named by NAME_FILE (for Docker and Kubernetes secrets)."""
    path = os.environ.get(f"{name}_FILE")
    if path:
        return Path(path).read_text().strip()
    return os.environ.get(name, default)


# ---- Core ----------------------------------------------------------------------

DEBUG = env_bool("DEBUG", False)
SECRET_KEY = env_secret("SECRET_KEY")
if not SECRET_KEY:
    if not DEBUG:
        raise ImproperlyConfigured("SECRET_KEY is required when DEBUG is off")
    SECRET_KEY = "insecure-development-key-never-use-in-production"

ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", "localhost,127.0.0.1" if DEBUG else "")
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS")
SITE_URL = os.environ.get("SITE_URL", "http://127.0.0.1:8000").rstrip("/")

# Demo users with printed passwords exist only for local development.
DEMO_USERS = env_bool("DEMO_USERS", False) and DEBUG


# ---- Apps and middleware -------------------------------------------------------

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.postgres",
    "django.contrib.humanize",
    "django_htmx",
    "django_filters",
    "pgtrigger",
    "pghistory",
    "pghistory.admin",
    "axes",
    "ninja",
    "accounts",
    "documents",
    "claims",
    "api",
    "matching",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    # Outermost but one, so it sees every error answered under /api/.
    "api.middleware.ApiProblemMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "django.middleware.csp.ContentSecurityPolicyMiddleware",
    "django_htmx.middleware.HtmxMiddleware",
    "workbench.middleware.HtmxMessagesMiddleware",
    "pghistory.middleware.HistoryMiddleware",
    # Last, so that a locked-out login never reaches the view.
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "workbench.urls"
WSGI_APPLICATION = "workbench.wsgi.application"
AUTH_USER_MODEL = "accounts.User"
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
]
LOGIN_URL = "login"
LOGIN_REDIRECT_URL = "claims:dashboard"
LOGOUT_REDIRECT_URL = "login"

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

# Failed logins cool off after a while instead of locking accounts for good.
AXES_FAILURE_LIMIT = env_int("LOGIN_FAILURE_LIMIT", 5)
AXES_COOLOFF_TIME = env_int("LOGIN_COOLOFF_MINUTES", 15) / 60
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
# Failures from one address across user names (password spraying) cool off too; higher, as a
# newsroom's staff may share one address.
AXES_HANDLER = "accounts.lockout.AddressLimitedHandler"
LOGIN_ADDRESS_FAILURE_LIMIT = env_int("LOGIN_ADDRESS_FAILURE_LIMIT", 10)
AXES_RESET_ON_SUCCESS = True
AXES_LOCKOUT_TEMPLATE = "registration/locked_out.html"


# The change history is evidence of who decided what: its event tables refuse UPDATE and DELETE.
PGHISTORY_APPEND_ONLY = True


# ---- Templates -----------------------------------------------------------------

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.template.context_processors.csp",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
            ],
        },
    },
]


# ---- Database ------------------------------------------------------------------

DATABASE_URL = os.environ.get("DATABASE_URL", "")
if not DATABASE_URL:
    raise ImproperlyConfigured(
        "DATABASE_URL is not set. Use `make run` / `make test`, which start an embedded "
        "PostgreSQL when it is missing, or point it at a PostgreSQL server."
    )
# Persistent connections (one per web thread or worker process), checked before reuse so a restarted
# server costs one failed request nothing. DB_CONN_MAX_AGE=0 behind a pooler such as PgBouncer.
DATABASES = {
    "default": dj_database_url.parse(DATABASE_URL, conn_max_age=env_int("DB_CONN_MAX_AGE", 60), conn_health_checks=True)
}
if DATABASES["default"]["ENGINE"] != "django.db.backends.postgresql":
    raise ImproperlyConfigured("Claim Workbench runs on PostgreSQL only")


# ---- Cache (Redis) -------------------------------------------------------------

REDIS_URL = os.environ.get("REDIS_URL", "redis://127.0.0.1:6379/0")
CACHES = {
    "default": {
        "BACKEND": "django.core.cache.backends.redis.RedisCache",
        "LOCATION": REDIS_URL,
        "KEY_PREFIX": "workbench",
    }
}


# ---- Celery --------------------------------------------------------------------

CELERY_BROKER_URL = os.environ.get("CELERY_BROKER_URL", REDIS_URL)
# Job state lives on our own rows; the result backend would only duplicate it.
CELERY_TASK_IGNORE_RESULT = True
# Every task claims its work with a conditional UPDATE, so a redelivery is harmless.
CELERY_TASK_ACKS_LATE = True
CELERY_TASK_REJECT_ON_WORKER_LOST = True
CELERY_WORKER_PREFETCH_MULTIPLIER = 1
# Workers log through LOGGING below (one format, the filter that keeps refusals to one line), not Celery's own.
CELERY_WORKER_HIJACK_ROOT_LOGGER = False
CELERY_TASK_SOFT_TIME_LIMIT = env_int("TASK_SOFT_TIME_LIMIT", 120)
CELERY_TASK_TIME_LIMIT = env_int("TASK_TIME_LIMIT", 180)
CELERY_BROKER_CONNECTION_RETRY_ON_STARTUP = True
# A request must never hang on a broker that is down: fail fast, the sweep re-enqueues.
CELERY_BROKER_TRANSPORT_OPTIONS: dict[str, Any] = {
    "max_retries": 1,
    "interval_start": 0,
    "interval_step": 0.2,
    "interval_max": 0.5,
    "socket_connect_timeout": 2,
    "socket_timeout": 5,
}
CELERY_TASK_PUBLISH_RETRY_POLICY = {"max_retries": 1, "interval_start": 0, "interval_step": 0.2}
CELERY_IMPORTS = ["workbench.tasks"]
CELERY_BEAT_SCHEDULE = {
    # Every 30 seconds: prove a worker consumes the queue (shown by /healthz).
    "heartbeat": {"task": "workbench.tasks.heartbeat", "schedule": 30.0},
    # Every minute: re-enqueue source fetches that a lost message or a dead worker left behind.
    "sweep-documents": {"task": "documents.tasks.sweep_documents", "schedule": crontab(minute="*")},
    # Every minute: re-enqueue article imports stuck in a step, and fail those past the attempt cap.
    "sweep-articles": {"task": "claims.tasks.sweep_articles", "schedule": crontab(minute="*")},
    # Every minute: re-enqueue report jobs a lost message left queued, fail those a dead worker left running.
    "sweep-report-jobs": {"task": "claims.tasks.sweep_report_jobs", "schedule": crontab(minute="*")},
    # Every five minutes: re-send webhook deliveries a lost message left pending.
    "sweep-webhook-deliveries": {"task": "api.tasks.sweep_webhook_deliveries", "schedule": crontab(minute="*/5")},
    # Hourly: forget import Idempotency-Keys older than a day.
    "forget-idempotency-keys": {"task": "api.tasks.forget_idempotency_keys", "schedule": crontab(minute=17)},
    # Every minute: the same for fact-check archive imports.
    "sweep-import-jobs": {"task": "matching.tasks.sweep_import_jobs", "schedule": crontab(minute="*")},
}


# ---- Security and CSP ----------------------------------------------------------

SECURE_CSP = {
    "default-src": [CSP.SELF],
    "script-src": [CSP.SELF, CSP.NONCE],
    "style-src": [CSP.SELF],
    "img-src": [CSP.SELF, "data:"],
    "connect-src": [CSP.SELF],
    "frame-ancestors": [CSP.NONE],
    "form-action": [CSP.SELF],
    "base-uri": [CSP.NONE],
    "object-src": [CSP.NONE],
}
X_FRAME_OPTIONS = "DENY"
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SECURE = env_bool("SECURE_COOKIES", not DEBUG)
CSRF_COOKIE_SECURE = SESSION_COOKIE_SECURE
SECURE_SSL_REDIRECT = env_bool("SECURE_SSL_REDIRECT", False)
SECURE_HSTS_SECONDS = env_int("SECURE_HSTS_SECONDS", 0 if DEBUG else 3600)
SECURE_HSTS_INCLUDE_SUBDOMAINS = env_bool("SECURE_HSTS_INCLUDE_SUBDOMAINS", False)
SECURE_HSTS_PRELOAD = env_bool("SECURE_HSTS_PRELOAD", False)
if env_bool("BEHIND_TLS_PROXY", False):
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")

# Uploads and pasted text are capped by the import forms; this caps the raw request.
DATA_UPLOAD_MAX_MEMORY_SIZE = env_int("MAX_UPLOAD_BYTES", 5 * 1024 * 1024) + 1024 * 1024
FILE_UPLOAD_MAX_MEMORY_SIZE = 2_621_440
FILE_UPLOAD_HANDLERS = [
    "claims.intake.uploads.CappedUploadHandler",
    "django.core.files.uploadhandler.MemoryFileUploadHandler",
    "django.core.files.uploadhandler.TemporaryFileUploadHandler",
]
MAX_UPLOAD_BYTES = env_int("MAX_UPLOAD_BYTES", 5 * 1024 * 1024)
MAX_PASTE_CHARS = env_int("MAX_PASTE_CHARS", 200_000)
MAX_ARTICLE_CHARS = env_int("MAX_ARTICLE_CHARS", 200_000)


# ---- Outbound fetching (documents.fetching) --------------------------------------

FETCH_CONNECT_TIMEOUT = float(env_int("FETCH_CONNECT_TIMEOUT", 5))
FETCH_READ_TIMEOUT = float(env_int("FETCH_READ_TIMEOUT", 10))
FETCH_TOTAL_DEADLINE = float(env_int("FETCH_TOTAL_DEADLINE", 20))
FETCH_MAX_BYTES = env_int("FETCH_MAX_BYTES", 5 * 1024 * 1024)
FETCH_MAX_REDIRECTS = env_int("FETCH_MAX_REDIRECTS", 5)
# Exact "ip:port" pairs that may be fetched although they are not public (tests, intranets).
FETCH_ALLOWED_ADDRESSES = env_list("FETCH_ALLOWED_ADDRESSES")
FETCH_USER_AGENT = os.environ.get(
    "FETCH_USER_AGENT", "ClaimWorkbench/0.1 (+https://github.com/claim-workbench/claim-workbench)"
)


# ---- Claim detection -------------------------------------------------------------

# Optional OpenAI-compatible chat-completions endpoint for claim detection.
DETECTION_LLM_URL = os.environ.get("DETECTION_LLM_URL", "")
DETECTION_LLM_MODEL = os.environ.get("DETECTION_LLM_MODEL", "")
DETECTION_LLM_API_KEY = env_secret("DETECTION_LLM_API_KEY")
DETECTION_LLM_TIMEOUT = float(env_int("DETECTION_LLM_TIMEOUT", 30))
# train_detector also learns word/word-pair weights from the newsroom's sentences (--lexical overrides).
DETECTION_TRAIN_LEXICAL = env_bool("DETECTION_TRAIN_LEXICAL", False)


# ---- Exports and reports ---------------------------------------------------------

# Claims read per database round trip while an export streams.
EXPORT_CHUNK_SIZE = env_int("EXPORT_CHUNK_SIZE", 500)
# PDF reports of up to this many claims render in the request; larger ones in the background.
EXPORT_PDF_INLINE_MAX_CLAIMS = env_int("EXPORT_PDF_INLINE_MAX_CLAIMS", 50)
# PDFs are laid out in part documents of this many claims, so WeasyPrint's memory stays flat and a
# background job's progress moves part by part (see claims/exports/README.md for the measurements).
EXPORT_PDF_CHUNK_CLAIMS = env_int("EXPORT_PDF_CHUNK_CLAIMS", 100)
# Processes laying out a PDF's parts side by side (1: in the rendering process itself).
EXPORT_PDF_PROCESSES = env_int("EXPORT_PDF_PROCESSES", min(4, os.cpu_count() or 1))
# Beyond this the printable HTML report is offered instead of a PDF (413): 10,000 claims took 7 minutes and
# 480 MB peak in the background; 20,000 should take about 15 of the render task's 30 minutes.
EXPORT_PDF_MAX_CLAIMS = env_int("EXPORT_PDF_MAX_CLAIMS", 20000)


# ---- JSON API (api/) ----------------------------------------------------------------

# Requests per token (per user for the browser session), e.g. "600/m", "10/s", "5000/h".
API_RATE_LIMIT = os.environ.get("API_RATE_LIMIT", "600/m")
# Webhook deliveries: attempts before a delivery is marked failed (with exponential back-off between).
WEBHOOK_MAX_ATTEMPTS = env_int("WEBHOOK_MAX_ATTEMPTS", 8)
WEBHOOK_TIMEOUT = float(env_int("WEBHOOK_TIMEOUT", 10))


# ---- Internationalisation and static files --------------------------------------

LANGUAGE_CODE = "en-gb"
TIME_ZONE = os.environ.get("TIME_ZONE", "UTC")
USE_I18N = True
USE_TZ = True

STATIC_URL = "static/"
STATIC_ROOT = BASE_DIR / "staticfiles"
STATICFILES_DIRS = [BASE_DIR / "static"]
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"
        if env_bool("STATIC_MANIFEST", not DEBUG)
        else "django.contrib.staticfiles.storage.StaticFilesStorage"
    },
}


# ---- Logging ---------------------------------------------------------------------

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "formatters": {"plain": {"format": "%(asctime)s %(levelname)s %(name)s: %(message)s"}},
    "filters": {"expected_denials": {"()": "workbench.logs.ExpectedDenialFilter"}},
    "handlers": {"console": {"class": "logging.StreamHandler", "formatter": "plain", "filters": ["expected_denials"]}},
    "root": {"handlers": ["console"], "level": os.environ.get("LOG_LEVEL", "INFO")},
    "loggers": {
        # Replaces Django's own console handler, which printed every record a second time with DEBUG on.
        "django": {"level": "INFO"},
        "django.db.backends": {"level": "INFO"},
        "axes": {"level": "WARNING"},
        "weasyprint": {"level": "WARNING"},
        # Without HarfBuzz-Subset WeasyPrint subsets fonts with fontTools, which logs every table at INFO.
        "fontTools": {"level": "WARNING"},
    },
}
