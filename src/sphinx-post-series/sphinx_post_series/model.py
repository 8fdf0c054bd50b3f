"""The series model: parsing, ordering and checking, with no Sphinx in it.

Everything here works on plain, frozen, picklable data so the build environment can store it
and unit tests can exercise it without building a project.

Ordering rule (stable, documented for writers):

1. a post with ``series_part: N`` is part N;
2. an announced part N (a ``N. Working title`` line of the ``series`` directive) is part N
   unless a post claims N, in which case the announcement steps aside silently;
3. posts without ``series_part`` fill the remaining numbers from 1 upwards, ordered by
   ``date`` (undated posts last), then by docname.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from itertools import groupby
from typing import TYPE_CHECKING

from sphinx_post_series.warnings_ import SeriesWarning

if TYPE_CHECKING:
    from collections.abc import Iterable, Mapping, Sequence

_ANNOUNCEMENT = re.compile(r"^\s*(\d+)[.)]\s+(\S.*?)\s*$")


def normalise_name(name: str) -> str:
    """Collapse runs of whitespace so ``"Healthy  Intimacy "`` reads ``"Healthy Intimacy"``."""
    return " ".join(name.split())


def series_key(name: str) -> str:
    """Return the identity of a series: names equal up to case and spacing are one series.

    "Healthy Intimacy", "healthy  intimacy" and "HealthyIntimacy" are one series (and all
    but the canonical spelling get a ``name_mismatch`` warning), not three.
    """
    return "".join(name.split()).casefold()


def parse_part(value: str) -> int:
    """Parse a ``series_part`` value; raise ``ValueError`` unless it is a positive integer."""
    text = value.strip()
    if not text.isdecimal() or int(text) < 1:
        msg = f"series_part must be a positive whole number, not {value!r}"
        raise ValueError(msg)
    return int(text)


def parse_date(value: str) -> dt.date:
    """Parse an ISO date (``YYYY-MM-DD``); raise ``ValueError`` otherwise."""
    try:
        return dt.date.fromisoformat(value.strip())
    except ValueError:
        msg = f"date must be an ISO date (YYYY-MM-DD), not {value!r}"
        raise ValueError(msg) from None


def parse_announcement(line: str) -> tuple[int, str]:
    """Parse ``"N. Working title"`` into ``(N, "Working title")``; raise ``ValueError``."""
    match = _ANNOUNCEMENT.match(line)
    if match is None or int(match[1]) < 1:
        msg = f'expected "N. Working title", got {line.strip()!r}'
        raise ValueError(msg)
    return int(match[1]), match[2]


@dataclass(frozen=True)
class Post:
    """A document that belongs to a series, as its front matter says."""

    docname: str
    name: str
    part: int | None = None
    date: dt.date | None = None
    description: str = ""
    has_invalid_part: bool = False
    """The post had a ``series_part`` that was rejected (already reported)."""


@dataclass(frozen=True)
class Announcement:
    """A part announced on the landing page before it is written."""

    part: int
    title: str
    line: int


@dataclass(frozen=True)
class Declaration:
    """A ``series`` directive: the landing page of a series."""

    docname: str
    name: str
    line: int
    description: str = ""
    announcements: tuple[Announcement, ...] = ()


@dataclass(frozen=True)
class Part:
    """One numbered entry of a series: a written post or an announced part."""

    number: int
    docname: str | None
    title: str
    description: str = ""
    date: dt.date | None = None

    @property
    def is_announced(self) -> bool:
        """Whether this part is announced on the landing page but not written yet."""
        return self.docname is None


@dataclass(frozen=True)
class Series:
    """The resolved layout of one series, ordered by part number."""

    key: str
    name: str
    parts: tuple[Part, ...]
    landing: str | None = None
    description: str = ""

    @property
    def total(self) -> int:
        """The number shown as M in "Part N of M"; announced parts count."""
        return self.parts[-1].number if self.parts else 0

    @property
    def members(self) -> tuple[str, ...]:
        """Docnames of the written posts, in series order."""
        return tuple(part.docname for part in self.parts if part.docname is not None)

    def index_of(self, docname: str) -> int | None:
        """Return the index of *docname* in :attr:`parts`, or None if it is not a member."""
        for index, part in enumerate(self.parts):
            if part.docname == docname:
                return index
        return None

    def neighbours(self, docname: str) -> tuple[Part | None, Part | None]:
        """Return the previous and next parts of *docname* (either may be announced)."""
        index = self.index_of(docname)
        if index is None:
            return None, None
        previous = self.parts[index - 1] if index > 0 else None
        following = self.parts[index + 1] if index + 1 < len(self.parts) else None
        return previous, following


@dataclass(frozen=True)
class Issue:
    """A problem found in the series data, to be reported at ``docname:line``."""

    subtype: SeriesWarning
    message: str
    docname: str
    line: int


@dataclass(frozen=True)
class Segment:
    """A run of parts in a post's list of parts; folded runs are collapsed in HTML."""

    parts: tuple[Part, ...]
    is_folded: bool = False


