"""The warning type and subtypes this extension emits.

Every warning is logged as ``type="series"`` with one of the subtypes below, so readers can
silence one problem with ``suppress_warnings = ["series.<subtype>"]`` or all with ``"series"``.
This module has no Sphinx imports: the pure model reports problems with these subtypes too.
"""

from __future__ import annotations

import enum

WARNING_TYPE = "series"


class SeriesWarning(enum.Enum):
    """Subtypes of ``series`` warnings; each is documented in the reference page."""

    INVALID_PART = "invalid_part"
    """``series_part`` is not a positive whole number."""
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
    CONFIG = "config"
    """A ``series_*`` configuration value is out of range."""
