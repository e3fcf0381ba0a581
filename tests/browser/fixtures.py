"""Playwright against Debian's Chromium; Playwright's own browser download is never used."""

from __future__ import annotations

import os
import shutil

import pytest


@pytest.fixture(scope="session")
def browser_type_launch_args(browser_type_launch_args):
    path = os.environ.get("CHROMIUM_PATH") or shutil.which("chromium") or "/usr/bin/chromium"
    if not os.path.exists(path):
        pytest.fail(f"Chromium not found at {path}: install Debian's chromium (make test does) or set CHROMIUM_PATH")
    return {
        **browser_type_launch_args,
        "executable_path": path,
        "args": [
            "--no-sandbox",
            "--disable-gpu",
            "--disable-dev-shm-usage",
            "--disable-background-networking",
            "--disable-component-update",
            "--disable-sync",
            "--no-first-run",
        ],
    }


@pytest.fixture
def login(page, live_server):
    """Log a user in through the real login form."""

    def _login(user, password=None):
        page.goto(f"{live_server.url}/accounts/login/")
        page.get_by_label("Username").fill(user.username)
        page.get_by_label("Password").fill(password or "pw-" + user.username)
        page.get_by_role("button", name="Log in").click()
        page.wait_for_url(f"{live_server.url}/")
        return page

    return _login


# htmx logs a request it was told to abort (hx-sync replace: a newer refresh wins) as an error; a
# failed request also logs htmx:responseError or htmx:sendError, which are not excused.
EXPECTED_HTMX_ABORT = ("htmx:sendAbort", "htmx:afterRequest")


def watch_console(context, errors: list[str]) -> None:
    def on_console(message):
        if message.type == "error" and not message.text.startswith(EXPECTED_HTMX_ABORT):
            errors.append(f"{message.text} ({message.page.url if message.page else ''})")

    context.on("console", on_console)
    context.on("weberror", lambda error: errors.append(f"uncaught: {error.error}"))


@pytest.fixture(autouse=True)
def _no_console_errors(request, monkeypatch):
    """Fail a browser test on any console error in any of its pages: a CSP violation, a script
    error, a resource that failed to load."""
    if request.node.get_closest_marker("browser") is None:
        yield
        return
    errors: list[str] = []
    if "page" in request.fixturenames:
        watch_console(request.getfixturevalue("context"), errors)
    browser = request.getfixturevalue("browser")
    new_context = browser.new_context

    def watched_context(*args, **kwargs):
        context = new_context(*args, **kwargs)
        watch_console(context, errors)
        return context

    # Tests that open a second person's browser make their own contexts.
    monkeypatch.setattr(browser, "new_context", watched_context)
    yield
    assert not errors, "console errors:\n" + "\n".join(errors)
