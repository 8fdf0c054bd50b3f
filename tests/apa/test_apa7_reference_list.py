"""The APA 7 reference-list style, one test per rule of APA 7 (chapters 9 and 10)."""

from __future__ import annotations

from typing import Any

import pytest
from pybtex.database import parse_string
from pybtex.plugin import find_plugin

from sphinx_apa7.bibliography import APA7SortingStyle, APA7Style


def format_bib(bib: str) -> list[Any]:
    """Every entry of `bib`, formatted and ordered as a reference list."""
    entries = parse_string(bib, "bibtex").entries.values()
    return list(APA7Style().format_entries(entries))


def reference(bib: str, output: str = "text") -> str:
    """The one entry of `bib`, rendered with a pybtex backend."""
    (formatted,) = format_bib(bib)
    return str(formatted.text.render_as(output))


def article(authors: str, **fields: str) -> str:
    extra = "".join(f"  {name} = {{{value}}},\n" for name, value in fields.items())
    return (
        f"@article{{key,\n  author = {{{authors}}},\n  title = {{A title}},\n"
        f"  journal = {{Journal}},\n  year = {{2018}},\n{extra}}}"
    )


def test_style_is_found_by_its_plugin_name() -> None:
    assert find_plugin("pybtex.style.formatting", "sphinx-apa7") is APA7Style
    assert find_plugin("pybtex.style.sorting", "sphinx-apa7") is APA7SortingStyle


def test_one_author_is_surname_comma_initials() -> None:
    assert reference(article("Mayer, Anna Beth")).startswith("Mayer, A. B. (2018).")


def test_two_authors_have_comma_and_ampersand() -> None:
    text = reference(article("Dewitte, Marieke and Mayer, Anna"))
    assert text.startswith("Dewitte, M., & Mayer, A. (2018).")


def test_three_to_twenty_authors_are_all_listed_with_ampersand_before_the_last() -> None:
    text = reference(article("Constant, Emilie and Beispiel, Fabienne and Christophe, Véronique"))
    assert text.startswith("Constant, E., Beispiel, F., & Christophe, V. (2018).")


def test_twenty_one_authors_give_nineteen_an_ellipsis_and_the_last() -> None:
    authors = " and ".join(f"Author{number:02d}, A." for number in range(1, 22))
    text = reference(article(authors))
    assert text.startswith(
        ", ".join(f"Author{number:02d}, A." for number in range(1, 20)) + ", . . . Author21, A."
    )


def test_hyphenated_given_names_keep_the_hyphen_in_initials() -> None:
    assert reference(article("Nandrino, Jean-Luc")).startswith("Nandrino, J.-L. (2018).")


def test_unicode_names_pass_through() -> None:
    text = reference(article("Díaz, María and Bürkner, Paul-Christian"))
    assert text.startswith("Díaz, M., & Bürkner, P.-C. (2018).")


def test_article_has_author_date_title_and_source() -> None:
    text = reference(article("Hardy, Nathan", volume="44", number="4", pages="557--571"))
    assert text == "Hardy, N. (2018). A title. Journal, 44(4), 557\u2013571."


def test_journal_name_and_volume_are_italic_but_issue_is_not() -> None:
    html = reference(article("Hardy, Nathan", volume="44", number="4"), "html")
    assert "<em>Journal</em>, <em>44</em>(4)." in html
    latex = reference(article("Hardy, Nathan", volume="44", number="4"), "latex")
    assert r"\emph{Journal}, \emph{44}(4)." in latex


def test_issue_is_in_parentheses_after_the_volume() -> None:
    assert "Journal, 12(3)." in reference(article("Hardy, N.", volume="12", number="3"))


def test_page_range_has_an_en_dash() -> None:
    assert "45\u201367." in reference(article("Hardy, N.", pages="45-67"))


def test_doi_is_an_https_doi_org_link() -> None:
    html = reference(article("Hardy, N.", doi="10.5555/example.12298"), "html")
    url = "https://doi.org/10.5555/example.12298"
    assert html.endswith(f'<a href="{url}">{url}</a>')


def test_article_without_volume_or_pages_still_formats() -> None:
    text = reference(article("Leonhardt, Nathan D. and Willoughby, Brian J. and Busby, Dean M."))
    assert text == "Leonhardt, N. D., Willoughby, B. J., & Busby, D. M. (2018). A title. Journal."


def test_book_has_italic_title_edition_and_publisher() -> None:
    bib = """@book{key, author = {Perel, Esther}, title = {Mating in captivity},
        edition = {2}, publisher = {Harper}, year = {2017}}"""
    assert reference(bib) == "Perel, E. (2017). Mating in captivity (2nd ed.). Harper."
    assert "<em>Mating in captivity</em> (2nd ed.). Harper." in reference(bib, "html")


