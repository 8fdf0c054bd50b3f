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
    plain_text,
    reference_list_names,
    sort_text,
    surname_first,
    surname_text,
)
from .titles import title_case
from .works import (
    NO_DATE,
    CitationForm,
    disambiguated_date,
    forms_among,
    is_part,
    iso_date_parts,
    lead_persons,
    publication_year,
    reference_list_key,
    title_text,
    year_suffixes,
)

if TYPE_CHECKING:
    from collections.abc import Callable, Iterable, Iterator, Sequence

# pybtex ships no type information; these aliases only document what a value is.
Entry = Any
RichText = Any
TemplateNode = Any

__all__ = [
    "NO_DATE",
    "APA7FormattedEntry",
    "APA7LabelStyle",
    "APA7SortingStyle",
    "APA7Style",
    "citation_label",
    "date_of_label",
    "disambiguated_date",
    "publication_year",
    "template_node",
    "year_suffixes",
]

EN_DASH = "\u2013"
DOI_RESOLVER = "https://doi.org/"
# Entry types APA formats as a web page when they have a URL (APA 7 §10.16).
WEB_PAGE_TYPES = frozenset({"online", "misc", "electronic", "www"})
# Entry types of a part of an edited book or of published proceedings (APA 7 §10.3, §10.5).
CHAPTER_TYPES = frozenset({"incollection", "inbook", "inproceedings", "conference"})
REPORT_TYPES = frozenset({"techreport", "report"})
THESIS_TYPES = frozenset({"phdthesis", "mastersthesis", "thesis"})
# How APA names a thesis (§10.6), from the BibTeX type or biblatex's `type` field.
_THESIS_KINDS = {
    "phdthesis": "doctoral dissertation",
    "phd": "doctoral dissertation",
    "mastersthesis": "master's thesis",
    "mathesis": "master's thesis",
    "masters": "master's thesis",
}
# biblatex's standard report `type`; others ("Policy Brief") are printed as written.
_REPORT_KINDS = {"techreport": "Technical Report", "resreport": "Research Report"}
ADVANCE_ONLINE = "Advance online publication"
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
_ISO_DATE = re.compile(r"^(\d{4})(?:-(\d{1,2}))?(?:-(\d{1,2}))?")


# -- Dates -----------------------------------------------------------------------------------


def date_of_label(label: str) -> str:
    """The date part of a label made by `APA7LabelStyle`: "2018a" from "Hardy & Fisher, 2018a"."""
    return re.split(r",\u201d? |\u201d ", label)[-1]


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
    if not month:
        month, day = iso_date_parts(entry)
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


def _ordinal(number: str) -> str:
    """Ordinal "2nd" from "2"; an edition already written out ("Revised") passes through."""
    if not number.isdigit():
        return number
    value = int(number)
    suffix = "th" if 10 <= value % 100 <= 20 else {1: "st", 2: "nd", 3: "rd"}.get(value % 10, "th")
    return f"{value}{suffix}"


# -- Sorting and labels ------------------------------------------------------------------------


class APA7SortingStyle(BaseSortingStyle):  # type: ignore[misc]  # pybtex is untyped
    """Order of an APA 7 reference list: authors letter by letter, then year, then title."""

    def sorting_key(self, entry: Entry) -> tuple[tuple[tuple[str, str], ...], tuple[int, str], str]:
        """Key for `sorted`: author list, then date (undated, dated, in press), then title."""
        return reference_list_key(entry)


def title_in_author_position(entry: Entry) -> str:
    """A title cited in place of an author, in title case (APA 7 §8.14): "Understanding Sleep"."""
    return title_case(title_text(entry) or entry.key)


def citation_label(entry: Entry, form: CitationForm | str = "") -> str:
    """Parenthetical citation of `entry` as plain text: "Hardy & Fisher, 2018a".

    A work without author or editor is cited by its title in title case, in quotation marks
    for a part of a larger work (`“Sleep and Health,” 2019`, APA 7 §8.14).
    """
    if isinstance(form, str):
        form = CitationForm(suffix=form, names_shown=1)
    date = disambiguated_date(publication_year(entry), form.suffix)
    _, persons = lead_persons(entry)
    if not persons:
        title = title_in_author_position(entry)
        return f"\u201c{title},\u201d {date}" if is_part(entry) else f"{title}, {date}"
    names = in_text_names(
        persons,
        and_word="&",
        shown=form.names_shown if len(persons) >= 3 else None,
        first_initials=form.first_initials,
    )
    return f"{names}, {date}"


