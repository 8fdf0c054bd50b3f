"""Generated category pages: one page per category, for the HTML builders.

A writer who adds a category writes no page: ``html-collect-pages`` writes one page per
category from the collected posts on every build, so the pages are always current. Only the
``html`` and ``dirhtml`` builders get them: a PDF or an EPUB is read from start to end, where
a page per category would be a list of links out of a book, so there bylines show the
category's name without a link.
"""

from __future__ import annotations

import html
from typing import TYPE_CHECKING

from docutils import nodes

from sphinx_post_series.blog import _render, _series, model
from sphinx_post_series.blog._collector import get_blog_data
from sphinx_post_series.blog._i18n import _
from sphinx_post_series.blog._urls import category_page, has_category_pages

if TYPE_CHECKING:
    from collections.abc import Iterator

    from sphinx.application import Sphinx
    from sphinx.builders.html import StandaloneHTMLBuilder


class PageLinker:
    """Links from a generated page: finished HTML links, as nothing resolves them later."""

    def __init__(self, app: Sphinx, from_page: str) -> None:
        self.app = app
        self.from_page = from_page

    def to_doc(self, target: str, text: str | None = None) -> nodes.Node:
        """Return a link to document *target*."""
        title = self.app.env.titles.get(target)
        label = text or (title.astext() if title is not None else target)
        uri = self.app.builder.get_relative_uri(self.from_page, target)
        return nodes.reference(label, label, refuri=uri, internal=True)

    def to_category(self, name: str) -> nodes.Node:
        """Return a link to another category's page."""
        page = category_page(self.app.config, name)
        if page == self.from_page:
            return nodes.Text(name)
        uri = self.app.builder.get_relative_uri(self.from_page, page)
        return nodes.reference(name, name, refuri=uri, internal=True)


def category_title(name: str) -> str:
    """Return the title of a category page."""
    return _("Posts in %(category)s") % {"category": name}


def collect_category_pages(app: Sphinx) -> Iterator[tuple[str, dict[str, object], str]]:
    """Yield one page per category (``html-collect-pages``)."""
    if not has_category_pages(app.builder, app.config):
        return
    builder: StandaloneHTMLBuilder = app.builder  # type: ignore[assignment]
    data = get_blog_data(app.env)
    positions = _series.positions(app, app.env)
    for slug, name in model.categories(data.posts.values()).items():
        pagename = category_page(app.config, name)
        chosen = model.select_posts(data.posts.values(), model.PostFilter(category=slug), positions)
        body = _render.post_list(chosen, positions, app.config.language, PageLinker(app, pagename))
        title = category_title(name)
        # The heading is written here, not rendered from a title node: Sphinx 9's writer
        # numbers titles from state that a build writing no document never sets up.
        listing = builder.render_partial(body)["fragment"]
        page = f'<section id="{slug}">\n<h1>{html.escape(title)}</h1>\n{listing}</section>\n'
        yield (
            pagename,
            {"title": html.escape(title), "body": page, "blog_category": name},
            "page.html",
        )
