"""Configuration: every ``series_*`` value declared once, on a typed, frozen dataclass."""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from sphinx_post_series._warnings import SeriesWarning, warn

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
    known_front_matter_keys: tuple[str, ...] = field(
        default=(),
        metadata={
            # Only changes which warnings reading gives.
            "rebuild": "env",
            "types": frozenset({list, tuple}),
            "description": "Front-matter keys of the site or of other extensions that are "
            "never reported as misspelt series keys.",
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
    values["known_front_matter_keys"] = tuple(values["known_front_matter_keys"])
    return SeriesConfig(**values)


def validate_config(app: Sphinx, config: Config) -> None:
    """Reset out-of-range values to their defaults, with a warning (``config-inited``)."""
    threshold = config.series_fold_threshold
    if not isinstance(threshold, int) or threshold < _MIN_FOLD_THRESHOLD:
        warn(
            SeriesWarning.CONFIG,
            f"series_fold_threshold must be an integer of at least {_MIN_FOLD_THRESHOLD}, "
            f"not {threshold!r}; using 7",
            None,
        )
        config.series_fold_threshold = SeriesConfig.fold_threshold
    keys = config.series_known_front_matter_keys
    if not isinstance(keys, list | tuple) or not all(isinstance(key, str) for key in keys):
        warn(
            SeriesWarning.CONFIG,
            f"series_known_front_matter_keys must be a list of strings, not {keys!r}; using []",
            None,
        )
        config.series_known_front_matter_keys = ()