def _date_order(post: Post) -> tuple[bool, dt.date, str]:
    return (post.date is None, post.date or dt.date.min, post.docname)


def build_series(
    posts: Iterable[Post],
    declarations: Iterable[Declaration],
    titles: Mapping[str, str],
) -> tuple[dict[str, Series], list[Issue]]:
    """Resolve every series from its posts and declarations.

    *titles* maps docnames to their current plain-text titles. Returns the series by
    :func:`series_key` (in key order) and the problems found, each reported once.
    """
    posts_by_key: dict[str, list[Post]] = {}
    for post in sorted(posts, key=lambda p: p.docname):
        posts_by_key.setdefault(series_key(post.name), []).append(post)
    declarations_by_key: dict[str, list[Declaration]] = {}
    for declaration in sorted(declarations, key=lambda d: (d.docname, d.line)):
        declarations_by_key.setdefault(series_key(declaration.name), []).append(declaration)

    result: dict[str, Series] = {}
    issues: list[Issue] = []
    for key in sorted(posts_by_key.keys() | declarations_by_key.keys()):
        series, found = _build_one(
            key, posts_by_key.get(key, []), declarations_by_key.get(key, []), titles
        )
        result[key] = series
        issues.extend(found)
    return result, issues


def _build_one(
    key: str,
    posts: list[Post],
    declarations: list[Declaration],
    titles: Mapping[str, str],
) -> tuple[Series, list[Issue]]:
    issues: list[Issue] = []
    declaration = declarations[0] if declarations else None
    issues.extend(
        Issue(
            SeriesWarning.DUPLICATE_DECLARATION,
            f"series {extra.name!r} is already declared in {declaration.docname!r}",
            extra.docname,
            extra.line,
        )
        for extra in declarations[1:]
        if declaration is not None
    )
    name = normalise_name(declaration.name if declaration else posts[0].name)
    issues.extend(
        Issue(
            SeriesWarning.NAME_MISMATCH,
            f"series name {post.name!r} differs from {name!r} only in case or spacing",
            post.docname,
            1,
        )
        for post in posts
        if post.name != name
    )

    slots: dict[int, Part] = {}
    overflow: list[Post] = []
    numbered = sorted(
        (p for p in posts if p.part is not None),
        key=lambda p: (p.part, *_date_order(p)),
    )
    for post in numbered:
        assert post.part is not None  # filtered above; narrows for mypy
        holder = slots.get(post.part)
        if holder is not None:
            issues.append(
                Issue(
                    SeriesWarning.DUPLICATE_PART,
                    f"part {post.part} of series {name!r} is already {holder.docname!r}",
                    post.docname,
                    1,
                )
            )
            overflow.append(post)
            continue
        slots[post.part] = _part_of(post, post.part, titles)

    announced: dict[int, Announcement] = {}
    for announcement in declaration.announcements if declaration else ():
        if announcement.part in announced:
            issues.append(
                Issue(
                    SeriesWarning.ANNOUNCED_COLLISION,
                    f"part {announcement.part} of series {name!r} is announced twice",
                    declaration.docname if declaration else "",
                    announcement.line,
                )
            )
            continue
        announced[announcement.part] = announcement
        # A post claiming an announced number replaces the announcement silently:
        # publishing a part is adding one file.
        if announcement.part not in slots:
            slots[announcement.part] = Part(announcement.part, None, announcement.title)

    unnumbered = sorted((p for p in posts if p.part is None), key=_date_order)
    plain = [p for p in unnumbered if not p.has_invalid_part]
    if numbered and plain:
        issues.append(
            Issue(
                SeriesWarning.AMBIGUOUS_ORDER,
                f"series {name!r} mixes posts with and without series_part; "
                "give every post a series_part",
                plain[0].docname,
                1,
            )
        )
    free = 1
    for post in [*unnumbered, *overflow]:
        while free in slots:
            free += 1
        slots[free] = _part_of(post, free, titles)

    parts = tuple(slots[number] for number in sorted(slots))
    issues.extend(_find_gaps(name, parts, declaration, announced))
    series = Series(
        key=key,
        name=name,
        parts=parts,
        landing=declaration.docname if declaration else None,
        description=declaration.description if declaration else "",
    )
    return series, issues


