"""Doctree nodes: one placeholder left at read time and one HTML refinement at write time.

The output is built from standard docutils nodes so every builder renders it. The one thing
HTML needs beyond them is ``<time datetime=…>``: :class:`blog_time` subclasses ``inline`` with
an HTML visitor only, so LaTeX, text, man and texinfo render it as plain inline text
(Sphinx translators dispatch along the node's MRO).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from docutils import nodes

if TYPE_CHECKING:
    from sphinx.application import Sphinx
    from sphinx.writers.html5 import HTML5Translator


class blog_placeholder(nodes.General, nodes.Element):  # noqa: N801 -- docutils naming
    """Where blog output goes; replaced by the post-transform before writing.

    Attributes: ``kind`` (``byline``, ``post-list`` or ``cite``) and ``docname`` (the document
    it was read from: LaTeX and singlehtml merge documents, so the transform must not use the
    document being written). A ``post-list`` also carries its filter options.
    """


class blog_time(nodes.inline):  # noqa: N801
    """A date; HTML renders ``<time datetime="YYYY-MM-DD">``, others its text."""


def _skip(self: nodes.NodeVisitor, node: nodes.Element) -> None:
    # A placeholder that survives to writing (a builder that skips post-transforms) renders
    # as nothing rather than crashing the translator.
    raise nodes.SkipNode


def _visit_time_html(self: HTML5Translator, node: nodes.Element) -> None:
    attributes = {"datetime": node["datetime"]}
    self.body.append(self.starttag(node, "time", "", **attributes))


def _depart_time_html(self: HTML5Translator, node: nodes.Element) -> None:
    self.body.append("</time>")


def add_nodes(app: Sphinx) -> None:
    """Register the nodes; visitors are keyed by format only, never by builder name."""
    skip = (_skip, None)
    app.add_node(blog_placeholder, html=skip, latex=skip, text=skip, man=skip, texinfo=skip)
    app.add_node(blog_time, html=(_visit_time_html, _depart_time_html))
