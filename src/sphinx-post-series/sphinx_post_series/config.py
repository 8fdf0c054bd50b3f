"""Configuration: every ``series_*`` value declared once, on a typed, frozen dataclass."""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from sphinx_post_series._report import logger
from sphinx_post_series.warnings_ import WARNING_TYPE, SeriesWarning

if TYPE_CHECKING:
    from sphinx.application import Sphinx
    from sphinx.config import Config

PREFIX = "series_"


@dataclass(frozen=True)
class SeriesConfig:
    """Typed view of the ``series_*`` configuration values."""

    override_theme_neighbours: bool = field(
        default=True,
        metadata={
            # Only the HTML page context changes, which the 'html' category rewrites.
            "rebuild": "html",
            "types": frozenset({bool}),
            "description": "On series posts, make the theme's previous/next links "
            "(context['prev'] and context['next']) follow the series order.",
        },
    )
    fold_threshold: int = field(
        default=7,
        metadata={
            # Changes the boxes in every builder; only an 'env' change makes non-HTML
            # builders (text, LaTeX stays complete anyway) rewrite their pages.
            "rebuild": "env",
            "types": frozenset({int}),
            "description": "Series with more parts than this show a shortened list of "
            "parts on each post (the rest folded); must be at least 5.",
        },
    )


_MIN_FOLD_THRESHOLD = 5


def add_config_values(app: Sphinx) -> None:
    """Register each field of :class:`SeriesConfig` as ``series_<field>``."""
    for spec in dataclasses.fields(SeriesConfig):
        app.add_config_value(
            PREFIX + spec.name,
            spec.default,
            spec.metadata["rebuild"],
            types=spec.metadata["types"],
            description=spec.metadata["description"],
        )


def get_config(config: Config) -> SeriesConfig:
    """Return the typed view of *config*."""
    values: dict[str, Any] = {
        spec.name: getattr(config, PREFIX + spec.name) for spec in dataclasses.fields(SeriesConfig)
    }
    return SeriesConfig(**values)


def validate_config(app: Sphinx, config: Config) -> None:
    """Reset out-of-range values to their defaults, with a warning (``config-inited``)."""
    threshold = config.series_fold_threshold
    if not isinstance(threshold, int) or threshold < _MIN_FOLD_THRESHOLD:
        logger.warning(
            "series_fold_threshold must be an integer of at least %d, not %r; using 7",
            _MIN_FOLD_THRESHOLD,
            threshold,
            type=WARNING_TYPE,
            subtype=SeriesWarning.CONFIG.value,
        )
        config.series_fold_threshold = SeriesConfig.fold_threshold
