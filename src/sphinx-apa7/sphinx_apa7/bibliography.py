"""APA 7 reference lists as pybtex plugins: a formatting style, a sorting style, a label style.

The label of a formatted entry is its in-text citation core, "Hardy & Fisher, 2018a". It carries
the one fact that depends on the other works in the same list, the letter that tells apart works
by the same authors in the same year; the reference list and the in-text citations
(`sphinx_apa7.citations`) both read the date from it, so they always agree.

Titles are printed exactly as written in the `.bib` file: APA wants sentence case for articles
and books and title case for journals, and only the writer knows which words are proper nouns.
"""

from __future__ import annotations

import re
import string
from itertools import groupby
from typing import TYPE_CHECKING, Any

from pybtex.richtext import HRef, Text
from pybtex.style import FormattedEntry
from pybtex.style.formatting import BaseStyle
from pybtex.style.labels import BaseLabelStyle
from pybtex.style.names.plain import NameStyle as PlainNameStyle
from pybtex.style.sorting import BaseSortingStyle
from pybtex.style.template import (
    FieldIsMissing,
    field,
    first_of,
    join,
    node,
    optional,
    sentence,
    tag,
)

from .persons import (
    editor_names,
    in_text_names,
    initials_first,
    persons_sort_key,
    reference_list_names,
    sort_text,
    surname_first,
)

if TYPE_CHECKING:
    from collections.abc import Callable, Iterable, Iterator, Sequence

# pybtex ships no type information; these aliases only document what a value is.
Entry = Any
RichText = Any
TemplateNode = Any

NO_DATE = "n.d."
EN_DASH = "\u2013"
DOI_RESOLVER = "https://doi.org/"
# Entry types APA formats as a web page when they have a URL (APA 7 §10.16).
WEB_PAGE_TYPES = frozenset({"online", "misc", "electronic", "www"})
MONTH_NAMES = (
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
)
# Leading articles are skipped when titles are alphabetized (APA 7 §9.47).
_LEADING_ARTICLE = re.compile(r"^(a|an|the)\s+", re.IGNORECASE)
_ISO_DATE = re.compile(r"^(\d{4})(?:-(\d{1,2}))?(?:-(\d{1,2}))?")


# -- Dates -----------------------------------------------------------------------------------


def publication_year(entry: Entry) -> str:
    """The year of `entry` as written, from `year` or a biblatex `date`; "" when it has none."""
    if "year" in entry.fields:
        return str(entry.fields["year"]).strip()
    match = _ISO_DATE.match(str(entry.fields.get("date", "")))
    return match.group(1) if match else ""


def disambiguated_date(year: str, suffix: str) -> str:
    """The date of a citation with its letter: "2018a", or "n.d.-a" for undated works."""
    if not year:
        return f"{NO_DATE}-{suffix}" if suffix else NO_DATE
    return year + suffix


def date_of_label(label: str) -> str:
    """The date part of a label made by `APA7LabelStyle`: "2018a" from "Hardy & Fisher, 2018a"."""
    return label.rpartition(", ")[2]


def _month_name(month: str) -> str:
    """Full English month name from "5", "05", "may" or "May"; unknown forms pass through."""
    month = month.strip()
    if month.isdigit() and 1 <= int(month) <= len(MONTH_NAMES):
        return MONTH_NAMES[int(month) - 1]
    for name in MONTH_NAMES:
        if name.casefold().startswith(month.casefold()[:3]) and len(month) >= 3:
            return name
    return month


def _month_and_day(entry: Entry) -> str:
    """Month and day, "May 3" or "May", from `month`/`day` or a biblatex `date`; or ""."""
    month = str(entry.fields.get("month", ""))
    day = str(entry.fields.get("day", ""))
    match = _ISO_DATE.match(str(entry.fields.get("date", "")))
    if not month and match:
        month, day = match.group(2) or "", match.group(3) or ""
    if not month:
        return ""
    return f"{_month_name(month)} {int(day)}" if day.isdigit() else _month_name(month)


def _retrieval_date(urldate: str) -> str:
    """Retrieval date "May 3, 2021" from an ISO `urldate`; other forms pass through."""
    match = _ISO_DATE.match(urldate.strip())
    if not match or not match.group(2):
        return urldate.strip()
    year, month, day = match.groups()
    month_name = MONTH_NAMES[int(month) - 1]
    return f"{month_name} {int(day)}, {year}" if day else f"{month_name} {year}"


# -- Who and what a work is listed under --------------------------------------------------


def _lead_persons(entry: Entry) -> tuple[str, Sequence[Any]]:
    """The role a work is listed under: its authors, else its editors (APA 7 §9.10)."""
    for role in ("author", "editor"):
        if entry.persons.get(role):
            return role, entry.persons[role]
    return "", ()


def _title_sort_text(entry: Entry) -> str:
    title = str(Text.from_latex(entry.fields.get("title", "")))
    return sort_text(_LEADING_ARTICLE.sub("", title))


