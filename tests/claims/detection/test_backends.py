from __future__ import annotations

import json
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest

from claims.detection import (
    Backend,
    MemoryCache,
    OpenAICompatibleBackend,
    RuleBackend,
    detect_claims,
)

TEXT = "Acme said its revenue rose 12% to $3 billion in 2024. The company opened 40 new stores in Brazil last year."


class FakeLLM:
    """A local OpenAI-compatible endpoint whose behaviour each test chooses."""

    def __init__(self, mode: str) -> None:
        self.mode = mode
        self.calls = 0
        self.requests: list[dict] = []
        fake = self

        class Handler(BaseHTTPRequestHandler):
            def log_message(self, *args):
                pass

            def do_POST(self):
                fake.calls += 1
                length = int(self.headers.get("Content-Length", 0))
                fake.requests.append(json.loads(self.rfile.read(length)))
                if fake.mode == "slow":
                    time.sleep(1.5)
                if fake.mode == "error":
                    self.send_response(500)
                    self.end_headers()
                    return
                self.send_response(200)
                self.send_header("Content-Type", "application/json")
                self.end_headers()
                self.wfile.write(json.dumps(fake.reply()).encode())

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.thread = threading.Thread(target=self.server.serve_forever, daemon=True)

    def reply(self) -> dict:
        if self.mode == "garbage":
            content = "Sure! Here are the claims: revenue rose, stores opened"
        else:
            content = json.dumps(
                {
                    "claims": [
                        {
                            "claim": "Acme's revenue rose 12% to $3 billion in 2024.",
                            "quote": "its revenue rose 12% to $3 billion in 2024",
                            "claimant": "Acme",
                        },
                        {
                            "claim": "Acme opened 40 new stores in Brazil last year.",
                            "quote": "The company opened 40 new stores in Brazil last year.",
                        },
                        {
                            "claim": "Acme is the largest retailer on Mars.",
                            "quote": "Acme is the largest retailer on Mars.",
                        },
                    ]
                }
            )
        return {"choices": [{"message": {"role": "assistant", "content": content}}]}

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.server.server_address[1]}/v1"

    def __enter__(self):
        self.thread.start()
        return self

    def __exit__(self, *exc):
        self.server.shutdown()
        self.server.server_close()


def rule_texts(text):
    return [c.text for c in RuleBackend().detect(text)]


def test_it_uses_the_llm_claims_and_maps_quotes_back_to_offsets():
    with FakeLLM("ok") as fake:
        backend = OpenAICompatibleBackend(fake.url, "test-model", api_key="k", timeout=5)
        claims = detect_claims(TEXT, backend=backend)
    assert [c.text for c in claims] == [
        "Acme's revenue rose 12% to $3 billion in 2024.",
        "Acme opened 40 new stores in Brazil last year.",
    ]
    assert TEXT[claims[0].start : claims[0].end] == "its revenue rose 12% to $3 billion in 2024"
    assert claims[0].claimant == "Acme"
    assert claims[0].bucket == "worth_checking"
    assert fake.requests[0]["model"] == "test-model"


def test_it_drops_llm_claims_whose_quote_is_not_in_the_text():
    with FakeLLM("ok") as fake:
        claims = OpenAICompatibleBackend(fake.url, "m", timeout=5).detect(TEXT)
    assert not any("Mars" in c.text for c in claims)


def test_it_caches_answers_by_text_hash():
    cache = MemoryCache()
    with FakeLLM("ok") as fake:
        backend = OpenAICompatibleBackend(fake.url, "m", timeout=5, cache=cache)
        first = backend.detect(TEXT)
        second = backend.detect(TEXT)
    assert first == second
    assert fake.calls == 1


@pytest.mark.parametrize("mode", ["garbage", "error", "slow"])
def test_it_falls_back_to_the_rule_backend_on_failure(mode):
    with FakeLLM(mode) as fake:
        backend = OpenAICompatibleBackend(fake.url, "m", timeout=0.5)
        claims = backend.detect(TEXT)
    assert [c.text for c in claims] == rule_texts(TEXT)
    assert fake.calls == 1


def test_it_falls_back_when_nothing_listens():
    backend = OpenAICompatibleBackend("http://127.0.0.1:9/v1", "m", timeout=0.5)
    assert [c.text for c in backend.detect(TEXT)] == rule_texts(TEXT)


def test_backends_satisfy_the_protocol():
    assert isinstance(RuleBackend(), Backend)
    assert isinstance(OpenAICompatibleBackend("http://127.0.0.1:9", "m"), Backend)


class BrokenCache:
    def get(self, key):
        raise ConnectionError("cache is down")

    def set(self, key, value):
        raise ConnectionError("cache is down")


def test_it_falls_back_when_the_cache_is_broken():
    backend = OpenAICompatibleBackend("http://127.0.0.1:9/v1", "m", timeout=0.5, cache=BrokenCache())
    assert [c.text for c in backend.detect(TEXT)] == rule_texts(TEXT)


def test_it_refuses_non_http_urls():
    with pytest.raises(ValueError):
        OpenAICompatibleBackend("file:///etc/passwd", "m")
