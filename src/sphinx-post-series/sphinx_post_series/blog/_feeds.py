"""Atom feeds of the whole blog, of each series and of each category, written with feedgen.

Feeds are written by the ``html`` and ``dirhtml`` builders at ``build-finished``, on every
build, from the collected posts, so they are always current. Every link in a feed is absolute
(``html_baseurl`` plus the page's address); without a base URL there is one warning and no feed,
never a feed with relative links. Dates are the posts' own (midnight UTC), not the build time,
so an unchanged blog writes an unchanged feed.
"""

from __future__ import annotations

import datetime as dt
import html
import importlib.util
import weakref
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from sphinx_post_series.blog import _series, model
from sphinx_post_series.blog._collector import get_blog_data
from sphinx_post_series.blog._config import default_author, get_config
from sphinx_post_series.blog._render import language_tag
from sphinx_post_series.blog._urls import SITE_BUILDERS, base_url, category_page
from sphinx_post_series.blog._warnings import BlogWarning, warn

if TYPE_CHECKING:
    from collections.abc import Iterable, Sequence

    from docutils import nodes
    from sphinx.application import Sphinx
    from sphinx.builders import Builder

BLOG_FEED = "atom.xml"
ATOM_TYPE = "application/atom+xml"
# The feeds planned for the current build, so each page's head does not plan them again.
_PLANNED: weakref.WeakKeyDictionary[Builder, list[Feed]] = weakref.WeakKeyDictionary()


@dataclass(frozen=True)
class Feed:
    """One feed to write: where, under which title, about which page, with which posts."""

    path: str
    title: str
    page: str | None
    posts: tuple[model.BlogPost, ...]


def _feeds_wanted(app: Sphinx) -> bool:
    return app.builder.name in SITE_BUILDERS and get_config(app.config).feeds


def _can_write(app: Sphinx) -> bool:
    return (
        _feeds_wanted(app)
        and bool(base_url(app))
        and importlib.util.find_spec("feedgen") is not None
    )


def check_feed_settings(app: Sphinx) -> None:
    """Say once, at the start of a build, why no feed will be written (``builder-inited``)."""
    if not _feeds_wanted(app):
        return
    if not base_url(app):
        warn(
            BlogWarning.NO_BASEURL,
            "html_baseurl is not set, so no Atom feed is written (feeds need absolute links); "
            "set html_baseurl to the site's public address, or blog_feeds = False",
        )
    elif importlib.util.find_spec("feedgen") is None:
        warn(
            BlogWarning.NO_FEEDGEN,
            "the feedgen library is not installed, so no Atom feed is written; "
            "install sphinx-post-series[blog]",
        )


def series_feed(name: str) -> str:
    """Return the path of the feed of series *name*."""
    return f"feeds/series/{model.slugify(name)}.xml"


def category_feed(name: str) -> str:
    """Return the path of the feed of category *name*."""
    return f"feeds/category/{model.slugify(name)}.xml"


def plan_feeds(app: Sphinx) -> list[Feed]:
    """Return every feed of the project: the blog's, then each series', then each category's."""
    data = get_blog_data(app.env)
    positions = _series.positions(app, app.env)
    limit = get_config(app.config).feed_length
    project = str(app.config.project)
    posts = list(data.posts.values())

    def chosen(post_filter: model.PostFilter) -> tuple[model.BlogPost, ...]:
        return tuple(model.select_posts(posts, post_filter, positions))

    feeds = [Feed(BLOG_FEED, project, app.config.root_doc, chosen(model.PostFilter(limit=limit)))]
    series_names: dict[str, model.SeriesPosition] = {}
    for position in positions.values():
        series_names.setdefault(position.key, position)
    feeds.extend(
        Feed(
            series_feed(position.name),
            f"{project}: {position.name}",
            position.landing,
            chosen(model.PostFilter(series=position.name, limit=limit)),
        )
        for position in sorted(series_names.values(), key=lambda p: p.key)
    )
    feeds.extend(
        Feed(
            category_feed(name),
            f"{project}: {name}",
            category_page(app.config, name),
            chosen(model.PostFilter(category=name, limit=limit)),
        )
        for name in model.categories(posts).values()
    )
    return feeds


def _midnight(date: dt.date) -> dt.datetime:
    return dt.datetime(date.year, date.month, date.day, tzinfo=dt.UTC)


def _write_feed(app: Sphinx, feed: Feed, root: str) -> None:
    from feedgen.feed import FeedGenerator

    builder = app.builder
    generator = FeedGenerator()
    feed_url = root + feed.path
    generator.id(feed_url)
    generator.title(feed.title)
    generator.link(href=feed_url, rel="self", type=ATOM_TYPE)
    page = feed.page if feed.page is not None else app.config.root_doc
    generator.link(href=root + builder.get_target_uri(page), rel="alternate", type="text/html")
    generator.author({"name": default_author(app.config) or str(app.config.project)})
    generator.language(language_tag(app.config.language))
    newest = max((post.last_changed for post in feed.posts), default=dt.date(1970, 1, 1))
    generator.updated(_midnight(newest))
    for post in feed.posts:
        url = root + builder.get_target_uri(post.docname)
        title = app.env.titles.get(post.docname)
        entry = generator.add_entry(order="append")
        entry.id(url)
        entry.title(title.astext() if title is not None else post.docname)
        entry.link(href=url, rel="alternate", type="text/html")
        entry.published(_midnight(post.date))
        entry.updated(_midnight(post.last_changed))
        for author in post.authors:
            entry.author({"name": author})
        if post.description:
            entry.summary(post.description)
        for name in post.categories:
            entry.category(term=model.slugify(name), label=name)
    target = app.outdir / feed.path
    target.parent.mkdir(parents=True, exist_ok=True)
    generator.atom_file(str(target), pretty=True)


def write_feeds(app: Sphinx, exception: BaseException | None) -> None:
    """Write every feed after a successful HTML build (``build-finished``)."""
    if exception is not None or not _can_write(app):
        return
    root = base_url(app)
    for feed in plan_feeds(app):
        _write_feed(app, feed, root)


def feeds_of_page(app: Sphinx, pagename: str, feeds: Iterable[Feed]) -> list[Feed]:
    """Return the feeds a page links to: the blog's, and the series' or category's it belongs to."""
    positions = _series.positions(app, app.env)
    position = positions.get(pagename)
    own_series = series_feed(position.name) if position is not None else None
    return [feed for feed in feeds if feed.path in {BLOG_FEED, own_series} or feed.page == pagename]


def link_tags(feeds: Sequence[Feed], root: str) -> str:
    """Return ``<link rel="alternate">`` tags for *feeds*."""
    return "".join(
        f'<link rel="alternate" type="{ATOM_TYPE}" title="{html.escape(feed.title)}" '
        f'href="{html.escape(root + feed.path)}" />\n'
        for feed in feeds
    )


def link_feeds(
    app: Sphinx,
    pagename: str,
    templatename: str,
    context: dict[str, Any],
    doctree: nodes.document | None,
) -> None:
    """Add the page's feed links to its head (``html-page-context``)."""
    if not _can_write(app):
        return
    planned = _PLANNED.get(app.builder)
    if planned is None:
        planned = _PLANNED[app.builder] = plan_feeds(app)
    linked = feeds_of_page(app, pagename, planned)
    context["metatags"] = context.get("metatags", "") + link_tags(linked, base_url(app))
