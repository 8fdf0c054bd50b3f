"""The ``series``, ``series-contents`` and ``series-index`` directives.

Each returns only a placeholder carrying what the source says; the collector reads the
placeholders into the environment and the post-transform renders them at write time, so a
page listing a series is current even when the listed posts changed elsewhere.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, ClassVar

from docutils.parsers.rst import directives
from sphinx.util.docutils import SphinxDirective

from sphinx_post_series import model
from sphinx_post_series._report import warn
from sphinx_post_series.nodes import series_placeholder
from sphinx_post_series.warnings_ import SeriesWarning

if TYPE_CHECKING:
    from docutils import nodes
    from sphinx.util.typing import OptionSpec


def _placeholder(directive: SphinxDirective, kind: str, name: str = "") -> series_placeholder:
    node = series_placeholder(
        kind=kind,
        docname=directive.env.docname,
        name=model.normalise_name(name),
        series=model.series_key(name),
    )
    directive.set_source_info(node)
    return node


def _first_content_line(directive: SphinxDirective) -> int:
    """Return the 1-based source line of the directive's first content line."""
    # docutils passes content_offset as the absolute, 0-based line of the content, while
    # myst-parser passes it relative to the directive's line (myst_parser/parsers/
    # directives.py, parse_directive_text).
    if type(directive.state).__module__.startswith("myst_parser."):
        return directive.lineno + directive.content_offset + 1
    return directive.content_offset + 1


class SeriesDirective(SphinxDirective):
    """Declare a series on its landing page, announce unwritten parts, list its parts."""

    required_arguments = 1
    final_argument_whitespace = True
    has_content = True
    option_spec: ClassVar[OptionSpec] = {"description": directives.unchanged}

    def run(self) -> list[nodes.Node]:
        """Return a ``landing`` placeholder holding the declaration."""
        node = _placeholder(self, "landing", self.arguments[0])
        node["description"] = " ".join(self.options.get("description", "").split())
        announcements = []
        first_line = _first_content_line(self)
        for offset, text in enumerate(self.content):
            if not text.strip():
                continue
            line = first_line + offset
            try:
                part, title = model.parse_announcement(text)
            except ValueError as error:
                warn(
                    SeriesWarning.INVALID_ANNOUNCEMENT,
                    f"ignored line of series {node['name']!r}: {error}",
                    self.env.docname,
                    line,
                )
                continue
            announcements.append((part, title, line))
        node["announcements"] = announcements
        return [node]


class SeriesContentsDirective(SphinxDirective):
    """List the parts of the named series on any page."""

    required_arguments = 1
    final_argument_whitespace = True

    def run(self) -> list[nodes.Node]:
        """Return a ``contents`` placeholder."""
        return [_placeholder(self, "contents", self.arguments[0])]


class SeriesIndexDirective(SphinxDirective):
    """List every series of the site."""

    def run(self) -> list[nodes.Node]:
        """Return an ``index`` placeholder."""
        return [_placeholder(self, "index")]
