"""Static files in production: hashed names, compressed copies, and caching browsers may keep for good."""

from __future__ import annotations

import pytest
from django.core.management import call_command
from django.templatetags.static import static
from django.test import Client, override_settings

MANIFEST_STORAGE = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"},
}


@pytest.fixture(scope="module")
def collected(tmp_path_factory):
    root = tmp_path_factory.mktemp("static")
    with override_settings(STATIC_ROOT=root, STORAGES=MANIFEST_STORAGE, DEBUG=False):
        # The admin's files are left out: compressing them all is most of collectstatic's time.
        call_command("collectstatic", "--no-input", "--ignore", "admin", verbosity=0)
        yield root


@pytest.mark.parametrize(("encoding", "suffix"), [("br", ".br"), ("gzip", ".gz")])
def test_static_files_are_served_compressed_with_far_future_caching(collected, encoding, suffix):
    with override_settings(STATIC_ROOT=collected, STORAGES=MANIFEST_STORAGE, DEBUG=False, ALLOWED_HOSTS=["testserver"]):
        url = static("css/app.css")
        # The name carries the file's hash, so a changed file gets a new URL and the old one may be kept for ever.
        assert url.startswith("/static/css/app.") and url.endswith(".css") and url != "/static/css/app.css"
        response = Client().get(url, headers={"Accept-Encoding": encoding})

    assert response.status_code == 200
    assert response["Content-Encoding"] == encoding
    assert "immutable" in response["Cache-Control"] and "max-age=315360000" in response["Cache-Control"]
    compressed = b"".join(response.streaming_content)
    assert (
        compressed == (collected / url.removeprefix("/static/")).with_name(url.rsplit("/", 1)[1] + suffix).read_bytes()
    )
