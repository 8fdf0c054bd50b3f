"""APA 7 in-text citations as a sphinxcontrib-bibtex referencing style.

Built like sphinxcontrib-bibtex's own `author_year` style, from the same basic styles, with
what APA changes:

* round brackets, "; " between works, works in alphabetical order (APA 7 §8.12);
* "and" in narrative citations but "&" in parenthetical ones (§8.17), hence two person styles;
* a plain "et al." from three authors on (§8.17);
* the date read from the entry's label, so "2018a" matches the reference list
  (`sphinx_apa7.bibliography`).
"""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass
from dataclasses import field as dataclass_field
from typing import Any

from pybtex.richtext import BaseMultipartText, Text
from pybtex.style.template import field, join, tag
from sphinxcontrib.bibtex.richtext import BaseReferenceText
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
from sphinxcontrib.bibtex.style.template import join as join_names
from sphinxcontrib.bibtex.style.template import join2, post_text, pre_text, reference

from .bibliography import date_of_label, disambiguated_date, publication_year, template_node

# pybtex ships no type information; these aliases only document what a value is.
RichText = Any
TemplateNode = Any

ET_AL = " et al."


def narrative_person_style() -> PersonStyle:
    """Names in running text: "Dewitte and Mayer", "Constant et al."."""
    return PersonStyle(sep=", ", sep2=" and ", last_sep=", and ", other=Text(ET_AL))


def parenthetical_person_style() -> PersonStyle:
    """Names inside brackets: "Dewitte & Mayer", "Constant et al."."""
    return PersonStyle(sep=", ", sep2=" & ", last_sep=", & ", other=Text(ET_AL))


@template_node
def labelled_date(children: list[TemplateNode], data: dict[str, Any]) -> RichText:
    """The date of the cited work as its reference-list entry shows it: "2018a", "n.d."."""
    assert not children
    label = data["formatted_entry"].label
    if label:
        return Text(date_of_label(label))
    # Entries formatted by another pybtex style have other labels: fall back on the year.
    return Text(disambiguated_date(publication_year(data["entry"]), ""))


@template_node
def cited_names(
    children: list[TemplateNode], data: dict[str, Any], person: PersonStyle, full: bool
) -> RichText:
    """Authors, else editors, else the italic title, joined as `person` says.

    sphinxcontrib-bibtex's own `author_or_editor_or_title` reads the one person style of the
    whole referencing style; APA needs "and" in narrative and "&" in parenthetical citations.
    """
    assert not children
    entry = data["entry"]
    for role in ("author", "editor"):
        if persons := entry.persons.get(role):
            names = [person.style_plugin.format(each, person.abbreviate) for each in persons]
            separators = join_names(
                sep=person.sep,
                sep2=person.sep2,
                last_sep=person.last_sep,
                other=None if full else person.other,
            )
            return separators[names].format_data(data)
    return tag("em")[field("title")].format_data(data)


def _first_reference(text: RichText) -> RichText | None:
    """The linked part of one formatted citation, without its pre- and post-notes."""
    if isinstance(text, BaseReferenceText):
        return text
    if isinstance(text, BaseMultipartText):
        for part in text.parts:
            if (found := _first_reference(part)) is not None:
                return found
    return None


def alphabetical_order_key(citation: RichText) -> str:
    """Key putting formatted citations in APA order: by their "Author, year" text."""
    linked = _first_reference(citation)
    decomposed = unicodedata.normalize("NFKD", str(citation if linked is None else linked))
    return "".join(char for char in decomposed if not unicodedata.combining(char)).casefold()


@dataclass
class APA7ParentheticalReferenceStyle(BasicAuthorYearParentheticalReferenceStyle):
    """Parenthetical citations, "(Dewitte & Mayer, 2018; see Hardy & Fisher, 2018, p. 560)"."""

    def outer(self, role_name: str, children: list[RichText]) -> TemplateNode:
        """Join the citations of one role in alphabetical order (APA 7 §8.12)."""
        return super().outer(role_name, sorted(children, key=alphabetical_order_key))

    def inner(self, role_name: str) -> TemplateNode:
        """One work: pre-note, linked "Author, date", post-note."""
        return join2(sep1=self.pre_text_sep, sep2=self.post_text_sep)[
            pre_text,
            reference[
                join(sep=self.author_year_sep)[
                    cited_names(person=self.person, full="s" in role_name),
                    labelled_date,
                ]
            ],
            post_text,
        ]


@dataclass
class APA7NarrativeReferenceStyle(BasicAuthorYearTextualReferenceStyle):
    """Narrative citations, "Dewitte and Mayer (2018)", "Hardy and Fisher (2018, p. 560)"."""

    def inner(self, role_name: str) -> TemplateNode:
        """One work: names, then the linked date with its notes in brackets."""
        return join(sep=self.text_reference_sep)[
            cited_names(person=self.person, full="s" in role_name),
            join[
                self.bracket.left,
                join2(sep1=self.pre_text_sep, sep2=self.post_text_sep)[
                    pre_text,
                    reference[labelled_date],
                    post_text,
                ],
                self.bracket.right,
            ],
        ]


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
