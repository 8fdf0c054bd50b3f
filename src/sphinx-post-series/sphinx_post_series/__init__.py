"""Series navigation for Sphinx blogs: "Part N of M", the list of parts and previous/next links."""

from __future__ import annotations

from typing import TYPE_CHECKING

__version__ = "0.1.0"

if TYPE_CHECKING:
    from sphinx.application import Sphinx
    from sphinx.util.typing import ExtensionMetadata


def setup(app: Sphinx) -> ExtensionMetadata:
    """Register the series extension with Sphinx."""
    from sphinx_post_series import _collector, _config, _directives, _theme, _transforms, nodes
    from sphinx_post_series._i18n import CATALOG, LOCALE_DIR

    app.require_sphinx("8.1")
    _config.add_config_values(app)
    app.connect("config-inited", _config.validate_config, priority=400)
    nodes.add_nodes(app)
    app.add_directive("series", _directives.SeriesDirective)
    app.add_directive("series-contents", _directives.SeriesContentsDirective)
    app.add_directive("series-index", _directives.SeriesIndexDirective)
    app.add_env_collector(_collector.SeriesCollector)
    # Late, so the front matter is read as the other handlers left the source.
    app.connect("source-read", _collector.capture_source, priority=900)
    app.connect("env-check-consistency", _collector.check_consistency)
    app.connect("doctree-resolved", _collector.note_written)
    app.connect("build-finished", _collector.record_written)
    app.add_post_transform(_transforms.RenderSeries)
    app.add_message_catalog(CATALOG, str(LOCALE_DIR))
    if hasattr(app, "add_static_dir"):  # Sphinx 9.1+
        app.add_static_dir(_theme.STATIC_DIR)
    else:
        app.connect("builder-inited", _theme.add_static_dir)
    app.add_css_file(_theme.STYLESHEET)
    app.connect("html-page-context", _theme.follow_series_order)
    return {
        "version": __version__,
        # Bump whenever the data stored on the environment changes shape.
        "env_version": 3,
        "parallel_read_safe": True,
        "parallel_write_safe": True,
    }
