"""Doctree nodes: one placeholder left at read time, three HTML refinements at write time.

Design: the output is built from standard docutils nodes so every builder renders it. The
node classes and the CSS classes of the boxes (see the reference page) are public. The
only things HTML needs beyond them are a ``<nav>`` landmark with an ``aria-label``,
``aria-current="page"`` and ``<details>`` folding. Each of those is a *subclass* of a
standard node with an HTML visitor only: Sphinx translators dispatch along the node's MRO
(``SphinxTranslator.dispatch_visit``), so LaTeX, text, man and texinfo render the parent
class (a topic, a strong, a container) with no extra code. ``rel`` on links needs no node:
Sphinx's HTML writer already emits a reference's ``rel`` attribute.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from docutils import nodes

if TYPE_CHECKING:
    from sphinx.application import Sphinx
    from sphinx.writers.html5 import HTML5Translator
    from sphinx.writers.texinfo import TexinfoTranslator


class series_placeholder(nodes.General, nodes.Element):  # noqa: N801 -- docutils naming
    """Where series output goes; replaced by the post-transform before writing.

    Attributes: ``docname`` (the document it was read from; LaTeX and singlehtml merge
    documents, so the transform must not use the document being written), ``kind`` (one of
    ``top``, ``bottom``, ``landing``, ``contents``, ``index``) and ``series`` (a key).
    """


class series_nav(nodes.topic):  # noqa: N801
    """A series box; HTML renders it as ``<nav aria-label=…>``, others as a topic."""


class series_current(nodes.strong):  # noqa: N801
    """The current part in a list of parts; HTML adds ``aria-current="page"``."""


class series_fold(nodes.container):  # noqa: N801
    """Parts folded away on long series; HTML uses ``<details>``, others show them all."""


def _skip(self: nodes.NodeVisitor, node: nodes.Element) -> None:
    # A placeholder that survives to writing (e.g. a builder that skips post-transforms)
    # renders as nothing rather than crashing the translator.
    raise nodes.SkipNode


def _visit_nav_html(self: HTML5Translator, node: nodes.Element) -> None:
    self.body.append(self.starttag(node, "nav", CLASS="topic", **{"aria-label": node["label"]}))


def _depart_nav_html(self: HTML5Translator, node: nodes.Element) -> None:
    self.body.append("</nav>\n")


def _visit_nav_texinfo(self: TexinfoTranslator, node: nodes.Element) -> None:
    # Sphinx's texinfo writer prints a topic's first child as its heading: the top box has
    # no title, so its one sentence would be printed twice, once as a heading.
    if isinstance(node[0], nodes.title):
        self.visit_topic(node)


def _depart_nav_texinfo(self: TexinfoTranslator, node: nodes.Element) -> None:
    self.depart_topic(node)


def _visit_current_html(self: HTML5Translator, node: nodes.Element) -> None:
    # The starttag stub types its 4th parameter as ``empty: bool``; attributes are fine.
    attributes = {"aria-current": "page"}
    self.body.append(self.starttag(node, "strong", "", **attributes))  # type: ignore[arg-type]


def _depart_current_html(self: HTML5Translator, node: nodes.Element) -> None:
    self.body.append("</strong>")


def _visit_fold_html(self: HTML5Translator, node: nodes.Element) -> None:
    self.body.append(self.starttag(node, "details", ""))
    self.body.append(f"<summary>{self.encode(node['summary'])}</summary>\n")


def _depart_fold_html(self: HTML5Translator, node: nodes.Element) -> None:
    self.body.append("</details>\n")


def add_nodes(app: Sphinx) -> None:
    """Register the nodes; visitors are keyed by format only, never by builder name."""
    skip = (_skip, None)
    app.add_node(series_placeholder, html=skip, latex=skip, text=skip, man=skip, texinfo=skip)
    app.add_node(
        series_nav,
        html=(_visit_nav_html, _depart_nav_html),
        texinfo=(_visit_nav_texinfo, _depart_nav_texinfo),
    )
    app.add_node(series_current, html=(_visit_current_html, _depart_current_html))
    app.add_node(series_fold, html=(_visit_fold_html, _depart_fold_html))
