"""The warning type and subtypes the blog extension emits, and the one function that emits them.

Every warning is logged as ``type="blog"`` with one of the subtypes below, so writers can
silence one problem with ``suppress_warnings = ["blog.<subtype>"]`` or all with ``"blog"``.
Sphinx is imported only when a warning is actually logged, so the pure model may name these
subtypes too.
"""

from __future__ import annotations

import enum
import functools
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from sphinx.util.logging import SphinxLoggerAdapter

WARNING_TYPE = "blog"


class BlogWarning(enum.Enum):
    """Subtypes of ``blog`` warnings; each is documented in the reference page."""

    INVALID_DATE = "invalid_date"
    """``date`` or ``updated`` is not an ISO date (``YYYY-MM-DD``)."""
    UPDATED_BEFORE_DATE = "updated_before_date"
    """``updated`` is earlier than ``date``."""
    INVALID_CATEGORY = "invalid_category"
    """``category`` is neither a name nor a list of names."""
    INVALID_TAGS = "invalid_tags"
    """``tags`` is neither a name nor a list of names."""
    INVALID_AUTHOR = "invalid_author"
    """``author`` is neither a name nor a list of names."""
    INVALID_DESCRIPTION = "invalid_description"
    """``description`` is empty, or not text (a list, a mapping, true/false)."""
    NOT_A_POST = "not_a_post"
    """A page without ``date`` sets a key only posts use (``category``, ``tags``, ``updated``)."""
    UNKNOWN_KEY = "unknown_key"
    """A post's front matter has a key no loaded extension reads (a typo such as ``catgory``)."""
    INVALID_OPTION = "invalid_option"
    """A ``post-list`` option has a value the directive cannot use."""
    NO_BASEURL = "no_baseurl"
    """``html_baseurl`` is empty, so no feeds are written (feeds need absolute links)."""
    NO_FEEDGEN = "no_feedgen"
    """The ``feedgen`` library is not installed, so no feeds are written."""
    CONFIG = "config"
    """A ``blog_*`` configuration value is out of range."""


@functools.cache
def _logger() -> SphinxLoggerAdapter:
    from sphinx.util import logging

    return logging.getLogger("sphinx_post_series.blog")


def warn(subtype: BlogWarning, message: str, docname: str | None = None, line: int = 1) -> None:
    """Log *message* as ``blog.<subtype>``, at ``docname:line`` when a document is given.

    Without a document (a configuration or build-wide problem) the warning has no location.
    """
    location = (docname, line) if docname is not None else None
    _logger().warning(message, type=WARNING_TYPE, subtype=subtype.value, location=location)
