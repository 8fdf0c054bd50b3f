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
from sphinx_post_series._warnings import SeriesWarning, warn
from sphinx_post_series.nodes import series_placeholder

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


def _content_line(directive: SphinxDirective, offset: int) -> tuple[str, int]:
    """Return the file and 1-based line of the directive's content line *offset*.

    The file is the one the directive is written in, which an ``include`` makes differ from
    the document being read.
    """
    source, line = directive.get_source_info()
    # myst-parser passes content_offset relative to the directive's line (myst_parser/
    # parsers/directives.py, parse_directive_text); docutils' content carries each line's
    # own file and 0-based line.
    if type(directive.state).__module__.startswith("myst_parser."):
        return source, (line or 1) + directive.content_offset + 1 + offset
    content_source, content_line = directive.content.info(offset)
    if content_source is None or content_line is None:
        return source, directive.content_offset + 1 + offset
    return content_source, content_line + 1


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
        for offset, text in enumerate(self.content):
            if not text.strip():
                continue
            source, line = _content_line(self, offset)
            try:
                part, title = model.parse_announcement(text)
            except ValueError as error:
                warn(
                    SeriesWarning.INVALID_ANNOUNCEMENT,
                    f"ignored line of series {node['name']!r}: {error}",
                    f"{source}:{line}",
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
