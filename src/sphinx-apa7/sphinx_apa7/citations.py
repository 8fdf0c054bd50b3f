"""APA 7 in-text citations as a sphinxcontrib-bibtex referencing style.

Built like sphinxcontrib-bibtex's own `author_year` style, from the same basic styles, with
what APA changes:

* round brackets, "; " between works, works in the order of the reference list (APA 7 §8.12);
* works by the same authors named once, their dates after the names: "(García, n.d., 2019b)";
* "and" in narrative citations but "&" in parenthetical ones (§8.17), hence two person styles;
* a plain "et al." from three authors on (§8.17), with more names where two works would
  otherwise read alike (§8.18), and initials for first authors who share a surname (§8.20);
* a work without author cited by its title in title case, italic or in quotation marks (§8.14);
* the date and the letter that tell works apart taken from the formatted entry, so "2018a"
  matches the reference list (`sphinx_apa7.bibliography`).
"""

from __future__ import annotations

from dataclasses import dataclass
from dataclasses import field as dataclass_field
from typing import Any

from pybtex.richtext import Tag, Text
from sphinxcontrib.bibtex.style.referencing import (
    BracketStyle,
    GroupReferenceStyle,
    PersonStyle,
)
from sphinxcontrib.bibtex.style.referencing.basic_author_year import (
    BasicAuthorYearParentheticalReferenceStyle,
    BasicAuthorYearTextualReferenceStyle,
)
from sphinxcontrib.bibtex.style.referencing.extra_author import ExtraAuthorReferenceStyle
from sphinxcontrib.bibtex.style.referencing.extra_empty import ExtraEmptyReferenceStyle
from sphinxcontrib.bibtex.style.referencing.extra_label import ExtraLabelReferenceStyle
from sphinxcontrib.bibtex.style.referencing.extra_year import ExtraYearReferenceStyle
from sphinxcontrib.bibtex.style.template import join2, post_text, pre_text, reference

from .bibliography import date_of_label, template_node, title_in_author_position
from .persons import initials, persons_sort_key
from .works import (
    CitationForm,
    disambiguated_date,
    is_part,
    lead_persons,
    publication_year,
    reference_list_key,
)

# pybtex ships no type information; these aliases only document what a value is.
RichText = Any
TemplateNode = Any

ET_AL = " et al."
LEFT_QUOTE = "\u201c"
RIGHT_QUOTE = "\u201d"


def narrative_person_style() -> PersonStyle:
    """Names in running text: "Dewitte and Mayer", "Constant et al."."""
    return PersonStyle(sep=", ", sep2=" and ", last_sep=", and ", other=Text(ET_AL))


def parenthetical_person_style() -> PersonStyle:
    """Names inside brackets: "Dewitte & Mayer", "Constant et al."."""
    return PersonStyle(sep=", ", sep2=" & ", last_sep=", & ", other=Text(ET_AL))


def _citation_form(data: dict[str, Any]) -> CitationForm | None:
    """The form the reference list chose for the work; None for another pybtex style's entry."""
    form = getattr(data["formatted_entry"], "citation_form", None)
    return form if isinstance(form, CitationForm) else None


def _date(data: dict[str, Any]) -> str:
    """The date of the cited work as its reference-list entry shows it: "2018a", "n.d."."""
    form = _citation_form(data)
    if form is not None:
        return disambiguated_date(publication_year(data["entry"]), form.suffix)
    label = data["formatted_entry"].label
    if label:
        return date_of_label(label)
    # Entries formatted by another pybtex style have other labels: fall back on the year.
    return disambiguated_date(publication_year(data["entry"]), "")


@template_node
def labelled_date(children: list[TemplateNode], data: dict[str, Any]) -> RichText:
    """The date of the cited work as its reference-list entry shows it: "2018a", "n.d."."""
    assert not children
    return Text(_date(data))


def _names(data: dict[str, Any], person: PersonStyle, full: bool) -> RichText:
    """Authors, else editors, joined as `person` says; empty for a work with neither.

    Each surname is formatted by `person`'s name style, as in sphinxcontrib-bibtex's own
    styles (a surname of two words keeps them together with a non-breaking space).
    """
    _, persons = lead_persons(data["entry"])
    if not persons:
        return Text()
    form = _citation_form(data) or CitationForm()
    names = [
        person.style_plugin.format(each, person.abbreviate).format_data(data) for each in persons
    ]
    if form.first_initials and (first := initials(persons[0])):
        names[0] = Text(first, " ", names[0])
    shown = len(names) if full or len(names) < 3 else form.names_shown
    if shown < len(names):
        if shown == 1:
            return Text(names[0], ET_AL)
        return Text(Text(", ").join(names[:shown]), ",", ET_AL)
    if len(names) <= 2:
        return Text(person.sep2).join(names)
    return Text(Text(person.sep).join(names[:-1]), person.last_sep, names[-1])


