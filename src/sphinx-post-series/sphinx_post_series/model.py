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
import unicodedata
from dataclasses import dataclass
from itertools import groupby
from typing import TYPE_CHECKING

from sphinx_post_series._warnings import SeriesWarning

if TYPE_CHECKING:
    from collections.abc import Iterable, Mapping, Sequence

MAX_PART = 9999
"""The largest part number (of a post or an announcement); larger numbers are rejected.

LaTeX counters overflow at 2**31 - 1, and no series is written in ten thousand parts.
"""

FRONT_MATTER_KEYS = frozenset({"series", "series_part", "date", "description"})
"""The front-matter keys this extension reads."""

# ASCII digits only: str.isdecimal() also accepts the Arabic-Indic and full-width digits.
_PART = re.compile(r"[0-9]+", re.ASCII)
_DATE = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}", re.ASCII)
_ANNOUNCEMENT = re.compile(r"^\s*([0-9]+)[.)]\s+(\S.*?)\s*$")


def normalise_name(name: str) -> str:
    """Return *name* in NFC with runs of whitespace collapsed.

    ``"Healthy  Intimacy "`` reads ``"Healthy Intimacy"``, and "é" typed as "e" plus a
    combining accent reads as the single character "é".
    """
    return " ".join(unicodedata.normalize("NFC", name).split())


def series_key(name: str) -> str:
    """Return the identity of a series: names equal up to case, spacing and Unicode form.

    "Healthy Intimacy", "healthy  intimacy" and "HealthyIntimacy" are one series (and all
    but the canonical spelling get a ``name_mismatch`` warning), not three; so are names
    that differ only in Unicode normalisation (NFC or NFD "é", "ﬁ" or "fi").
    """
    folded = unicodedata.normalize("NFKC", unicodedata.normalize("NFKC", name).casefold())
    return "".join(folded.split())


def parse_part(value: str) -> int:
    """Parse a ``series_part`` value: ASCII digits meaning 1 to :data:`MAX_PART`.

    Raise ``ValueError`` otherwise. Leading zeros are decimal: ``017`` is part 17.
    """
    text = value.strip()
    if _PART.fullmatch(text) is None or not 1 <= int(text) <= MAX_PART:
        msg = f"series_part must be a whole number from 1 to {MAX_PART}, not {value!r}"
        raise ValueError(msg)
    return int(text)


def parse_date(value: str) -> dt.date:
    """Parse a date written ``YYYY-MM-DD``; raise ``ValueError`` for any other form."""
    text = value.strip()
    try:
        if _DATE.fullmatch(text) is None:
            raise ValueError(text)  # fromisoformat also takes 20220713 and 2022-W28-3
        return dt.date.fromisoformat(text)
    except ValueError:
        msg = f"date must be an ISO date (YYYY-MM-DD), not {value!r}"
        raise ValueError(msg) from None


def parse_announcement(line: str) -> tuple[int, str]:
    """Parse ``"N. Working title"`` into ``(N, "Working title")``; raise ``ValueError``.

    N is a whole number from 1 to :data:`MAX_PART`.
    """
    match = _ANNOUNCEMENT.match(line)
    if match is None or not 1 <= int(match[1]) <= MAX_PART:
        msg = f'expected "N. Working title" with N from 1 to {MAX_PART}, got {line.strip()!r}'
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
    line: int = 1
    """The line of the ``series`` key, where cross-document problems are reported."""
    is_untitled: bool = False
    """The post has no title (already reported); it is listed under its docname."""


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
    only: tuple[str, ...] = ()
    """The conditions of the ``only`` directives around it; it counts where all of them hold."""
    source: str = ""
    """The file the directive is written in when an ``include`` brought it in, else empty."""


@dataclass(frozen=True)
class Part:
    """One numbered entry of a series: a written post or an announced part."""

    number: int
    docname: str | None
    title: str
    description: str = ""
    date: dt.date | None = None
    line: int = 1
    """Where a problem with this part is reported: its post's ``series`` line."""

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
    source: str = ""
    """The file the problem is in when it is not *docname*'s own (an included file)."""


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
    """Resolve one series: pick its declaration and name, then number its parts."""
    declaration = declarations[0] if declarations else None
    name = normalise_name(declaration.name if declaration else posts[0].name)
    issues = [*_extra_declarations(declarations), *_name_mismatches(name, posts)]
    slots: dict[int, Part] = {}
    numbered = sorted(
        (p for p in posts if p.part is not None), key=lambda p: (p.part, *_date_order(p))
    )
    overflow = _place_numbered(name, numbered, slots, titles, issues)
    announced = _place_announced(name, declaration, slots, issues)
    _place_unnumbered(name, posts, numbered, overflow, slots, titles, issues)
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