def _part_of(post: Post, number: int, titles: Mapping[str, str]) -> Part:
    title = titles.get(post.docname, post.docname)
    return Part(number, post.docname, title, post.description, post.date)


def _find_gaps(
    name: str,
    parts: Sequence[Part],
    declaration: Declaration | None,
    announced: Mapping[int, Announcement],
) -> list[Issue]:
    issues = []
    expected = 1
    for part in parts:
        if part.number > expected:
            missing = (
                str(expected) if part.number - expected == 1 else f"{expected}-{part.number - 1}"
            )
            if part.docname is not None:
                docname, line = part.docname, 1
            else:
                assert declaration is not None  # announced parts come from one
                docname, line = declaration.docname, announced[part.number].line
            issues.append(
                Issue(
                    SeriesWarning.GAP,
                    f"series {name!r} has no part {missing} before part {part.number}; "
                    "write or announce it, or renumber",
                    docname,
                    line,
                )
            )
        expected = part.number + 1
    return issues


def fold(parts: Sequence[Part], current: int, threshold: int = 7) -> list[Segment]:
    """Split a post's list of parts into shown and folded segments.

    Series of at most *threshold* parts are shown whole. Longer ones show the first two
    parts, the parts around *current* (an index into *parts*) and the last two; each other
    run of two or more parts becomes one folded segment.
    """
    count = len(parts)
    if count <= threshold:
        return [Segment(tuple(parts))]
    shown = {0, 1, count - 2, count - 1, current - 1, current, current + 1}
    hidden = [index not in shown for index in range(count)]
    # Folding a single part saves nothing: show it instead.
    for index in range(count):
        lone = hidden[index] and not (
            (index > 0 and hidden[index - 1]) or (index + 1 < count and hidden[index + 1])
        )
        if lone:
            hidden[index] = False
    segments = []
    start = 0
    for is_folded, run in groupby(range(count), key=lambda i: hidden[i]):
        length = len(list(run))
        segments.append(Segment(tuple(parts[start : start + length]), is_folded))
        start += length
    return segments


def consecutive_runs(parts: Sequence[Part]) -> list[tuple[Part, ...]]:
    """Split *parts* where numbers skip, so each run can be one list starting at its number."""
    runs: list[list[Part]] = []
    for part in parts:
        if runs and runs[-1][-1].number + 1 == part.number:
            runs[-1].append(part)
        else:
            runs.append([part])
    return [tuple(run) for run in runs]
