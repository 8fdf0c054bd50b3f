"""The warning type and subtypes this extension emits, and the one function that emits them.

Every warning is logged as ``type="series"`` with one of the subtypes below, so readers can
silence one problem with ``suppress_warnings = ["series.<subtype>"]`` or all with ``"series"``.
The pure model reports problems with these subtypes too, so Sphinx is imported only when a
warning is actually logged.
"""

from __future__ import annotations

import enum
import functools
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from sphinx.util.logging import SphinxLoggerAdapter

    from sphinx_post_series.model import Issue

WARNING_TYPE = "series"


class SeriesWarning(enum.Enum):
    """Subtypes of ``series`` warnings; each is documented in the reference page."""

    INVALID_PART = "invalid_part"
    """``series_part`` is not a whole number from 1 to :data:`~model.MAX_PART`."""
    DUPLICATE_PART = "duplicate_part"
    """Two posts claim the same part number."""
    GAP = "gap"
    """Part numbers skip a number that nothing (post or announcement) fills."""
    NAME_MISMATCH = "name_mismatch"
    """A series name differs from the series' canonical spelling in case or spacing."""
    ANNOUNCED_COLLISION = "announced_collision"
    """Two announcements in one declaration use the same part number."""
    MISSING_SERIES = "missing_series"
    """``series_part`` is set on a post that names no ``series``."""
    INVALID_DATE = "invalid_date"
    """``date`` is not an ISO date (``YYYY-MM-DD``)."""
    AMBIGUOUS_ORDER = "ambiguous_order"
    """A series mixes posts with ``series_part`` and posts without it."""
    INVALID_ANNOUNCEMENT = "invalid_announcement"
    """A line in a ``series`` directive is not ``N. Working title``."""
    DUPLICATE_DECLARATION = "duplicate_declaration"
    """A series is declared by more than one ``series`` directive."""
    UNKNOWN_SERIES = "unknown_series"
    """``series-contents`` names a series that no post or declaration uses."""
    INVALID_VALUE = "invalid_value"
    """A front-matter value is empty, not text (a list, a mapping, true/false) or not writable."""
    UNKNOWN_KEY = "unknown_key"
    """A front-matter key looks like a misspelt series key (``sereis``, ``series-part``)."""
    MISSING_TITLE = "missing_title"
    """A post of a series has no title; it is listed under its file name."""
    CONFIG = "config"
    """A ``series_*`` configuration value is out of range."""


Location = tuple[str, int] | str
"""Where a problem is: ``(docname, line)``, or ``"path:line"`` for a file that is no document."""


@functools.cache
def _logger() -> SphinxLoggerAdapter:
    from sphinx.util import logging

    return logging.getLogger("sphinx_post_series")


def warn(subtype: SeriesWarning, message: str, location: Location | None) -> None:
    """Log *message* as ``series.<subtype>`` at *location* (None: a configuration problem)."""
    _logger().warning(message, type=WARNING_TYPE, subtype=subtype.value, location=location)


def report(issue: Issue) -> None:
    """Log a problem found by the model."""
    location = f"{issue.source}:{issue.line}" if issue.source else (issue.docname, issue.line)
    warn(issue.subtype, issue.message, location)
