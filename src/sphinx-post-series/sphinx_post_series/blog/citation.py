"""The "Cite this post" section: the post's own APA 7 reference (with sphinx-apa7 only)."""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from docutils import nodes
    from sphinx.application import Sphinx

    from sphinx_post_series.blog import model
    from sphinx_post_series.blog.render import Linker


def cite_this_post(app: Sphinx, post: model.BlogPost, linker: Linker) -> nodes.Node | None:
    """Return the "Cite this post" section of *post*, or None where it cannot be made."""
    return None
