from __future__ import annotations

import os
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[3]


def _samples_dir() -> Path | None:
    if os.environ.get("CLAIM_SAMPLES_DIR"):
        return Path(os.environ["CLAIM_SAMPLES_DIR"])
    # The main checkout sits beside shared/; a git worktree sits one level deeper.
    for base in (ROOT.parent, ROOT.parent.parent):
        candidate = base / "shared" / "samples"
        if candidate.is_dir():
            return candidate
    return None


@pytest.fixture(scope="session")
def article() -> str:
    """The DeepSeek sample article; it is a real news page, so it is read, not copied in."""
    directory = _samples_dir()
    path = directory / "deepseek-article.txt" if directory else None
    if not path or not path.exists():
        pytest.skip("sample article not found; set CLAIM_SAMPLES_DIR")
    return path.read_text(encoding="utf-8")


@pytest.fixture(scope="session")
def article_claims(article):
    from claims.detection import detect_claims

    return detect_claims(article)


# Our own news-style text, so behaviour is tested without the shared sample too.
NEWS = (
    "Skip to main content\n\nBusiness\n\nAcme doubles its profits\n\n"
    "Jane Doe/Reuters\n\n"
    "Acme Corp. said on Tuesday its profit rose 12.5% to $3.4 billion in 2024. "
    "The company hired 1,200 workers in the U.S. last year.\n\n"
    "“We are very proud of the team,” said Chief Executive Mary Smith. "
    "“I think we can do even better.”\n\n"
    "Will the rally last? Analysts expect shares to rise further next year.\n\n"
    "Sign up for our newsletter\n"
)


@pytest.fixture
def news() -> str:
    return NEWS