class APA7LabelStyle(BaseLabelStyle):  # type: ignore[misc]  # pybtex is untyped
    """Labels such as "Hardy & Fisher, 2018a", told apart among the site's works."""

    def format_labels(self, sorted_entries: Iterable[Entry]) -> Iterator[str]:
        """One label per entry, in the order given."""
        entries = list(sorted_entries)
        forms = forms_among(entries)
        for entry in entries:
            yield citation_label(entry, forms[entry.key])


class APA7FormattedEntry(FormattedEntry):  # type: ignore[misc]  # pybtex is untyped
    """A formatted entry that also carries its in-text `CitationForm`, for `cite` roles."""

    def __init__(self, key: str, text: RichText, label: str, form: CitationForm) -> None:
        super().__init__(key, text, label)
        self.citation_form = form


# -- Template nodes --------------------------------------------------------------------------


def template_node(function: Callable[..., RichText]) -> Any:
    """Pybtex's `node` decorator, with the type of what it decorates spelled out."""
    return node(function)


def _sentence(text: RichText) -> RichText:
    """`text` ending in a period, unless it already ends in ".", "?" or "!"."""
    return Text(text).add_period() if text else Text()


def _form(data: dict[str, Any]) -> CitationForm:
    form = data.get("citation_form")
    return form if isinstance(form, CitationForm) else CitationForm()


@template_node
def _lead_elements(children: list[TemplateNode], data: dict[str, Any]) -> RichText:
    """Author, date and title elements: "Mayer, A. (2018a). Title." (APA 7 §9.4).

    The children format the title. Works without author fall back on editors, marked
    "(Ed.)"/"(Eds.)", and then on the title itself, which moves in front of the date.
    """
    entry = data["entry"]
    title = optional[join[children]].format_data(data)
    date_text = disambiguated_date(publication_year(entry), _form(data).suffix)
    if entry.type in WEB_PAGE_TYPES and (month_and_day := _month_and_day(entry)):
        date_text = f"{date_text}, {month_and_day}"
    date = Text("(", date_text, ").")
    role, persons = lead_persons(entry)
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


def _plain(entry: Entry, name: str) -> str:
    """A field as plain text, braces removed; "" when absent."""
    return plain_text(str(entry.fields.get(name, ""))).strip()


def _is_the_author(entry: Entry, name: str) -> bool:
    """True when `name` is the work's one group author (APA 7 §9.29, §10.16)."""
    role, persons = lead_persons(entry)
    if role != "author" or len(persons) != 1 or persons[0].first_names:
        return False
    return sort_text(surname_text(persons[0])) == sort_text(name)


def _first_field(entry: Entry, names: Sequence[str]) -> str:
    return next((value for name in names if (value := _plain(entry, name))), "")


#: Where a work's publisher may be written, in the order they are read.
PUBLISHER_FIELDS = ("publisher", "organization", "institution", "school")


@template_node
def _publisher(children: list[TemplateNode], data: dict[str, Any]) -> RichText:
    """The publisher, left out when it is the group author itself (APA 7 §9.29)."""
    assert not children
    entry = data["entry"]
    publisher = first_of[tuple(optional[field(name)] for name in PUBLISHER_FIELDS)]
    text = publisher.format_data(data)
    if not text or _is_the_author(entry, str(text)):
        return Text()
    return _sentence(text)


@template_node
def _site_name(children: list[TemplateNode], data: dict[str, Any]) -> RichText:
    """A web page's site name, left out when it is the page's author (APA 7 §10.16)."""
    assert not children
    entry = data["entry"]
    site = first_of[optional[field("organization")], optional[field("publisher")]]
    text = site.format_data(data)
    if not text or _is_the_author(entry, str(text)):
        return Text()
    return _sentence(text)


@template_node
def _edition(children: list[TemplateNode], data: dict[str, Any]) -> RichText:
    """Edition "(2nd ed.)" after a book title; raises FieldIsMissing without an edition."""
    assert not children
    entry = data["entry"]
    if "edition" not in entry.fields:
        raise FieldIsMissing("edition", entry)
    return Text("(", _ordinal(str(entry.fields["edition"]).strip()), " ed.)")


def _pages(data: dict[str, Any]) -> RichText:
    """Pages as "pp. 1-20" for a range, "p. 5" for one page; empty without (APA 7 §9.42)."""
    pages = optional[field("pages", apply_func=_dashify)].format_data(data)
    if not pages:
        return Text()
    return Text("pp. " if EN_DASH in str(pages) else "p. ", pages)