def _ordinal(number: str) -> str:
    """Ordinal "2nd" from "2"; an edition already written out ("Revised") passes through."""
    if not number.isdigit():
        return number
    value = int(number)
    suffix = "th" if 10 <= value % 100 <= 20 else {1: "st", 2: "nd", 3: "rd"}.get(value % 10, "th")
    return f"{value}{suffix}"


# -- Sorting and labels ------------------------------------------------------------------------


def _author_sort_key(entry: Entry) -> tuple[tuple[str, str], ...]:
    _, persons = _lead_persons(entry)
    if persons:
        return persons_sort_key(persons)
    # A work without author or editor is filed under its title (APA 7 §9.12).
    return ((_title_sort_text(entry), ""),)


def _year_sort_key(entry: Entry) -> tuple[int, str]:
    # Undated works come before dated ones by the same authors (APA 7 §9.47).
    year = publication_year(entry)
    return (1, year) if year else (0, "")


class APA7SortingStyle(BaseSortingStyle):  # type: ignore[misc]  # pybtex is untyped
    """Order of an APA 7 reference list: authors letter by letter, then year, then title."""

    def sorting_key(self, entry: Entry) -> tuple[tuple[tuple[str, str], ...], tuple[int, str], str]:
        """Key for `sorted`: author list, then year (undated first), then title."""
        return (_author_sort_key(entry), _year_sort_key(entry), _title_sort_text(entry))


def citation_label(entry: Entry, suffix: str) -> str:
    """In-text citation core of `entry`: "Hardy & Fisher, 2018a", "Constant et al., 2018"."""
    _, persons = _lead_persons(entry)
    if persons:
        who = in_text_names(persons, and_word="&")
    else:
        who = str(Text.from_latex(entry.fields.get("title", entry.key)))
    return f"{who}, {disambiguated_date(publication_year(entry), suffix)}"


def year_suffixes(entries: Sequence[Entry]) -> list[str]:
    """Letters for works by the same authors in the same year, in the order of `entries`.

    APA 7 §9.47 and §8.19: such works get "a", "b", ... ordered by title, in the reference
    list and in the text alike; a work alone in its group gets no letter.
    """
    sorting = APA7SortingStyle()
    suffixes = [""] * len(entries)
    positions = sorted(range(len(entries)), key=lambda index: sorting.sorting_key(entries[index]))
    for _, group in groupby(
        positions,
        key=lambda index: (_author_sort_key(entries[index]), publication_year(entries[index])),
    ):
        members = list(group)
        if len(members) > 1:
            for letter, index in zip(string.ascii_lowercase, members, strict=False):
                suffixes[index] = letter
    return suffixes


class APA7LabelStyle(BaseLabelStyle):  # type: ignore[misc]  # pybtex is untyped
    """Labels such as "Hardy & Fisher, 2018a", lettered within the list being formatted."""

    def format_labels(self, sorted_entries: Iterable[Entry]) -> Iterator[str]:
        """One label per entry, in the order given."""
        entries = list(sorted_entries)
        for entry, suffix in zip(entries, year_suffixes(entries), strict=True):
            yield citation_label(entry, suffix)


# -- Template nodes --------------------------------------------------------------------------


def template_node(function: Callable[..., RichText]) -> Any:
    """Pybtex's `node` decorator, with the type of what it decorates spelled out."""
    return node(function)


def _sentence(text: RichText) -> RichText:
    """`text` ending in a period, unless it already ends in ".", "?" or "!"."""
    return Text(text).add_period() if text else Text()


@template_node
def _lead_elements(children: list[TemplateNode], data: dict[str, Any]) -> RichText:
    """Author, date and title elements: "Mayer, A. (2018a). Title." (APA 7 §9.4).

    The children format the title. Works without author fall back on editors, marked
    "(Ed.)"/"(Eds.)", and then on the title itself, which moves in front of the date.
    """
    entry = data["entry"]
    title = optional[join[children]].format_data(data)
    date_text = disambiguated_date(publication_year(entry), "")
    if data.get("label"):
        date_text = date_of_label(data["label"])
    if entry.type in WEB_PAGE_TYPES and (month_and_day := _month_and_day(entry)):
        date_text = f"{date_text}, {month_and_day}"
    date = Text("(", date_text, ").")
    role, persons = _lead_persons(entry)
    if not persons:
        return Text(" ").join([part for part in (_sentence(title), date) if part])
    names = reference_list_names([surname_first(person) for person in persons])
    if role == "editor":
        names = Text(names, " (Eds.)" if len(persons) > 1 else " (Ed.)")
    return Text(" ").join([part for part in (_sentence(names), date, _sentence(title)) if part])


def _dashify(text: RichText) -> RichText:
    """Page ranges with an en dash: "157--179" and "157-179" both give 157, en dash, 179.

    A literal en dash rather than pybtex's `Symbol("ndash")`, which the plain-text backend
    renders as a hyphen.
    """
    return Text(EN_DASH).join(text.split(re.compile(r"\s*-+\s*")))


