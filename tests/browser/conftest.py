"""The reader's view: built sites served on 127.0.0.1 and opened in Debian's Chromium.

Each site is built once per session from a private copy of its sources; the HTML server and
the browser live for the session and are shut down at its end. Screenshots, printed pages and
rendered PDF pages are kept under ``artifacts/`` at the repository root for people to look at.
"""

from __future__ import annotations

import functools
import http.server
import shutil
import subprocess
import sys
import threading
from pathlib import Path
from typing import TYPE_CHECKING

import pytest

from system_tools import is_ci

if TYPE_CHECKING:
    from collections.abc import Iterator

    from playwright.sync_api import Browser, Page

REPO = Path(__file__).resolve().parents[2]
ARTIFACTS = REPO / "artifacts"
ROOTS = REPO / "tests" / "roots"

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
DESKTOP = {"width": 1280, "height": 900}


def missing(message: str) -> None:
    """Skip the calling test (or fail it under CI=true) because *message* says what is missing."""
    if is_ci():
        pytest.fail(message)
    pytest.skip(message)


def sphinx(*args: str | Path, cwd: Path) -> None:
    """Run ``python -m sphinx`` quietly; a failed build fails the fixture with its stderr."""
    result = subprocess.run(
        [sys.executable, "-m", "sphinx", "-q", *map(str, args)],
        cwd=cwd,
        capture_output=True,
        text=True,
        check=False,
        timeout=300,
    )
    assert result.returncode == 0, result.stderr[-3000:]


def artifact_dir(name: str) -> Path:
    """Return ``artifacts/<name>/`` at the repository root, created if needed."""
    folder = ARTIFACTS / name
    folder.mkdir(parents=True, exist_ok=True)
    return folder


@pytest.fixture(scope="session")
def real_source(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A private copy of the blog's sources (``docs/`` includes ``../CHANGELOG.md``)."""
    project = tmp_path_factory.mktemp("real-site")
    shutil.copytree(REPO / "docs", project / "docs", ignore=shutil.ignore_patterns("_build"))
    shutil.copy2(REPO / "CHANGELOG.md", project / "CHANGELOG.md")
    return project / "docs"


@pytest.fixture(scope="session")
def web_root(tmp_path_factory: pytest.TempPathFactory, real_source: Path) -> Path:
    """The served folder: the real blog under ``real/``, the browser test root under ``series/``."""
    root = tmp_path_factory.mktemp("www")
    sphinx("-b", "html", real_source, root / "real", cwd=real_source)
    series_source = tmp_path_factory.mktemp("series-site") / "src"
    shutil.copytree(ROOTS / "test-browser-series", series_source)
    sphinx("-b", "html", series_source, root / "series", cwd=series_source)
    return root


class _QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: object) -> None:  # noqa: A002
        """Keep request lines out of the test output."""


@pytest.fixture(scope="session")
def base_url(web_root: Path) -> Iterator[str]:
    """``http://127.0.0.1:<port>`` serving `web_root` from a thread for the session."""
    handler = functools.partial(_QuietHandler, directory=str(web_root))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, name="site-server", daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}"
    finally:
        server.shutdown()
        server.server_close()
        thread.join(timeout=5)


@pytest.fixture(scope="session")
def browser() -> Iterator[Browser]:
    """Debian's Chromium, headless, driven by Playwright's sync API."""
    if not CHROMIUM.exists():
        missing(f"{CHROMIUM} not installed (apt-get install chromium libatomic1)")
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:
        missing("playwright not installed (pip install playwright)")
    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(
            executable_path=str(CHROMIUM), args=CHROMIUM_ARGS, timeout=TIMEOUT_MS * 2
        )
        try:
            yield chromium
        finally:
            chromium.close()


@pytest.fixture
def open_page(browser: Browser, base_url: str) -> Iterator[OpenPage]:
    """Open a site path in a fresh context: ``open_page("series/posts/part-1.html")``."""
    contexts = []

    def open_(
        path: str, *, width: int = DESKTOP["width"], color_scheme: str = "light"
    ) -> Page:
        context = browser.new_context(
            viewport={"width": width, "height": DESKTOP["height"]},
            color_scheme=color_scheme,  # type: ignore[arg-type]
        )
        context.set_default_timeout(TIMEOUT_MS)
        contexts.append(context)
        page = context.new_page()
        page.goto(f"{base_url}/{path}", wait_until="load")
        return page

    yield open_
    for context in contexts:
        context.close()


if TYPE_CHECKING:
    from typing import Protocol

    class OpenPage(Protocol):
        def __call__(
            self, path: str, *, width: int = ..., color_scheme: str = ...
        ) -> Page: ...