def _title_as_author(data: dict[str, Any], *, comma: bool) -> RichText:
    """The title in the author's place: italic, or in quotation marks for a part (§8.14).

    In a parenthetical citation the comma before the date goes inside the closing
    quotation mark, as American usage and APA have it: ("Sleep and Health," 2019).
    """
    entry = data["entry"]
    title = title_in_author_position(entry)
    if is_part(entry):
        return Text(LEFT_QUOTE, title, "," if comma else "", RIGHT_QUOTE)
    return Tag("em", title)


@template_node
def cited_names(
    children: list[TemplateNode], data: dict[str, Any], person: PersonStyle, full: bool
) -> RichText:
    """Authors, else editors, else the title, joined as `person` says.

    sphinxcontrib-bibtex's own `author_or_editor_or_title` reads the one person style of the
    whole referencing style; APA needs "and" in narrative and "&" in parenthetical citations.
    """
    assert not children
    return _names(data, person, full) or _title_as_author(data, comma=False)


@template_node
def names_and_date(
    children: list[TemplateNode], data: dict[str, Any], person: PersonStyle, full: bool
) -> RichText:
    """Names and date, "Dewitte & Mayer, 2018"; `“Sleep and Health,” 2019` for a part."""
    assert not children
    names = _names(data, person, full)
    if names:
        return Text(names, ", ", _date(data))
    title = _title_as_author(data, comma=True)
    return Text(title, " " if is_part(data["entry"]) else ", ", _date(data))


class CitedWork(Text):  # type: ignore[misc]  # pybtex is untyped
    """One work of a citation, with what the outer template needs to order and group it.

    A plain `Text` of the whole citation, so that anything treating it as text sees the
    same words; `outer` reads the attributes to put the works in reference-list order and
    to name the same authors once.
    """

    #: The same citation without the names: "2019b", linked like the full one.
    date_only: RichText = None
    #: The names alone, "García" (narrative citations only).
    names: RichText = None
    #: Works with equal keys are by the same authors in the same order; None: never grouped.
    authors_key: Any = None
    #: Where the work stands in the reference list.
    order_key: Any = None
    has_pre_text: bool = False
    has_post_text: bool = False


def _cited_work(full_text: RichText, date_only: RichText, data: dict[str, Any]) -> CitedWork:
    entry = data["entry"]
    info = data["reference_info"]
    _, persons = lead_persons(entry)
    work = CitedWork(full_text)
    work.date_only = date_only
    work.authors_key = persons_sort_key(persons) if persons else None
    form = _citation_form(data) or CitationForm()
    work.order_key = (reference_list_key(entry), form.suffix)
    work.has_pre_text = bool(info.pre_text)
    work.has_post_text = bool(info.post_text)
    return work


def _grouped(children: list[RichText]) -> list[list[RichText]]:
    """Runs of works by the same authors, each run after the first free of pre-notes.

    A note stays next to the date it is about: a work with a pre-note starts a new run,
    and a work with a post-note ends its run.
    """
    groups: list[list[RichText]] = []
    for child in children:
        previous = groups[-1][-1] if groups else None
        if (
            isinstance(child, CitedWork)
            and isinstance(previous, CitedWork)
            and child.authors_key is not None
            and child.authors_key == previous.authors_key
            and not child.has_pre_text
            and not previous.has_post_text
        ):
            groups[-1].append(child)
        else:
            groups.append([child])
    return groups


@dataclass
class APA7ParentheticalReferenceStyle(BasicAuthorYearParentheticalReferenceStyle):
    """Parenthetical citations, "(Dewitte & Mayer, 2018; see Hardy & Fisher, 2018, p. 560)"."""

    def outer(self, role_name: str, children: list[RichText]) -> TemplateNode:
        """Join the works in reference-list order (APA 7 §8.12), same authors named once."""
        ordered = sorted(
            children, key=lambda child: getattr(child, "order_key", None) or ((), (0, ""), "")
        )
        joined = [
            Text(", ").join([group[0], *(work.date_only for work in group[1:])])
            for group in _grouped(ordered)
        ]
        return super().outer(role_name, joined)

    def inner(self, role_name: str) -> TemplateNode:
        """One work: pre-note, linked "Author, date", post-note."""
        return _parenthetical_work(
            person=self.person,
            full="s" in role_name,
            pre_text_sep=self.pre_text_sep,
            post_text_sep=self.post_text_sep,
        )