@template_node
def _doi_or_url(children: list[TemplateNode], data: dict[str, Any]) -> RichText:
    """The DOI as an https://doi.org/ link (APA 7 §9.34), else the URL; empty without either.

    A web page with a `urldate` says when it was read: "Retrieved May 3, 2021, from URL".
    """
    assert not children
    entry = data["entry"]
    doi = str(entry.fields.get("doi", "")).strip()
    if doi:
        if not doi.startswith(("http://", "https://")):
            doi = DOI_RESOLVER + re.sub(r"^(doi:\s*|https?://(dx\.)?doi\.org/)", "", doi)
        return HRef(doi, doi)
    url = str(entry.fields.get("url", "")).strip()
    if not url:
        return Text()
    link = HRef(url, url)
    urldate = str(entry.fields.get("urldate", "")).strip()
    if urldate and entry.type in WEB_PAGE_TYPES:
        return Text("Retrieved ", _retrieval_date(urldate), ", from ", link)
    return link


@template_node
def _edition(children: list[TemplateNode], data: dict[str, Any]) -> RichText:
    """Edition "(2nd ed.)" after a book title; raises FieldIsMissing without an edition."""
    assert not children
    entry = data["entry"]
    if "edition" not in entry.fields:
        raise FieldIsMissing("edition", entry)
    return Text("(", _ordinal(str(entry.fields["edition"]).strip()), " ed.)")


@template_node
def _in_edited_book(children: list[TemplateNode], data: dict[str, Any]) -> RichText:
    """Source of a chapter: "In J. Carlson & L. Sperry (Eds.), *Title* (pp. 157-179)." (§10.3)."""
    assert not children
    entry = data["entry"]
    editors = entry.persons.get("editor", [])
    parts: list[RichText] = ["In"]
    if editors:
        names = editor_names([initials_first(person) for person in editors])
        parts.append(Text(names, " (Eds.)," if len(editors) > 1 else " (Ed.),"))
    parts.append(optional[tag("em")[field("booktitle")]].format_data(data))
    pages = optional[field("pages", apply_func=_dashify)].format_data(data)
    if pages:
        parts.append(Text("(pp. ", pages, ")"))
    return _sentence(Text(" ").join([part for part in parts if part]))


_issue = first_of[
    optional[join["(", field("number"), ")"]],
    optional[join["(", field("issue"), ")"]],
]
_publisher = first_of[
    optional[field("publisher")],
    optional[field("organization")],
    optional[field("institution")],
    optional[field("school")],
]


class APA7Style(BaseStyle):  # type: ignore[misc]  # pybtex is untyped
    """APA 7 reference-list entries for articles, books, chapters and web pages.

    Every element but the title is optional, so incomplete entries still format; other entry
    types get the book-like form of APA 7 §9.4 (author, date, italic title, source, link).
    """

    default_sorting_style = APA7SortingStyle
    default_label_style = APA7LabelStyle
    # Classes, not plugin names: pybtex then skips its entry-point search (see __init__.py).
    default_name_style = PlainNameStyle

    def format_entry(self, label: str, entry: Entry, bib_data: Any = None) -> FormattedEntry:
        """Format `entry`; its label supplies the date with any "a"/"b" letter."""
        context = {"entry": entry, "style": self, "bib_data": bib_data, "label": label}
        text = self.template_for(entry).format_data(context)
        return FormattedEntry(entry.key, text, label)

    def template_for(self, entry: Entry) -> TemplateNode:
        """The template of `entry`'s type."""
        if entry.type == "article":
            return self.article_template()
        if entry.type in {"incollection", "inbook", "inproceedings"} and (
            "booktitle" in entry.fields
        ):
            return self.chapter_template()
        if entry.type in WEB_PAGE_TYPES and "url" in entry.fields:
            return self.web_page_template()
        return self.book_template()

    def article_template(self) -> TemplateNode:
        """Journal article: "Author. (2018). Title. *Journal*, *12*(3), 45-67. https://doi.org/x"."""
        volume_and_issue = join[
            optional[tag("em")[field("volume")]],
            _issue,
        ]
        source = sentence(sep=", ")[
            optional[tag("em")[field("journal")]],
            volume_and_issue,
            optional[field("pages", apply_func=_dashify)],
        ]
        return join(sep=" ")[_lead_elements[field("title")], source, _doi_or_url]

    def book_template(self) -> TemplateNode:
        """Book: "Author. (2018). *Title* (2nd ed.). Publisher. https://doi.org/x"."""
        title = join(sep=" ")[tag("em")[field("title")], optional[_edition]]
        return join(sep=" ")[
            _lead_elements[title],
            optional[sentence[_publisher]],
            _doi_or_url,
        ]

    def chapter_template(self) -> TemplateNode:
        """Chapter: "Author. (2010). Chapter. In J. Carlson (Ed.), *Book* (pp. 1-2). Publisher."."""
        return join(sep=" ")[
            _lead_elements[field("title")],
            _in_edited_book,
            optional[sentence[_publisher]],
            _doi_or_url,
        ]

    def web_page_template(self) -> TemplateNode:
        """Web page: "Author. (2020, May 3). *Title*. Site. URL" (APA 7 §10.16)."""
        site = first_of[optional[field("organization")], optional[field("publisher")]]
        return join(sep=" ")[
            _lead_elements[tag("em")[field("title")]],
            optional[sentence[site]],
            _doi_or_url,
        ]