@template_node
def _in_edited_book(children: list[TemplateNode], data: dict[str, Any]) -> RichText:
    """Source of a chapter: "In J. Carlson (Ed.), *Title* (2nd ed., Vol. 2, pp. 1-9)." (§10.3).

    Edition, volume and pages share one pair of brackets, in that order.
    """
    assert not children
    entry = data["entry"]
    editors = entry.persons.get("editor", [])
    parts: list[RichText] = ["In"]
    if editors:
        names = editor_names([initials_first(person) for person in editors])
        parts.append(Text(names, " (Eds.)," if len(editors) > 1 else " (Ed.),"))
    parts.append(optional[tag("em")[field("booktitle")]].format_data(data))
    details: list[RichText] = []
    if edition := _plain(entry, "edition"):
        details.append(Text(_ordinal(edition), " ed."))
    if volume := _plain(entry, "volume"):
        details.append(Text("Vol. ", volume))
    if pages := _pages(data):
        details.append(pages)
    if details:
        parts.append(Text("(", Text(", ").join(details), ")"))
    return _sentence(Text(" ").join([part for part in parts if part]))


@template_node
def _report_number(children: list[TemplateNode], data: dict[str, Any]) -> RichText:
    """The number of a report: "(Report No. WHO/ABC/21.1)", "(Technical Report No. 1)" (§10.4).

    Raises FieldIsMissing without a number, so that `optional` drops it.
    """
    assert not children
    entry = data["entry"]
    number = _plain(entry, "number")
    if not number:
        raise FieldIsMissing("number", entry)
    kind = _plain(entry, "type")
    kind = _REPORT_KINDS.get(kind.casefold(), kind) or "Report"
    return Text("(", kind, " No. ", number, ")")


def _thesis_kind(entry: Entry) -> str:
    """The kind of thesis: "doctoral dissertation", "master's thesis", or `type` as written."""
    written = _plain(entry, "type")
    kind = _THESIS_KINDS.get(written.casefold().replace("'", "").replace(" ", ""))
    if kind:
        return kind
    if written:
        return written[:1].lower() + written[1:]
    return _THESIS_KINDS.get(entry.type.lower(), "thesis")


def _is_published_thesis(entry: Entry) -> bool:
    """A thesis from a database or archive has its name or a link (APA 7 §10.6)."""
    return any(_plain(entry, name) for name in ("doi", "url", "publisher", "howpublished"))


@template_node
def _thesis_description(children: list[TemplateNode], data: dict[str, Any]) -> RichText:
    """The bracketed description: "[Doctoral dissertation, School]", "[Unpublished ...]"."""
    assert not children
    entry = data["entry"]
    kind = _thesis_kind(entry)
    school = _first_field(entry, ("school", "institution"))
    if _is_published_thesis(entry):
        described = kind[:1].upper() + kind[1:]
        return Text("[", described, f", {school}" if school else "", "]")
    return Text("[Unpublished ", kind, "]")


@template_node
def _thesis_source(children: list[TemplateNode], data: dict[str, Any]) -> RichText:
    """The database or archive of a published thesis, the school of an unpublished one."""
    assert not children
    entry = data["entry"]
    if _is_published_thesis(entry):
        source = _first_field(entry, ("publisher", "howpublished"))
    else:
        source = _first_field(entry, ("school", "institution"))
    return _sentence(Text(source)) if source else Text()


@template_node
def _advance_online(children: list[TemplateNode], data: dict[str, Any]) -> RichText:
    """The words "Advance online publication." for an article out before its issue (§9.17)."""
    assert not children
    note = _plain(data["entry"], "note").rstrip(".").casefold()
    return Text(ADVANCE_ONLINE, ".") if note == ADVANCE_ONLINE.casefold() else Text()


_issue = first_of[
    optional[join["(", field("number"), ")"]],
    optional[join["(", field("issue"), ")"]],
]
# An article number replaces the page range of an online-only article (APA 7 §9.27).
_pages_or_article_number = first_of[
    optional[field("pages", apply_func=_dashify)],
    optional[join["Article ", field("eid")]],
]


