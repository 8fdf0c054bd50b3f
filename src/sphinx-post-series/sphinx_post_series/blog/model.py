"""The blog model: front-matter parsing, ordering and filtering, with no Sphinx in it.

A *post* is a document whose front matter has a valid ``date``. Everything here works on plain,
frozen, picklable data so the build environment can store it and unit tests can use it
without building a project.
"""

from __future__ import annotations

import json
import math
import re
import unicodedata
from dataclasses import dataclass
from functools import lru_cache
from itertools import groupby
from typing import TYPE_CHECKING

from sphinx_post_series import model as series_model

if TYPE_CHECKING:
    import datetime as dt
    from collections.abc import Iterable, Mapping

# Smart quotes (docutils turns ``author: ["A", "B"]`` into curly quotes before extensions see it).
_CURLY_QUOTES = str.maketrans({"\u201c": '"', "\u201d": '"', "\u201e": '"', "\u00ab": '"'})
_NOT_SLUG = re.compile(r"[^a-z0-9]+")


def parse_date(value: str, key: str = "date") -> dt.date:
    """Parse a date written ``YYYY-MM-DD``; raise ``ValueError`` for any other form.

    The series extension's rule (:func:`sphinx_post_series.model.parse_date`), so a ``date``
    is a date to both extensions or to neither; only the message names *key*.
    """
    try:
        return series_model.parse_date(value)
    except ValueError:
        msg = f"{key} must be an ISO date (YYYY-MM-DD), not {value!r}"
        raise ValueError(msg) from None


def parse_names(value: str, key: str) -> tuple[str, ...]:
    """Parse one name or a YAML list of names, as MyST hands them over (a string).

    MyST passes a list as JSON text (``'["A", "B"]'``). Names have their spacing normalised;
    a repeated name is kept once. Raise ``ValueError`` for an empty name or a value that
    is neither a name nor a list of names.
    """
    text = value.strip()
    items: list[object]
    if text.startswith("[") and text.endswith("]"):
        try:
            parsed = json.loads(text.translate(_CURLY_QUOTES))
        except json.JSONDecodeError:
            parsed = None
        if not isinstance(parsed, list):
            msg = f"{key} must be a name or a list of names, not {value!r}"
            raise ValueError(msg)
        items = parsed
    elif text.startswith("{"):
        msg = f"{key} must be a name or a list of names, not {value!r}"
        raise ValueError(msg)
    else:
        items = [text]
    names: list[str] = []
    for item in items:
        if not isinstance(item, str) or not item.strip():
            msg = f"{key} must be a name or a list of names, not {value!r}"
            raise ValueError(msg)
        name = " ".join(item.split())
        if name not in names:
            names.append(name)
    return tuple(names)


# Every feed, category page and post list asks for the slugs of every post's categories.
@lru_cache(maxsize=4096)
def slugify(name: str) -> str:
    """Return the URL form of a name: ``"Family Counseling"`` -> ``family-counseling``.

    Names that differ only in case, spacing, punctuation or accents share one slug, and so one
    category page.
    """
    ascii_name = unicodedata.normalize("NFKD", name).encode("ascii", "ignore").decode("ascii")
    return _NOT_SLUG.sub("-", ascii_name.casefold()).strip("-") or "untitled"


def reading_minutes(words: int, words_per_minute: int) -> int:
    """Return the reading time in whole minutes, never less than one."""
    return max(1, math.ceil(words / words_per_minute))


@dataclass(frozen=True)
class BlogPost:
    """What a post's front matter and text say, as collected while reading."""

    docname: str
    date: dt.date
    updated: dt.date | None = None
    categories: tuple[str, ...] = ()
    tags: tuple[str, ...] = ()
    authors: tuple[str, ...] = ()
    description: str = ""
    words: int = 0

    @property
    def last_changed(self) -> dt.date:
        """The later of ``date`` and ``updated``."""
        return max(self.date, self.updated or self.date)


@dataclass(frozen=True)
class SeriesPosition:
    """Where a post stands in its series (from the series extension, when it is loaded)."""

    name: str
    key: str
    number: int
    total: int
    landing: str | None = None


@dataclass(frozen=True)
class PostFilter:
    """Which posts a ``post-list`` shows: all three filters must match; 0 means no limit."""

    category: str = ""
    tag: str = ""
    series: str = ""
    limit: int = 0

    def matches(self, post: BlogPost, series: SeriesPosition | None) -> bool:
        """Whether *post* (standing at *series*) passes every filter."""
        if self.category and slugify(self.category) not in {slugify(c) for c in post.categories}:
            return False
        if self.tag and slugify(self.tag) not in {slugify(t) for t in post.tags}:
            return False
        return not self.series or (
            series is not None and slugify(series.name) == slugify(self.series)
        )


def newest_first(posts: Iterable[BlogPost]) -> list[BlogPost]:
    """Order *posts* newest first; posts of one day in docname order, so the order is stable."""
    by_name = sorted(posts, key=lambda post: post.docname)
    return sorted(by_name, key=lambda post: post.date, reverse=True)


def select_posts(
    posts: Iterable[BlogPost],
    post_filter: PostFilter,
    series: Mapping[str, SeriesPosition],
) -> list[BlogPost]:
    """Return the posts *post_filter* lets through, newest first, at most ``limit`` of them."""
    chosen = [p for p in newest_first(posts) if post_filter.matches(p, series.get(p.docname))]
    return chosen[: post_filter.limit] if post_filter.limit else chosen


def by_year(posts: Iterable[BlogPost]) -> list[tuple[int, list[BlogPost]]]:
    """Group posts (already newest first) by the year of their ``date``."""
    return [(year, list(group)) for year, group in groupby(posts, key=lambda p: p.date.year)]


def categories(posts: Iterable[BlogPost]) -> dict[str, str]:
    """Return every category by slug, spelled as the first post (in docname order) spells it."""
    found: dict[str, str] = {}
    for post in sorted(posts, key=lambda p: p.docname):
        for name in post.categories:
            found.setdefault(slugify(name), name)
    return dict(sorted(found.items()))
