"""Pluggable claim detectors: the offline rule backend and an OpenAI-compatible LLM backend."""

from __future__ import annotations

import hashlib
import json
import logging
import urllib.request
from collections import OrderedDict
from dataclasses import replace
from typing import Any, Protocol, runtime_checkable

from .attribution import find_claimant
from .candidates import ClaimCandidate, detect
from .training import Weights
from .weights import default_weights

logger = logging.getLogger(__name__)

MAX_RESPONSE_BYTES = 4_000_000


@runtime_checkable
class Backend(Protocol):
    def detect(self, text: str, *, language: str = "en") -> list[ClaimCandidate]: ...


class RuleBackend:
    """Offline, deterministic detection: segmentation, filters, splitting and a linear score."""

    def __init__(self, weights: Weights | None = None) -> None:
        self.weights = weights

    def detect(self, text: str, *, language: str = "en") -> list[ClaimCandidate]:
        return detect(text, language=language, weights=self.weights or default_weights())


class Cache(Protocol):
    def get(self, key: str) -> object | None: ...

    def set(self, key: str, value: object) -> None: ...


class MemoryCache:
    """A small LRU cache; pass anything with get/set (e.g. a Django cache) instead."""

    def __init__(self, size: int = 256) -> None:
        self.size = size
        self._items: OrderedDict[str, object] = OrderedDict()

    def get(self, key: str) -> object | None:
        if key in self._items:
            self._items.move_to_end(key)
            return self._items[key]
        return None

    def set(self, key: str, value: object) -> None:
        self._items[key] = value
        self._items.move_to_end(key)
        while len(self._items) > self.size:
            self._items.popitem(last=False)


PROMPT = (
    "Extract the checkable factual claims from the article below. Split compound sentences into "
    "atomic claims and make each claim self-contained using only information in the article. "
    "Skip opinions, predictions, questions and page furniture. Answer with JSON only: "
    '{"claims": [{"claim": "<self-contained claim>", "quote": "<exact substring of the article '
    'the claim comes from>", "claimant": "<who said it, or null>"}]}'
)


class OpenAICompatibleBackend:
    """Ask an OpenAI-compatible /chat/completions endpoint; fall back to rules on any failure.

    The model only proposes wording: every claim must quote a span found verbatim in the text,
    and the rule backend's scorer still decides type, score and bucket.
    """

    def __init__(
        self,
        url: str,
        model: str,
        api_key: str | None = None,
        timeout: float = 30.0,
        cache: Cache | None = None,
        fallback: Backend | None = None,
    ) -> None:
        if not url.startswith(("http://", "https://")):
            raise ValueError("the LLM URL must be http:// or https://")
        self.url = url.rstrip("/")
        if not self.url.endswith("/chat/completions"):
            self.url += "/chat/completions"
        self.model = model
        self.api_key = api_key
        self.timeout = timeout
        self.cache = cache if cache is not None else MemoryCache()
        self.fallback = fallback or RuleBackend()

    def detect(self, text: str, *, language: str = "en") -> list[ClaimCandidate]:
        if not text.strip():
            return []
        key = f"claims:{self.model}:{hashlib.sha256(text.encode('utf-8')).hexdigest()}"
        # Any failure (network, timeout, HTTP status, bad JSON, a broken cache) means rules.
        try:
            cached = self.cache.get(key)
            claims: list[dict[str, Any]] | None = cached if isinstance(cached, list) else None
            if claims is None:
                claims = self._ask(text)
                self.cache.set(key, claims)
            candidates = self._to_candidates(text, claims, language)
        except Exception:
            logger.warning("LLM claim detection failed; using the rule backend", exc_info=True)
            candidates = None
        if candidates is None:
            return self.fallback.detect(text, language=language)
        return candidates

    def _ask(self, text: str) -> list[dict[str, Any]]:
        body = json.dumps(
            {
                "model": self.model,
                "temperature": 0,
                "messages": [
                    {"role": "system", "content": PROMPT},
                    {"role": "user", "content": text},
                ],
            }
        ).encode()
        headers = {"Content-Type": "application/json"}
        if self.api_key:
            headers["Authorization"] = f"Bearer {self.api_key}"
        request = urllib.request.Request(self.url, data=body, headers=headers, method="POST")
        with urllib.request.urlopen(request, timeout=self.timeout) as response:
            payload = json.loads(response.read(MAX_RESPONSE_BYTES).decode("utf-8"))
        content = payload["choices"][0]["message"]["content"]
        content = content.strip().removeprefix("```json").removeprefix("```").removesuffix("```")
        claims = json.loads(content)["claims"]
        if not isinstance(claims, list):
            raise ValueError("'claims' is not a list")
        return [c for c in claims if isinstance(c, dict)]

    def _to_candidates(self, text: str, claims: list[dict[str, Any]], language: str) -> list[ClaimCandidate] | None:
        rules = self.fallback.detect(text, language=language)
        scorer = RuleBackend(getattr(self.fallback, "weights", None))
        out: list[ClaimCandidate] = []
        used: set[tuple[int, int]] = set()
        for item in claims:
            quote, wording = item.get("quote"), item.get("claim")
            if not isinstance(quote, str) or not isinstance(wording, str) or not quote.strip():
                continue
            start = _find_unused(text, quote.strip(), used)
            if start < 0:
                continue  # the model quoted something that is not in the text: never invent
            end = start + len(quote.strip())
            used.add((start, end))
            scored = scorer.detect(wording, language=language)
            if not scored:
                continue
            best = max(scored, key=lambda c: c.checkworthiness)
            claimant = item.get("claimant") if isinstance(item.get("claimant"), str) else None
            claimant = claimant or _claimant_from_rules(rules, start, end) or find_claimant(quote)
            out.append(replace(best, start=start, end=end, text=wording.strip(), claimant=claimant))
        return sorted(out, key=lambda c: (c.start, c.end)) if out or not claims else None


def _find_unused(text: str, quote: str, used: set[tuple[int, int]]) -> int:
    start = text.find(quote)
    while start >= 0 and (start, start + len(quote)) in used:
        start = text.find(quote, start + 1)
    return start


def _claimant_from_rules(rules: list[ClaimCandidate], start: int, end: int) -> str | None:
    for candidate in rules:
        if candidate.start < end and start < candidate.end and candidate.claimant:
            return candidate.claimant
    return None
