"""Series navigation for Sphinx blogs: "Part N of M", the list of parts and previous/next links."""

from __future__ import annotations

from typing import TYPE_CHECKING

__version__ = "0.1.0"

if TYPE_CHECKING:
    from sphinx.application import Sphinx
    from sphinx.util.typing import ExtensionMetadata


def setup(app: Sphinx) -> ExtensionMetadata:
    """Register the series extension with Sphinx."""
    from sphinx_post_series import config, directives, nodes, theme, transforms
    from sphinx_post_series._i18n import CATALOG, LOCALE_DIR
    from sphinx_post_series.collector import SeriesCollector, check_consistency

    app.require_sphinx("8.1")
    config.add_config_values(app)
    app.connect("config-inited", config.validate_config, priority=400)
    nodes.add_nodes(app)
    app.add_directive("series", directives.SeriesDirective)
    app.add_directive("series-contents", directives.SeriesContentsDirective)
    app.add_directive("series-index", directives.SeriesIndexDirective)
    app.add_env_collector(SeriesCollector)
    app.connect("env-check-consistency", check_consistency)
    app.add_post_transform(transforms.RenderSeries)
    app.add_post_transform(transforms.RenderSeriesForHtml)
    app.add_message_catalog(CATALOG, str(LOCALE_DIR))
    if hasattr(app, "add_static_dir"):  # Sphinx 9.1+
        app.add_static_dir(theme.STATIC_DIR)
    else:
        app.connect("builder-inited", theme.add_static_dir)
    app.add_css_file(theme.STYLESHEET)
    app.connect("html-page-context", theme.follow_series_order)
    return {
        "version": __version__,
        # Bump whenever the data stored on the environment changes shape.
        "env_version": 2,
        "parallel_read_safe": True,
        "parallel_write_safe": True,
    }
