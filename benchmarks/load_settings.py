"""Settings for the load benchmark's server: the project's own, with the bare page's URLs (load_urls.py)."""

from __future__ import annotations

from workbench.settings import *  # noqa: F403

ROOT_URLCONF = "benchmarks.load_urls"
