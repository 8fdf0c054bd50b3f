"""In-text citations of the APA 7 referencing style (APA 7 chapter 8), without a Sphinx build."""

from __future__ import annotations

from pybtex.database import parse_string
from pybtex.richtext import BaseMultipartText, Tag
from sphinxcontrib.bibtex.plugin import find_plugin
from sphinxcontrib.bibtex.style.referencing import format_references
from sphinxcontrib.bibtex.style.template import SphinxReferenceInfo

from sphinx_apa7.bibliography import APA7Style
from sphinx_apa7.citations import APA7ReferenceStyle

BIB = """
@article{dewitte2018, author = {Dewitte, Marieke and Mayer, Anna}, title = {T}, year = {2018}}
@article{constant2018, author = {Constant, E. and Beispiel, F. and Nandrino, J.-L.},
    title = {T}, year = {2018}}
@article{hardy2018, author = {Hardy, N. and Fisher, A.}, title = {T}, year = {2018}}
@book{buerkner2019z, author = {Bürkner, P.}, title = {Zeta}, year = {2019}}
@book{buerkner2019a, author = {Bürkner, P.}, title = {Alpha}, year = {2019}}
"""


def cite(role: str, *targets: tuple[str, str, str]) -> str:
    """Plain text of a `{cite:<role>}` of (key, pre-note, post-note) targets."""
    entries = parse_string(BIB, "bibtex").entries
    formatted = {entry.key: entry for entry in APA7Style().format_entries(entries.values())}
    references = [
        (
            entries[key],
            formatted[key],
            SphinxReferenceInfo(
                builder=None,  # only rendering to docutils needs a builder
                fromdocname="post",
                todocname="post",
                citation_id=f"id-{key}",
                title=None,
                pre_text=pre,
                post_text=post,
            ),
        )
        for key, pre, post in targets
    ]
    return str(format_references(APA7ReferenceStyle(), role, references))


def test_style_is_found_by_its_plugin_name() -> None:
    found = find_plugin("sphinxcontrib.bibtex.style.referencing", "sphinx-apa7")
    assert found is APA7ReferenceStyle


def test_narrative_citation_joins_two_authors_with_and() -> None:
    assert cite("t", ("dewitte2018", "", "")) == "Dewitte and Mayer (2018)"


def test_parenthetical_citation_joins_two_authors_with_ampersand() -> None:
    assert cite("p", ("dewitte2018", "", "")) == "(Dewitte & Mayer, 2018)"


def test_three_or_more_authors_give_plain_et_al() -> None:
    assert cite("t", ("constant2018", "", "")) == "Constant et al. (2018)"
    assert cite("p", ("constant2018", "", "")) == "(Constant et al., 2018)"


def test_et_al_is_not_italic() -> None:
    entries = parse_string(BIB, "bibtex").entries
    (formatted,) = APA7Style().format_entries([entries["constant2018"]])
    info = SphinxReferenceInfo(None, "post", "post", "id", None, "", "")
    text = format_references(
        APA7ReferenceStyle(), "p", [(entries["constant2018"], formatted, info)]
    )
    assert str(text) == "(Constant et al., 2018)"
    assert not has_tag(text)


def has_tag(text: object) -> bool:
    if isinstance(text, Tag):
        return True
    return isinstance(text, BaseMultipartText) and any(has_tag(part) for part in text.parts)


def test_several_works_are_ordered_alphabetically_and_separated_by_semicolons() -> None:
    text = cite("p", ("dewitte2018", "", ""), ("hardy2018", "", ""), ("constant2018", "", ""))
    assert text == "(Constant et al., 2018; Dewitte & Mayer, 2018; Hardy & Fisher, 2018)"


def test_pre_and_post_notes_surround_the_parenthetical_citation() -> None:
    assert cite("p", ("hardy2018", "see", "p. 560")) == "(see Hardy & Fisher, 2018, p. 560)"


def test_post_note_goes_inside_the_brackets_of_a_narrative_citation() -> None:
    assert cite("t", ("hardy2018", "", "p. 560")) == "Hardy and Fisher (2018, p. 560)"


def test_same_author_same_year_get_the_letters_of_the_reference_list() -> None:
    assert cite("p", ("buerkner2019a", "", "")) == "(Bürkner, 2019a)"
    assert cite("t", ("buerkner2019z", "", "")) == "Bürkner (2019b)"


def test_year_role_gives_the_lettered_date() -> None:
    assert cite("year", ("buerkner2019z", "", "")) == "2019b"
