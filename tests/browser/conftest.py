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
from typing import TYPE_CHECKING, Any

import pytest

from browser_tools import CHROMIUM, CHROMIUM_ARGS, TIMEOUT_MS, missing, open_url
from outputs import build_pdf

if TYPE_CHECKING:
    from collections.abc import Callable, Iterator

    from axe_playwright_python.sync_playwright import Axe
    from playwright.sync_api import Browser, BrowserContext, Page

REPO = Path(__file__).resolve().parents[2]
ARTIFACTS = REPO / "artifacts"
ROOTS = REPO / "tests" / "roots"
HERE = Path(__file__).parent


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    """Mark this folder's tests `needs_browser`, so nox can run them once, not per Sphinx."""
    for item in items:
        if HERE in item.path.parents:
            item.add_marker(pytest.mark.needs_browser)


def sphinx(*args: str | Path, cwd: Path) -> None:
    """Run ``python -m sphinx ARGS -q``; a failed build fails the fixture with its stderr."""
    result = subprocess.run(
        # Options after the arguments, since make mode (-M) must come first.
        [sys.executable, "-m", "sphinx", *map(str, args), "-q"],
        cwd=cwd,
        capture_output=True,
        text=True,
        check=False,
        timeout=300,
    )
    assert result.returncode == 0, result.stderr[-3000:]


@pytest.fixture(scope="session")
def artifact_dir() -> Callable[[str], Path]:
    """``artifact_dir("screenshots")`` is ``artifacts/screenshots/`` at the repository root."""

    def folder(name: str) -> Path:
        path = ARTIFACTS / name
        path.mkdir(parents=True, exist_ok=True)
        return path

    return folder


@pytest.fixture(scope="session")
def real_source(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A private copy of the blog's sources, with the changelogs ``docs/`` includes."""
    project = tmp_path_factory.mktemp("real-site")
    shutil.copytree(REPO / "docs", project / "docs", ignore=shutil.ignore_patterns("_build"))
    # docs/contributing/changelog.md includes the repository's and each package's changelog.
    for changelog in REPO.glob("**/CHANGELOG.md"):
        if ".nox" in changelog.parts or "_readthedocs" in changelog.parts:
            continue
        target = project / changelog.relative_to(REPO)
        target.parent.mkdir(parents=True, exist_ok=True)
        shutil.copy2(changelog, target)
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


@pytest.fixture(scope="session")
def real_epub(tmp_path_factory: pytest.TempPathFactory, real_source: Path) -> Path:
    """The blog as an e-book, built as ``nox -s epub`` builds it."""
    out = tmp_path_factory.mktemp("real-epub")
    sphinx("-M", "epub", real_source, out, cwd=real_source)
    return out / "epub" / "healthy-intimacy.epub"


@pytest.fixture(scope="session")
def real_pdf(tmp_path_factory: pytest.TempPathFactory, real_source: Path) -> Path:
    """The blog as a PDF, built as ``nox -s pdf`` and Read the Docs build it."""
    latex = tmp_path_factory.mktemp("real-latex")
    sphinx("-b", "latex", real_source, latex, cwd=real_source)
    return build_pdf(latex, "healthy-intimacy")


class _QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: object) -> None:
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


@pytest.fixture(scope="session")
def axe() -> Axe:
    """axe-core (bundled by axe-playwright-python), run on a page with ``axe.run(page)``."""
    try:
        from axe_playwright_python.sync_playwright import Axe
    except ImportError:
        missing("axe-playwright-python not installed (pip install axe-playwright-python)")
    return Axe()


@pytest.fixture
def open_page(browser: Browser, base_url: str) -> Iterator[Callable[..., Page]]:
    """``open_page("series/posts/part-1.html", width=375, color_scheme="dark")``."""
    contexts: list[BrowserContext] = []

    def open_(path: str, **options: Any) -> Page:
        context, page = open_url(browser, f"{base_url}/{path}", **options)
        contexts.append(context)
        return page

    yield open_
    for context in contexts:
        context.close()