class APA7Style(BaseStyle):  # type: ignore[misc]  # pybtex is untyped
    """APA 7 reference-list entries: articles, books, chapters, reports, theses, web pages.

    Every element but the title is optional, so incomplete entries still format (the Sphinx
    extension warns about what is missing); other entry types get the book-like form of
    APA 7 §9.4 (author, date, italic title, source, link).
    """

    default_sorting_style = APA7SortingStyle
    default_label_style = APA7LabelStyle
    # Classes, not plugin names: pybtex then skips its entry-point search (see __init__.py).
    default_name_style = PlainNameStyle

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self._forms: dict[str, CitationForm] = {}
        self.format_labels = self._format_labels

    def _format_labels(self, sorted_entries: Iterable[Entry]) -> Iterator[str]:
        """Labels of `sorted_entries`, remembering each work's citation form for its entry."""
        entries = list(sorted_entries)
        self._forms = forms_among(entries)
        for entry in entries:
            yield citation_label(entry, self._forms[entry.key])

    def format_entry(self, label: str, entry: Entry, bib_data: Any = None) -> FormattedEntry:
        """Format `entry`, with the letter and the citation form chosen among the site's works."""
        form = self._forms.get(entry.key) or forms_among([entry])[entry.key]
        return self.format_entry_in_form(label, entry, form, bib_data)

    def format_entry_in_form(
        self, label: str, entry: Entry, form: CitationForm, bib_data: Any = None
    ) -> FormattedEntry:
        """Format `entry` with its label and citation form given: a pure function of the three.

        (`bib_data` is pybtex's, for cross-references; the style does not read it.)
        """
        context = {
            "entry": entry,
            "style": self,
            "bib_data": bib_data,
            "label": label,
            "citation_form": form,
        }
        text = self.template_for(entry).format_data(context)
        return APA7FormattedEntry(entry.key, text, label, form)

    def template_for(self, entry: Entry) -> TemplateNode:
        """The template of `entry`'s type."""
        kind = entry.type.lower()
        if kind == "article":
            return self.article_template()
        if kind in CHAPTER_TYPES and "booktitle" in entry.fields:
            return self.chapter_template()
        if kind in REPORT_TYPES:
            return self.report_template()
        if kind in THESIS_TYPES:
            return self.thesis_template()
        if kind in WEB_PAGE_TYPES and "url" in entry.fields:
            return self.web_page_template()
        return self.book_template()

    def article_template(self) -> TemplateNode:
        """Journal article: "Author. (2018). Title. *Journal*, *12*(3), 45-67. https://doi.org/x".

        An article number takes the place of pages ("Article e0245678", §9.27); an article
        published online before its issue says so (§9.17).
        """
        volume_and_issue = join[
            optional[tag("em")[field("volume")]],
            _issue,
        ]
        source = sentence(sep=", ")[
            optional[tag("em")[field("journal")]],
            volume_and_issue,
            _pages_or_article_number,
        ]
        return join(sep=" ")[_lead_elements[field("title")], source, _advance_online, _doi_or_url]

    def book_template(self) -> TemplateNode:
        """Book: "Author. (2018). *Title* (2nd ed.). Publisher. https://doi.org/x"."""
        title = join(sep=" ")[tag("em")[field("title")], optional[_edition]]
        return join(sep=" ")[_lead_elements[title], _publisher, _doi_or_url]

    def chapter_template(self) -> TemplateNode:
        """Chapter: "Author. (2010). Chapter. In J. Carlson (Ed.), *Book* (pp. 1-2). Publisher."."""
        return join(sep=" ")[
            _lead_elements[field("title")],
            _in_edited_book,
            _publisher,
            _doi_or_url,
        ]

    def report_template(self) -> TemplateNode:
        """Report: "Author. (2021). *Title* (Report No. 12). Publisher. URL" (APA 7 §10.4)."""
        title = join(sep=" ")[tag("em")[field("title")], optional[_report_number]]
        return join(sep=" ")[_lead_elements[title], _publisher, _doi_or_url]

    def thesis_template(self) -> TemplateNode:
        """Thesis: "Author. (2019). *Title* [Doctoral dissertation, School]. Archive. URL"."""
        title = join(sep=" ")[tag("em")[field("title")], _thesis_description]
        return join(sep=" ")[_lead_elements[title], _thesis_source, _doi_or_url]

    def web_page_template(self) -> TemplateNode:
        """Web page: "Author. (2020, May 3). *Title*. Site. URL" (APA 7 §10.16)."""
        return join(sep=" ")[
            _lead_elements[tag("em")[field("title")]],
            _site_name,
            _doi_or_url,
        ]
