"""Series membership, read from the series extension when it is loaded beside this one."""

from __future__ import annotations

from typing import TYPE_CHECKING

from sphinx_post_series.blog.model import SeriesPosition

if TYPE_CHECKING:
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


def positions(app: Sphinx, env: BuildEnvironment) -> dict[str, SeriesPosition]:
    """Return where each series post stands, by docname; empty without the series extension."""
    if not has_series(app):
        return {}
    # The same distribution: the blog extension may read the series extension's own state.
    from sphinx_post_series._collector import resolve_series

    found: dict[str, SeriesPosition] = {}
    for series in resolve_series(env, app.tags).values():
        for part in series.parts:
            if part.docname is not None:
                found[part.docname] = SeriesPosition(
                    series.name, series.key, part.number, series.total, series.landing
                )
    return found
