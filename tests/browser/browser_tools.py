"""What the browser tests share besides fixtures: the browser's settings and small helpers."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, NoReturn

import pytest

from system_tools import is_ci

if TYPE_CHECKING:
    from playwright.sync_api import Browser, BrowserContext, Page

CHROMIUM = Path("/usr/bin/chromium")
#: Playwright cannot download its own browsers here; these flags keep Debian's quiet and local.
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
#: Every wait in the browser gives up after this many milliseconds.
TIMEOUT_MS = 15_000
WINDOW_HEIGHT = 900


def missing(message: str) -> NoReturn:
    """Skip the calling test (fail it under CI=true): *message* says what to install."""
    if is_ci():
        pytest.fail(message)
    pytest.skip(message)


def one_line(text: str) -> str:
    """*text* with each run of whitespace made one space, as a reader sees it."""
    return " ".join(text.split())


def open_url(
    browser: Browser, url: str, *, width: int = 1280, color_scheme: str = "light"
) -> tuple[BrowserContext, Page]:
    """Open *url* in a fresh context (the caller closes it) with a window *width* px wide."""
    context = browser.new_context(
        viewport={"width": width, "height": WINDOW_HEIGHT},
        color_scheme=color_scheme,  # type: ignore[arg-type]
    )
    context.set_default_timeout(TIMEOUT_MS)
    page = context.new_page()
    page.goto(url, wait_until="load")
    return context, page