def _extra_declarations(declarations: Sequence[Declaration]) -> list[Issue]:
    """Report every declaration after the first (which makes the landing page)."""
    return [
        Issue(
            SeriesWarning.DUPLICATE_DECLARATION,
            f"series {extra.name!r} is already declared in {declarations[0].docname!r}",
            extra.docname,
            extra.line,
            extra.source,
        )
        for extra in declarations[1:]
    ]


def _name_mismatches(name: str, posts: Iterable[Post]) -> list[Issue]:
    """Report posts spelling the series name differently (case or spacing) from *name*."""
    return [
        Issue(
            SeriesWarning.NAME_MISMATCH,
            f"series name {post.name!r} differs from {name!r} only in case or spacing",
            post.docname,
            post.line,
        )
        for post in posts
        if unicodedata.normalize("NFC", post.name) != name
    ]


def _place_numbered(
    name: str,
    numbered: Sequence[Post],
    slots: dict[int, Part],
    titles: Mapping[str, str],
    issues: list[Issue],
) -> list[Post]:
    """Give each post with ``series_part`` its number; return those whose number is taken."""
    overflow: list[Post] = []
    for post in numbered:
        assert post.part is not None  # filtered by the caller; narrows for mypy
        holder = slots.get(post.part)
        if holder is not None:
            issues.append(
                Issue(
                    SeriesWarning.DUPLICATE_PART,
                    f"part {post.part} of series {name!r} is already {holder.docname!r}",
                    post.docname,
                    post.line,
                )
            )
            overflow.append(post)
            continue
        slots[post.part] = _part_of(post, post.part, titles)
    return overflow


def _place_announced(
    name: str,
    declaration: Declaration | None,
    slots: dict[int, Part],
    issues: list[Issue],
) -> dict[int, Announcement]:
    """Put announced parts in the numbers no post claims; return the announcements by number."""
    announced: dict[int, Announcement] = {}
    if declaration is None:
        return announced
    for announcement in declaration.announcements:
        if announcement.part in announced:
            issues.append(
                Issue(
                    SeriesWarning.ANNOUNCED_COLLISION,
                    f"part {announcement.part} of series {name!r} is announced twice",
                    declaration.docname,
                    announcement.line,
                    declaration.source,
                )
            )
            continue
        announced[announcement.part] = announcement
        # A post claiming an announced number replaces the announcement silently:
        # publishing a part is adding one file.
        if announcement.part not in slots:
            slots[announcement.part] = Part(announcement.part, None, announcement.title)
    return announced


def _place_unnumbered(
    name: str,
    posts: Sequence[Post],
    numbered: Sequence[Post],
    overflow: Sequence[Post],
    slots: dict[int, Part],
    titles: Mapping[str, str],
    issues: list[Issue],
) -> None:
    """Give the posts without a usable number the free numbers from 1, oldest first."""
    unnumbered = sorted((p for p in posts if p.part is None), key=_date_order)
    plain = [p for p in unnumbered if not p.has_invalid_part]
    if numbered and plain:
        issues.append(
            Issue(
                SeriesWarning.AMBIGUOUS_ORDER,
                f"series {name!r} mixes posts with and without series_part; "
                "give every post a series_part",
                plain[0].docname,
                plain[0].line,
            )
        )
    free = 1
    for post in [*unnumbered, *overflow]:
        while free in slots:
            free += 1
        slots[free] = _part_of(post, free, titles)


def _part_of(post: Post, number: int, titles: Mapping[str, str]) -> Part:
    title = post.docname if post.is_untitled else titles.get(post.docname, post.docname)
    return Part(number, post.docname, title, post.description, post.date, post.line)


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
            source = ""
            if part.docname is not None:
                docname, line = part.docname, part.line
            else:
                assert declaration is not None  # announced parts come from one
                docname, line = declaration.docname, announced[part.number].line
                source = declaration.source
            issues.append(
                Issue(
                    SeriesWarning.GAP,
                    f"series {name!r} has no part {missing} before part {part.number}; "
                    "write or announce it, or renumber",
                    docname,
                    line,
                    source,
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
