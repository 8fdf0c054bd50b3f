"""One place that turns problems into located, typed, suppressible Sphinx warnings."""

from __future__ import annotations

from typing import TYPE_CHECKING

from sphinx.util import logging

from sphinx_post_series.blog.warnings_ import WARNING_TYPE

if TYPE_CHECKING:
    from sphinx_post_series.blog.warnings_ import BlogWarning

logger = logging.getLogger(__name__)


def warn(subtype: BlogWarning, message: str, docname: str | None = None, line: int = 1) -> None:
    """Log *message* as ``blog.<subtype>``, at ``docname:line`` when a document is given."""
    location = (docname, line) if docname is not None else None
    logger.warning(message, type=WARNING_TYPE, subtype=subtype.value, location=location)
