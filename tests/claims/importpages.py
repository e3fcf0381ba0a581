"""Article pages served by the local `site` for import tests."""

from __future__ import annotations

import contextlib
from pathlib import Path

from workbench.celery import app as celery_app

DEEPSEEK = Path("/work/shared/samples/deepseek-article.txt")
DEEPSEEK_TITLE = "What DeepSeek’s ultra-cheap models mean for the AI arms race"
DEEPSEEK_FURNITURE = (
    "Skip to main content",
    "Phone displaying a DeepSeek search bar.",
    "Greg Baker/Getty Images",
    "4 min read",
    "Keep up with the innovative tech transforming business",
    "Tech Brew keeps business leaders",
)

PARAGRAPHS = (
    "Road injuries to cyclists fell by 22% on streets where protected lanes were built, the council report found.",
    "Across the rest of the city the fall was 4%, according to the same report published in March.",
    "The mayor, Jane Doe, said the scheme cost £12 million and would be extended to ten more streets by 2027.",
    "Cycling trips rose by 38% since 2020, while car journeys in the centre fell by a fifth.",
)


def article_html(
    title: str = "Cycle lanes cut injuries", paragraphs: tuple[str, ...] = PARAGRAPHS, repeat: int = 1
) -> str:
    body = "\n".join(f"<p>{p}</p>" for _ in range(repeat) for p in paragraphs)
    return f"""<!doctype html><html lang="en"><head><title>{title} | Evening News</title>
<meta property="og:site_name" content="Evening News">
<script type="application/ld+json">{{"@type": "NewsArticle", "headline": "{title}",
"datePublished": "2025-03-04", "author": {{"@type": "Person", "name": "Sam Reporter"}}}}</script></head>
<body><nav><a href="/">Home</a> <a href="/sport">Sport</a></nav>
<div class="cookie-banner">We use cookies to improve your experience.</div>
<article><h1>{title}</h1>
{body}
</article><aside class="related">Read more: Ten things about bikes</aside>
<footer>Copyright Evening News 2025</footer></body></html>"""


NO_TEXT_HTML = """<!doctype html><html><head><title>Gallery</title></head>
<body><nav><a href="/">Home</a></nav><div class="gallery"><img src="a.jpg" alt=""></div></body></html>"""


@contextlib.contextmanager
def broker_down(port: int):
    """Point the app at a closed port, with connection pools of its own so the real ones stay good."""
    saved = celery_app.conf.broker_url, celery_app._pool, celery_app.amqp._producer_pool
    celery_app.conf.broker_url = f"redis://127.0.0.1:{port}/0"
    celery_app._pool = celery_app.amqp._producer_pool = None
    try:
        yield
    finally:
        if celery_app._pool is not None:
            celery_app._pool.force_close_all()
        celery_app.conf.broker_url, celery_app._pool, celery_app.amqp._producer_pool = saved
