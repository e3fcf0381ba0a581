from __future__ import annotations

import pytest

from tests.samples import sample_text


@pytest.fixture(scope="session")
def article() -> str:
    """The DeepSeek sample article."""
    return sample_text("deepseek-article.txt")


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
