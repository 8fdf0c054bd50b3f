"""The ``post-list`` directive: a placeholder carrying its filters, rendered at write time."""

from __future__ import annotations

from typing import TYPE_CHECKING, ClassVar

from docutils.parsers.rst import directives
from sphinx.util.docutils import SphinxDirective

from sphinx_post_series.blog import model
from sphinx_post_series.blog._warnings import BlogWarning, warn
from sphinx_post_series.blog.nodes import blog_placeholder

if TYPE_CHECKING:
    from docutils import nodes
    from sphinx.util.typing import OptionSpec


class PostListDirective(SphinxDirective):
    """List posts newest first, optionally filtered, limited and grouped by year."""

    option_spec: ClassVar[OptionSpec] = {
        "category": directives.unchanged,
        "tag": directives.unchanged,
        "series": directives.unchanged,
        # Parsed here rather than by docutils, so a bad value is a typed, suppressible warning.
        "limit": directives.unchanged,
        "by-year": directives.flag,
    }

    def run(self) -> list[nodes.Node]:
        """Return a ``post-list`` placeholder."""
        limit = 0
        text = self.options.get("limit", "0").strip()
        if text.isdecimal():
            limit = int(text)
        else:
            warn(
                BlogWarning.INVALID_OPTION,
                f"post-list :limit: must be a whole number, not {text!r}; listing every post",
                self.env.docname,
                self.lineno,
            )
        post_filter = model.PostFilter(
            category=" ".join(self.options.get("category", "").split()),
            tag=" ".join(self.options.get("tag", "").split()),
            series=" ".join(self.options.get("series", "").split()),
            limit=limit,
        )
        node = blog_placeholder(
            kind="post-list",
            docname=self.env.docname,
            filter=post_filter,
            by_year="by-year" in self.options,
        )
        self.set_source_info(node)
        return [node]