def test_edited_book_is_listed_under_its_editors() -> None:
    bib = """@book{key, editor = {Carlson, Jon and Sperry, Len}, title = {Recovering intimacy},
        publisher = {Routledge}, year = {2010}}"""
    assert reference(bib).startswith("Carlson, J., & Sperry, L. (Eds.). (2010). Recovering")


def test_chapter_names_editors_initials_first_and_pages() -> None:
    bib = """@incollection{key, author = {Hardy, Kenneth}, title = {Intimacy at work},
        booktitle = {Recovering intimacy in love relationships},
        editor = {Carlson, Jon and Sperry, Len}, pages = {157--179},
        publisher = {Routledge}, year = {2010}}"""
    assert reference(bib) == (
        "Hardy, K. (2010). Intimacy at work. In J. Carlson & L. Sperry (Eds.), "
        "Recovering intimacy in love relationships (pp. 157\u2013179). Routledge."
    )
    assert "(Eds.), <em>Recovering intimacy in love relationships</em> (pp." in reference(
        bib, "html"
    )


def test_web_page_has_italic_title_and_url() -> None:
    bib = """@online{key, author = {{American Psychological Association}},
        title = {Sexual health}, year = {2020}, url = {https://www.apa.org/topics/sex}}"""
    html = reference(bib, "html")
    assert reference(bib) == (
        "American Psychological Association. (2020). Sexual health. https://www.apa.org/topics/sex"
    )
    assert "<em>Sexual health</em>." in html


def test_web_page_with_urldate_says_when_it_was_retrieved() -> None:
    bib = """@misc{key, author = {Doe, Jane}, title = {Notes}, year = {2020}, month = {may},
        day = {3}, url = {https://example.org}, urldate = {2021-05-03}}"""
    assert reference(bib) == (
        "Doe, J. (2020, May 3). Notes. Retrieved May 3, 2021, from https://example.org"
    )


def test_titles_keep_the_case_written_in_the_bib_file() -> None:
    text = reference(article("Hardy, N.").replace("A title", "Attachment in {Germany}: a STUDY"))
    assert "(2018). Attachment in Germany: a STUDY. Journal." in text


def test_question_mark_at_the_end_of_a_title_replaces_the_period() -> None:
    text = reference(article("Hardy, N.").replace("A title", "Is it love?"))
    assert "(2018). Is it love? Journal." in text


def test_undated_work_has_n_d() -> None:
    bib = "@book{key, author = {Doe, Jane}, title = {Notes}, publisher = {Self}}"
    assert reference(bib) == "Doe, J. (n.d.). Notes. Self."


def test_list_is_sorted_by_first_author_then_year_then_title() -> None:
    bib = """
    @book{c, author = {Hardy, N.}, title = {B}, year = {2018}}
    @book{b, author = {Díaz, M.}, title = {C}, year = {2019}}
    @book{a, author = {Diaz, L.}, title = {D}, year = {2020}}
    @book{d, author = {Díaz, M.}, title = {A}, year = {2010}}
    @book{e, author = {Dewitte, M. and Mayer, A.}, title = {E}, year = {2018}}
    @book{f, author = {Dewitte, M.}, title = {F}, year = {2019}}
    """
    assert [entry.key for entry in format_bib(bib)] == ["f", "e", "a", "d", "b", "c"]


def test_same_authors_same_year_get_letters_ordered_by_title() -> None:
    bib = """
    @book{zeta, author = {Bürkner, P.}, title = {The zeta study}, year = {2019}}
    @book{alpha, author = {Bürkner, P.}, title = {Alpha study}, year = {2019}}
    @book{other, author = {Bürkner, P.}, title = {Beta study}, year = {2020}}
    """
    formatted = format_bib(bib)
    assert [(entry.key, entry.label) for entry in formatted] == [
        ("alpha", "Bürkner, 2019a"),
        ("zeta", "Bürkner, 2019b"),
        ("other", "Bürkner, 2020"),
    ]
    assert str(formatted[1].text).startswith("Bürkner, P. (2019b). The zeta study.")


@pytest.mark.parametrize(
    ("authors", "label"),
    [
        ("Mayer, A.", "Mayer, 2018"),
        ("Dewitte, M. and Mayer, A.", "Dewitte & Mayer, 2018"),
        ("Constant, E. and Beispiel, F. and Nandrino, J.", "Constant et al., 2018"),
    ],
)
def test_label_is_the_parenthetical_citation(authors: str, label: str) -> None:
    (formatted,) = format_bib(article(authors))
    assert formatted.label == label
