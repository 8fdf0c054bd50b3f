"""One place that turns problems into located, typed, suppressible Sphinx warnings."""

from __future__ import annotations

from typing import TYPE_CHECKING

from sphinx.util import logging

from sphinx_post_series.warnings_ import WARNING_TYPE

if TYPE_CHECKING:
    from sphinx_post_series.model import Issue
    from sphinx_post_series.warnings_ import SeriesWarning

logger = logging.getLogger(__name__)


def warn(subtype: SeriesWarning, message: str, docname: str, line: int) -> None:
    """Log *message* as ``series.<subtype>`` at ``docname:line``."""
    logger.warning(message, type=WARNING_TYPE, subtype=subtype.value, location=(docname, line))


def report(issue: Issue) -> None:
    """Log a problem found by the model."""
    warn(issue.subtype, issue.message, issue.docname, issue.line)
