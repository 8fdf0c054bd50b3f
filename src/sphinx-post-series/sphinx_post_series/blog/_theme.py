"""HTML theme integration: the blog's stylesheet."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from sphinx.application import Sphinx

STATIC_DIR = Path(__file__).parent / "static"
STYLESHEET = "blog.css"


def add_static_dir(app: Sphinx) -> None:
    """Ship ``static/`` with HTML builders (``builder-inited``, Sphinx < 9.1)."""
    if app.builder.format == "html":
        app.config.html_static_path.append(str(STATIC_DIR))


def add_stylesheet(app: Sphinx) -> None:
    """Add the stylesheet to every HTML page, on every Sphinx version."""
    if hasattr(app, "add_static_dir"):  # Sphinx 9.1+
        app.add_static_dir(STATIC_DIR)
    else:
        app.connect("builder-inited", add_static_dir)
    app.add_css_file(STYLESHEET)
