"""The claim detector the project runs: settings choose the backend, the active DetectorModel the weights."""

from __future__ import annotations

import logging

from django.conf import settings
from django.core.cache import caches
from django.db.models import Case, F, JSONField, Value, When

from claims.detection import Backend, ClaimCandidate, OpenAICompatibleBackend, RuleBackend, Weights, default_weights
from claims.models import DetectorModel

logger = logging.getLogger(__name__)

LLM_CACHE_SECONDS = 7 * 24 * 3600

# (active model id or None, its weights): reloaded only when another model becomes active.
_loaded: tuple[int | None, Weights] | None = None


def active_weights() -> Weights:
    """The active DetectorModel's weights, else the shipped defaults; one small query per call."""
    global _loaded
    cached_pk = _loaded[0] if _loaded else None
    # The weights JSON only travels when the active model differs from the one already loaded.
    row = (
        DetectorModel.objects.filter(is_active=True)
        .annotate(
            new_weights=Case(When(pk=cached_pk, then=Value(None)), default=F("weights"), output_field=JSONField())
        )
        .values_list("pk", "new_weights")
        .first()
    )
    if row is None:
        if _loaded is None or _loaded[0] is not None:
            _loaded = (None, default_weights())
        return _loaded[1]
    pk, data = row
    if _loaded is None or _loaded[0] != pk:
        try:
            _loaded = (pk, Weights.from_dict(data))
        except (KeyError, TypeError, ValueError):
            logger.exception("Detector model %s has unreadable weights; using the shipped defaults", pk)
            return default_weights()
    return _loaded[1]


class _DjangoCache:
    """The LLM backend's cache on the project's cache, so answers survive restarts and are shared."""

    def get(self, key: str) -> object | None:
        value: object | None = caches["default"].get(key)
        return value

    def set(self, key: str, value: object) -> None:
        caches["default"].set(key, value, LLM_CACHE_SECONDS)


def get_backend() -> Backend:
    """The LLM backend when DETECTION_LLM_URL and _MODEL are set (rules as fall-back), else rules."""
    rules = RuleBackend(active_weights())
    url = getattr(settings, "DETECTION_LLM_URL", "")
    model = getattr(settings, "DETECTION_LLM_MODEL", "")
    if not url:
        return rules
    if not model:
        logger.warning("DETECTION_LLM_URL is set but DETECTION_LLM_MODEL is not; using the rule backend")
        return rules
    try:
        return OpenAICompatibleBackend(
            url,
            model,
            api_key=getattr(settings, "DETECTION_LLM_API_KEY", None) or None,
            timeout=float(getattr(settings, "DETECTION_LLM_TIMEOUT", 30)),
            cache=_DjangoCache(),
            fallback=rules,
        )
    except ValueError:
        logger.warning("DETECTION_LLM_URL %r is not an http(s) URL; using the rule backend", url)
        return rules


def detect_claims(text: str, *, language: str = "en") -> list[ClaimCandidate]:
    """Claim candidates in `text` from the configured backend with the active weights."""
    return get_backend().detect(text, language=language)
