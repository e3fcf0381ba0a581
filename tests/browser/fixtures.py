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


def watch_console(page, errors: list[str] | None = None) -> list[str]:
    """Collect the page's console errors and uncaught exceptions (a CSP violation is one)."""
    errors = [] if errors is None else errors
    page.on(
        "console",
        lambda message: (
            errors.append(f"{message.text} ({message.location.get('url')})") if message.type == "error" else None
        ),
    )
    page.on("pageerror", lambda error: errors.append(f"uncaught: {error}"))
    return errors


@pytest.fixture
def console_errors():
    """The console errors of ``page``; a test that provokes one on purpose removes it."""
    return []


# htmx logs a request it was told to abort (hx-sync "replace": a newer refresh wins) as an error. A failed
# request logs htmx:responseError or htmx:sendError instead, and those are not excused.
EXPECTED_HTMX_ABORT = ("htmx:sendAbort", "htmx:afterRequest")


def check_console(errors: list[str]) -> None:
    """Fail on any console error but htmx's log of a request it was told to abort."""
    unexpected = [error for error in errors if not error.startswith(EXPECTED_HTMX_ABORT)]
    assert unexpected == [], f"console errors: {unexpected}"


@pytest.fixture
def page(page, console_errors):
    """Every browser test fails on a console error, even one that changes nothing it asserts."""
    watch_console(page, console_errors)
    yield page
    check_console(console_errors)
