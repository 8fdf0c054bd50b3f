"""HTML theme integration: the stylesheet and series-ordered previous/next links."""

from __future__ import annotations

import html
from pathlib import Path
from typing import TYPE_CHECKING, Any

from sphinx.builders.html import StandaloneHTMLBuilder
from sphinx.locale import _

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
    posts = get_series_data(app.env).posts
    neighbours: dict[str, str | None] = {}
    for name, part in zip(("prev", "next"), series.neighbours(pagename), strict=True):
        neighbours[name] = None
        if part is None or part.docname is None or part.docname not in app.env.titles:
            context[name] = None
            continue
        neighbours[name] = part.docname
        link = builder.get_relative_uri(pagename, part.docname)
        neighbour = posts.get(part.docname)
        if neighbour is not None and neighbour.is_untitled:
            # Sphinx would say "<no title>"; the boxes use the file name (already reported).
            context[name] = {"link": link, "title": html.escape(part.title)}
            continue
        sphinx_neighbour = context.get(name)
        if sphinx_neighbour and sphinx_neighbour.get("link") == link:
            continue  # Sphinx's own neighbour is the series' (a toctree in series order)
        # Rendering a title runs a docutils publisher (see benchmarks/RESULTS.md): only for
        # links that differ from Sphinx's own.
        context[name] = {
            "link": link,
            "title": builder.render_partial(app.env.titles[part.docname])["title"],
        }
    _follow_in_rellinks(context, neighbours)


def _follow_in_rellinks(context: dict[str, Any], neighbours: dict[str, str | None]) -> None:
    """Make the related-links bar (``rellinks``, built from Sphinx's neighbours) agree."""
    rellinks = context.get("rellinks")
    if not isinstance(rellinks, list):
        return
    # Sphinx's order, docnames and labels (sphinx/builders/html/__init__.py, get_doc_context).
    kept = [link for link in rellinks if link[2:3] not in {("N",), ("P",)}]
    for name, key, label in (("next", "N", _("next")), ("prev", "P", _("previous"))):
        docname, neighbour = neighbours.get(name), context.get(name)
        if docname is not None and neighbour:
            kept.append((docname, neighbour["title"], key, label))
    rellinks[:] = kept
