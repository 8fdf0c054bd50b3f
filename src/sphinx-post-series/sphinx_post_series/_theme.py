"""HTML theme integration: the stylesheet and series-ordered previous/next links."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Any

from sphinx.builders.html import StandaloneHTMLBuilder

from sphinx_post_series._collector import get_series_data, resolve_series
from sphinx_post_series._config import get_config
from sphinx_post_series.model import series_key

if TYPE_CHECKING:
    from docutils import nodes
    from sphinx.application import Sphinx

STATIC_DIR = Path(__file__).parent / "static"
STYLESHEET = "series.css"


def add_static_dir(app: Sphinx) -> None:
    """Ship ``static/`` with HTML builders (``builder-inited``, Sphinx < 9.1)."""
    if app.builder.format == "html":
        app.config.html_static_path.append(str(STATIC_DIR))


def follow_series_order(
    app: Sphinx,
    pagename: str,
    templatename: str,
    context: dict[str, Any],
    doctree: nodes.document | None,
) -> None:
    """On series posts, point the theme's prev/next at the series neighbours.

    Themes (furo's footer cards, ``<link rel>``) read ``context["prev"]``/``["next"]``;
    a neighbour that is only announced, or missing, leaves no link.
    """
    builder = app.builder
    if not isinstance(builder, StandaloneHTMLBuilder) or builder.name == "singlehtml":
        return
    if not get_config(app.config).override_theme_neighbours:
        return
    post = get_series_data(app.env).posts.get(pagename)
    if post is None:
        return
    series = resolve_series(app.env, builder.tags).get(series_key(post.name))
    if series is None:
        return
    for name, part in zip(("prev", "next"), series.neighbours(pagename), strict=True):
        if part is None or part.docname is None or part.docname not in app.env.titles:
            context[name] = None
            continue
        link = builder.get_relative_uri(pagename, part.docname)
        sphinx_neighbour = context.get(name)
        if sphinx_neighbour and sphinx_neighbour.get("link") == link:
            continue  # Sphinx's own neighbour is the series' (a toctree in series order)
        # Rendering a title runs a docutils publisher (see benchmarks/RESULTS.md): only for
        # links that differ from Sphinx's own.
        context[name] = {
            "link": link,
            "title": builder.render_partial(app.env.titles[part.docname])["title"],
        }
