"""Who and when a work is listed under, and how it is told apart from the site's other works.

An in-text citation depends on the other works of the whole site's bibliography, not only on
the works of one page: two works by the same authors in the same year get letters (APA 7
§8.19), two works that would both shorten to "Kim et al., 2019" name more authors (§8.18),
and first authors who share a surname get their initials (§8.20). `citation_forms` works this
out once for a set of works; `use_site_bibliography` makes one set the site's, so that every
page gives a work the same form.
"""

from __future__ import annotations

import re
import string
from dataclasses import dataclass
from itertools import groupby
from typing import TYPE_CHECKING, Any

from .persons import initials_text, persons_sort_key, plain_text, sort_text, surname_text

if TYPE_CHECKING:
    from collections.abc import Iterable, Sequence

# pybtex ships no type information; these aliases only document what a value is.
Entry = Any
Person = Any

NO_DATE = "n.d."
IN_PRESS = "in press"
#: Types whose works are parts of a larger whole: a title standing in for their author is
#: put in quotation marks, where a stand-alone work's is italic (APA 7 §8.14).
PART_TYPES = frozenset({"article", "incollection", "inbook", "inproceedings", "conference"})
#: biblatex's `pubstate` values meaning the work is accepted but not yet out.
_IN_PRESS_STATES = frozenset({"inpress", "in press", "forthcoming"})
# Leading articles are skipped when titles are alphabetized (APA 7 §9.47).
_LEADING_ARTICLE = re.compile(r"^(a|an|the)\s+", re.IGNORECASE)
_ISO_DATE = re.compile(r"^(\d{4})(?:-(\d{1,2}))?(?:-(\d{1,2}))?")


# -- Dates -------------------------------------------------------------------------------------


def publication_year(entry: Entry) -> str:
    """The year of `entry`: from `year` or a biblatex `date`, "in press", or "" when undated."""
    pubstate = str(entry.fields.get("pubstate", "")).strip().casefold()
    if pubstate in _IN_PRESS_STATES:
        return IN_PRESS
    if "year" in entry.fields:
        year = str(entry.fields["year"]).strip()
        return IN_PRESS if year.casefold() == IN_PRESS else year
    match = _ISO_DATE.match(str(entry.fields.get("date", "")))
    return match.group(1) if match else ""


def disambiguated_date(year: str, suffix: str) -> str:
    """The date of a citation with its letter: "2018a", "n.d.-a", "in press-b" (APA 7 §8.19)."""
    if not year:
        return f"{NO_DATE}-{suffix}" if suffix else NO_DATE
    if year == IN_PRESS and suffix:
        return f"{IN_PRESS}-{suffix}"
    return year + suffix


def iso_date_parts(entry: Entry) -> tuple[str, str]:
    """Month and day of a biblatex `date` ("2020-05-03" gives ("05", "03")), or empty strings."""
    match = _ISO_DATE.match(str(entry.fields.get("date", "")))
    if not match:
        return "", ""
    return match.group(2) or "", match.group(3) or ""


# -- Who a work is listed under ----------------------------------------------------------------


def lead_persons(entry: Entry) -> tuple[str, Sequence[Person]]:
    """The role a work is listed under: its authors, else its editors (APA 7 §9.10)."""
    for role in ("author", "editor"):
        if entry.persons.get(role):
            return role, entry.persons[role]
    return "", ()


def title_text(entry: Entry) -> str:
    """The title as plain text, braces removed: "Desire in Germany"."""
    return plain_text(str(entry.fields.get("title", "")))


def is_part(entry: Entry) -> bool:
    """True for an article, chapter or paper: a part of a larger work (APA 7 §8.14)."""
    return bool(entry.type.lower() in PART_TYPES)


# -- Reference-list order ----------------------------------------------------------------------


def title_sort_text(entry: Entry) -> str:
    """The title as it is alphabetized: no leading article, case and accents ignored."""
    return sort_text(_LEADING_ARTICLE.sub("", title_text(entry)))


def author_sort_key(entry: Entry) -> tuple[tuple[str, str], ...]:
    """The authors (or editors) letter by letter; a work without either, its title (§9.12)."""
    _, persons = lead_persons(entry)
    if persons:
        return persons_sort_key(persons)
    return ((title_sort_text(entry), ""),)


def year_sort_key(entry: Entry) -> tuple[int, str]:
    """Undated works first, then dated ones by year, then works in press (APA 7 §9.47)."""
    year = publication_year(entry)
    if not year:
        return (0, "")
    if year == IN_PRESS:
        return (2, "")
    return (1, year)


def reference_list_key(
    entry: Entry,
) -> tuple[tuple[tuple[str, str], ...], tuple[int, str], str]:
    """Where `entry` goes in an APA reference list: authors, then date, then title (§9.44-9.47)."""
    return (author_sort_key(entry), year_sort_key(entry), title_sort_text(entry))


