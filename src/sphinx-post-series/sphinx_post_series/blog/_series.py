"""Series membership, read from the series extension when it is loaded beside this one."""

from __future__ import annotations

from types import MappingProxyType
from typing import TYPE_CHECKING, Any

from sphinx_post_series.blog.model import SeriesPosition

if TYPE_CHECKING:
    from collections.abc import Mapping

    from sphinx.application import Sphinx
    from sphinx.environment import BuildEnvironment

SERIES_EXTENSION = "sphinx_post_series"


def has_series(app: Sphinx) -> bool:
    """Whether the series extension is loaded (the blog extension also works without it)."""
    return SERIES_EXTENSION in app.extensions


def is_series_post(app: Sphinx, env: BuildEnvironment, docname: str) -> bool:
    """Whether the series extension read *docname* as a post of a series.

    It then has checked (and reported) the post's ``date`` and ``description`` already; its
    collector reads before the blog's.
    """
    if not has_series(app):
        return False
    from sphinx_post_series._collector import get_series_data

    return docname in get_series_data(env).posts


#: The series extension's resolved series (held, so it is not another object with its id)
#: and the positions made from them: every page and feed asks, and the series extension
#: keeps the same object until something changes.
_positions_made: tuple[Any, Mapping[str, SeriesPosition]] | None = None


def positions(app: Sphinx, env: BuildEnvironment) -> Mapping[str, SeriesPosition]:
    """Return where each series post stands, by docname; empty without the series extension."""
    global _positions_made
    if not has_series(app):
        return {}
    # The same distribution: the blog extension may read the series extension's own state.
    from sphinx_post_series._collector import resolve_series

    resolved = resolve_series(env, app.tags)
    if _positions_made is not None and _positions_made[0] is resolved:
        return _positions_made[1]
    found: dict[str, SeriesPosition] = {}
    for series in resolved.values():
        for part in series.parts:
            if part.docname is not None:
                found[part.docname] = SeriesPosition(
                    series.name, series.key, part.number, series.total, series.landing
                )
    _positions_made = (resolved, MappingProxyType(found))
    return _positions_made[1]
