"""A tiny Sphinx extension that throws the series output away just before pages are written.

The benchmark sites load it when ``BENCH_DROP_SERIES_OUTPUT=1`` (with the series extension).
The extension then does all of its work (collecting, resolving every series, rendering the
boxes and resolving their links, the theme's previous/next) but the pages it writes are the
pages of the site without it. Timing this variant splits the overhead in two: the
extension's own work, and the cost of Sphinx writing the navigation it adds to every page.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from docutils import nodes
from sphinx.transforms.post_transforms import SphinxPostTransform

from sphinx_post_series.nodes import series_nav

if TYPE_CHECKING:
    from sphinx.application import Sphinx

# Rendered output that is not a series_nav box: a landing page's list and the series index.
_RENDERED_CLASSES = {"series-contents", "series-index"}


class DropSeriesOutput(SphinxPostTransform):
    """Remove what the extension's render transform (priority 5) put in the page."""

    default_priority = 6

    def run(self, **kwargs: Any) -> None:
        rendered = [
            node
            for node in self.document.findall(nodes.Element)
            if isinstance(node, series_nav) or _RENDERED_CLASSES & set(node["classes"])
        ]
        for node in rendered:
            node.parent.remove(node)


def setup(app: Sphinx) -> dict[str, Any]:
    app.add_post_transform(DropSeriesOutput)
    return {"version": "1", "parallel_read_safe": True, "parallel_write_safe": True}