@template_node
def _parenthetical_work(
    children: list[TemplateNode],
    data: dict[str, Any],
    person: PersonStyle,
    full: bool,
    pre_text_sep: str,
    post_text_sep: str,
) -> RichText:
    assert not children
    notes = join2(sep1=pre_text_sep, sep2=post_text_sep)
    full_text = notes[
        pre_text, reference[names_and_date(person=person, full=full)], post_text
    ].format_data(data)
    date_only = notes[pre_text, reference[labelled_date], post_text].format_data(data)
    return _cited_work(full_text, date_only, data)


@dataclass
class APA7NarrativeReferenceStyle(BasicAuthorYearTextualReferenceStyle):
    """Narrative citations, "Dewitte and Mayer (2018)", "García (n.d., 2019b)"."""

    def outer(self, role_name: str, children: list[RichText]) -> TemplateNode:
        """Join the works in the order written, same authors named once with their dates."""
        joined = []
        for group in _grouped(children):
            if len(group) == 1:
                joined.append(group[0])
                continue
            first = group[0]
            dates = Text(", ").join([work.date_only for work in group])
            joined.append(Text(first.names, " ", self.bracket.left, dates, self.bracket.right))
        return super().outer(role_name, joined)

    def inner(self, role_name: str) -> TemplateNode:
        """One work: names, then the linked date with its notes in brackets."""
        return _narrative_work(
            person=self.person,
            full="s" in role_name,
            bracket=self.bracket,
            text_reference_sep=self.text_reference_sep,
            pre_text_sep=self.pre_text_sep,
            post_text_sep=self.post_text_sep,
        )


@template_node
def _narrative_work(
    children: list[TemplateNode],
    data: dict[str, Any],
    person: PersonStyle,
    full: bool,
    bracket: BracketStyle,
    text_reference_sep: str,
    pre_text_sep: str,
    post_text_sep: str,
) -> RichText:
    assert not children
    names = cited_names(person=person, full=full).format_data(data)
    notes = join2(sep1=pre_text_sep, sep2=post_text_sep)
    dated = notes[pre_text, reference[labelled_date], post_text].format_data(data)
    full_text = Text(names, text_reference_sep, bracket.left, dated, bracket.right)
    work = _cited_work(full_text, dated, data)
    work.names = names
    return work


@dataclass
class APA7AuthorReferenceStyle(ExtraAuthorReferenceStyle):
    """Names alone (`cite:author`), "and" in running text."""

    def inner(self, role_name: str) -> TemplateNode:
        """The linked names."""
        return reference[cited_names(person=self.person, full="s" in role_name)]


@dataclass
class APA7YearReferenceStyle(ExtraYearReferenceStyle):
    """Date alone, "2018a" (`cite:year`), with the same letter as the reference list."""

    def inner(self, role_name: str) -> TemplateNode:
        """The linked date."""
        return reference[labelled_date]


@dataclass
class APA7ReferenceStyle(GroupReferenceStyle):
    """APA 7 in-text citations for every `cite` role of sphinxcontrib-bibtex.

    `cite:p` gives "(Dewitte & Mayer, 2018)", `cite:t` "Dewitte and Mayer (2018)"; the
    `author`, `year`, `label` and `empty` roles work as in the `author_year` style.
    """

    #: Brackets and separators of `cite:p` (several works: "(A, 2018; B, 2019)").
    bracket_parenthetical: BracketStyle = dataclass_field(
        default_factory=lambda: BracketStyle(left="(", right=")", sep="; ")
    )
    #: Brackets and separators of `cite:t` (several works: "A (2018) and B (2019)").
    bracket_textual: BracketStyle = dataclass_field(
        default_factory=lambda: BracketStyle(
            left="(", right=")", sep=", ", sep2=" and ", last_sep=", and "
        )
    )
    #: Brackets of `cite:authorpar`, `cite:labelpar` and `cite:yearpar`.
    bracket_other: BracketStyle = dataclass_field(
        default_factory=lambda: BracketStyle(left="(", right=")", sep="; ")
    )
    #: Names in running text ("and").
    narrative_person: PersonStyle = dataclass_field(default_factory=narrative_person_style)
    #: Names inside brackets ("&").
    parenthetical_person: PersonStyle = dataclass_field(default_factory=parenthetical_person_style)

    def __post_init__(self) -> None:
        self.styles.extend(
            [
                APA7ParentheticalReferenceStyle(
                    bracket=self.bracket_parenthetical, person=self.parenthetical_person
                ),
                APA7NarrativeReferenceStyle(
                    bracket=self.bracket_textual, person=self.narrative_person
                ),
                APA7AuthorReferenceStyle(bracket=self.bracket_other, person=self.narrative_person),
                ExtraLabelReferenceStyle(bracket=self.bracket_other),
                APA7YearReferenceStyle(bracket=self.bracket_other),
                ExtraEmptyReferenceStyle(),
            ]
        )
        super().__post_init__()  # type: ignore[no-untyped-call]  # untyped upstream