def year_suffixes(entries: Sequence[Entry]) -> list[str]:
    """Letters for works by the same authors in the same year, in the order of `entries`.

    APA 7 §9.47 and §8.19: such works get "a", "b", ... ordered by title, in the reference
    list and in the text alike; a work alone in its group gets no letter.
    """
    suffixes = [""] * len(entries)
    positions = sorted(range(len(entries)), key=lambda index: reference_list_key(entries[index]))
    for _, group in groupby(
        positions,
        key=lambda index: (author_sort_key(entries[index]), publication_year(entries[index])),
    ):
        members = list(group)
        if len(members) > 1:
            for letter, index in zip(string.ascii_lowercase, members, strict=False):
                suffixes[index] = letter
    return suffixes


# -- Telling works apart in text ---------------------------------------------------------------


@dataclass(frozen=True)
class CitationForm:
    """What an in-text citation of a work shows beyond its authors' surnames and its year."""

    #: How many names come before "et al."; every name when it is at least their number.
    names_shown: int = 1
    #: Whether the first author's initials precede the surname ("A. Taylor", §8.20).
    first_initials: bool = False
    #: The letter after the year, "" for none (§8.19).
    suffix: str = ""


def _surnames(persons: Sequence[Person]) -> tuple[str, ...]:
    return tuple(sort_text(surname_text(person)) for person in persons)


def _shortened(names: tuple[str, ...], shown: int) -> tuple[str, ...]:
    """The names a citation prints when it shows `shown` of them: ("kim", "lee", "et al.")."""
    if shown >= len(names):
        return names
    return (*names[:shown], "et al.")


def _names_needed(names: tuple[str, ...], others: Iterable[tuple[str, ...]]) -> int:
    """Fewest names that tell a work with 3 or more authors from `others` (APA 7 §8.18).

    "et al." is plural, so it never stands for one name alone: a work told apart only by
    its last author lists every name.
    """
    rivals = [other for other in others if other != names]
    for shown in range(1, len(names)):
        if shown == len(names) - 1:
            continue
        mine = _shortened(names, shown)
        if all(_shortened(other, shown) != mine for other in rivals):
            return shown
    return len(names)


def citation_forms(entries: Iterable[Entry]) -> dict[str, CitationForm]:
    """The in-text form of every work in `entries`, by key, told apart from each other."""
    works = list(entries)
    suffixes = year_suffixes(works)
    initials_by_surname: dict[str, set[str]] = {}
    for work in works:
        _, persons = lead_persons(work)
        if persons and initials_text(persons[0]):
            first = persons[0]
            initials_by_surname.setdefault(sort_text(surname_text(first)), set()).add(
                sort_text(initials_text(first))
            )
    names_by_year: dict[str, list[tuple[str, ...]]] = {}
    for work in works:
        _, persons = lead_persons(work)
        if persons:
            names_by_year.setdefault(publication_year(work), []).append(_surnames(persons))
    forms: dict[str, CitationForm] = {}
    for work, suffix in zip(works, suffixes, strict=True):
        _, persons = lead_persons(work)
        if not persons:
            forms[work.key] = CitationForm(suffix=suffix)
            continue
        names = _surnames(persons)
        shown = len(names)
        if len(names) >= 3:
            shown = _names_needed(names, names_by_year[publication_year(work)])
        first_surname = sort_text(surname_text(persons[0]))
        forms[work.key] = CitationForm(
            names_shown=shown,
            first_initials=len(initials_by_surname.get(first_surname, ())) > 1,
            suffix=suffix,
        )
    return forms


# -- The site's bibliography -------------------------------------------------------------------


class _SiteBibliography:
    """The works of the site being built and their citation forms, computed once per build."""

    def __init__(self) -> None:
        self.entries: dict[str, Entry] = {}
        self.forms: dict[str, CitationForm] = {}

    def use(self, entries: Iterable[Entry], forms: dict[str, CitationForm] | None = None) -> None:
        self.entries = {entry.key: entry for entry in entries}
        self.forms = citation_forms(self.entries.values()) if forms is None else forms

    def covers(self, entries: Sequence[Entry]) -> bool:
        """True when every one of `entries` is the very same object as a site work."""
        return all(self.entries.get(entry.key) is entry for entry in entries)


_site = _SiteBibliography()


def use_site_bibliography(
    entries: Iterable[Entry], forms: dict[str, CitationForm] | None = None
) -> None:
    """Make `entries` the site's bibliography: letters and names are chosen among all of them.

    Called by the Sphinx extension before sphinxcontrib-bibtex formats the site's reference
    lists, with every entry of the site's `.bib` files: a work then keeps one letter on
    every page, and keeps it when a new post cites another work. `forms`, when given, are
    what `citation_forms` returned for the same entries (kept from an earlier build).
    """
    _site.use(entries, forms)


def site_forms() -> dict[str, CitationForm]:
    """The citation forms of the site's bibliography, by key, as `use_site_bibliography` set."""
    return dict(_site.forms)


def forms_among(entries: Sequence[Entry]) -> dict[str, CitationForm]:
    """Citation forms of `entries`: the site's when they are site works, else among themselves."""
    if entries and _site.covers(entries):
        return {entry.key: _site.forms[entry.key] for entry in entries}
    return citation_forms(entries)
