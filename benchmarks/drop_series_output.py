"""A tiny Sphinx extension that throws the series output away just before pages are written.

The benchmark sites load it when ``BENCH_DROP_SERIES_OUTPUT=1`` (with the series extension).
The extension then does all of its work (collecting, resolving every series, rendering the
boxes and resolving their links, the theme's previous/next), but the page bodies it writes are
those of the site without it (the stylesheet link and the series' ``<link rel>`` stay in each
page's head). Timing this variant splits the overhead in two: the extension's own work, and
the cost of Sphinx writing the navigation it adds to every page.

It records the nodes the extension's render functions return and removes exactly those, so it
adds no walk over the pages' nodes of its own.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from sphinx.transforms.post_transforms import SphinxPostTransform

from sphinx_post_series import _render as render
from sphinx_post_series._transforms import RenderSeries

if TYPE_CHECKING:
    from collections.abc import Callable

    from docutils import nodes
    from sphinx.application import Sphinx

_rendered: list[nodes.Node] = []


def _recording(function: Callable[..., nodes.Node]) -> Callable[..., nodes.Node]:
    def wrapper(*args: Any, **kwargs: Any) -> nodes.Node:
        node = function(*args, **kwargs)
        _rendered.append(node)
        return node

    return wrapper


class DropSeriesOutput(SphinxPostTransform):
    """Remove what the extension's render transform just put in the page."""

    default_priority = RenderSeries.default_priority + 1

    def run(self, **kwargs: Any) -> None:
        for node in _rendered:
            if node.parent is not None:
                node.parent.remove(node)
        _rendered.clear()


def setup(app: Sphinx) -> dict[str, Any]:
    # The render transform looks these up on the module each time it renders a box.
    for name in ("top_box", "bottom_box", "contents", "index"):
        setattr(render, name, _recording(getattr(render, name)))
    app.add_post_transform(DropSeriesOutput)
    return {"version": "1", "parallel_read_safe": True, "parallel_write_safe": True}
