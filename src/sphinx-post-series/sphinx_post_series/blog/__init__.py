"""Blog features for Sphinx: bylines, post lists, category pages and Atom feeds.

A separate extension (``sphinx_post_series.blog``) that works alone or beside the series
extension (``sphinx_post_series``), whose series it then shows in lists and feeds.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from sphinx_post_series import __version__

if TYPE_CHECKING:
    from sphinx.application import Sphinx
    from sphinx.util.typing import ExtensionMetadata


def setup(app: Sphinx) -> ExtensionMetadata:
    """Register the blog extension with Sphinx."""
    from sphinx_post_series._collector import capture_source
    from sphinx_post_series.blog import (
        _config,
        _directives,
        _feeds,
        _pages,
        _social,
        _theme,
        _transforms,
        nodes,
    )
    from sphinx_post_series.blog._collector import BlogCollector
    from sphinx_post_series.blog._i18n import CATALOG, LOCALE_DIR

    app.require_sphinx("8.1")
    _config.add_config_values(app)
    app.connect("config-inited", _config.validate_config, priority=400)
    nodes.add_nodes(app)
    app.add_directive("post-list", _directives.PostListDirective)
    app.add_env_collector(BlogCollector)
    # The series extension's reader of the front matter needs the source; with both
    # extensions loaded it is kept twice, the same way.
    app.connect("source-read", capture_source, priority=900)
    app.add_post_transform(_transforms.RenderBlog)
    app.add_message_catalog(CATALOG, str(LOCALE_DIR))
    _theme.add_stylesheet(app)
    app.connect("html-collect-pages", _pages.collect_category_pages)
    app.connect("builder-inited", _feeds.check_feed_settings)
    app.connect("html-page-context", _feeds.link_feeds)
    app.connect("build-finished", _feeds.write_feeds)
    app.connect("html-page-context", _social.add_post_metadata, priority=_social.PRIORITY)
    return {
        "version": __version__,
        # Bump whenever the data stored on the environment changes shape.
        "env_version": 1,
        "parallel_read_safe": True,
        "parallel_write_safe": True,
    }
