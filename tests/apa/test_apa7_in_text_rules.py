"""In-text citations that need the other works of the bibliography: APA 7 §8.12-8.20.

Each test names the rule of the Publication Manual (7th ed.) it checks, on entries written
for it.
"""

from __future__ import annotations

from apa_helpers import Formatted, italic, parts_of
from sphinxcontrib.bibtex.richtext import BaseReferenceText

from sphinx_apa7.titles import title_case

KIM = """
@article{kim2015, author = {Kim, J.}, title = {Alone}, journal = {J}, year = {2015}}
@article{kimlee2012, author = {Kim, J. and Lee, S.}, title = {Pair}, journal = {J}, year = {2012}}
@article{kimlee2019, author = {Kim, J. and Lee, S. and Park, H. and Choi, Y.},
    title = {Four}, journal = {J}, year = {2019}}
@article{kimhan2019, author = {Kim, J. and Han, D. and Park, H.},
    title = {Three}, journal = {J}, year = {2019}}
"""


def test_8_18_ambiguous_et_al_names_as_many_authors_as_needed() -> None:
    """APA 7 §8.18: two works that both shorten to "Kim et al., 2019" name more authors."""
    bib = Formatted(KIM)
    assert bib.cite("p", "kimlee2019") == "(Kim, Lee, et al., 2019)"
    assert bib.cite("t", "kimlee2019") == "Kim, Lee, et al. (2019)"
    # The three-author work is told apart only by its second name: "et al." cannot stand for
    # the one name left, so all three are listed.
    assert bib.cite("p", "kimhan2019") == "(Kim, Han, & Park, 2019)"
    assert bib.cite("t", "kimhan2019") == "Kim, Han, and Park (2019)"
    assert len({entry.label for entry in bib.formatted}) == len(bib.formatted)


def test_8_18_et_al_stays_short_when_nothing_else_reads_alike() -> None:
    """APA 7 §8.18 applies only when works would read alike; otherwise §8.17's "et al."."""
    bib = Formatted(
        KIM.replace(
            "title = {Four}, journal = {J}, year = {2019}",
            "title = {Four}, journal = {J}, year = {2018}",
        )
    )
    assert bib.cite("p", "kimlee2019") == "(Kim et al., 2018)"
    assert bib.cite("p", "kimhan2019") == "(Kim et al., 2019)"


def test_8_20_first_authors_sharing_a_surname_get_initials_in_every_citation() -> None:
    """APA 7 §8.20: "(A. Taylor, 2020; M. Taylor, 2020)", initials even when years differ."""
    bib = Formatted("""
    @book{ataylor, author = {Taylor, Anne}, title = {One}, publisher = {P}, year = {2020}}
    @book{mtaylor, author = {Taylor, Mark and Ng, O.}, title = {Two}, publisher = {P},
        year = {2018}}
    @book{ng, author = {Ng, O.}, title = {Three}, publisher = {P}, year = {2020}}
    """)
    assert bib.cite("p", "mtaylor", "ataylor") == "(A. Taylor, 2020; M. Taylor & Ng, 2018)"
    assert bib.cite("t", "ataylor") == "A. Taylor (2020)"
    # Initials only for the surname that is shared, and only for first authors.
    assert bib.cite("p", "ng") == "(Ng, 2020)"


def test_8_12_several_works_in_reference_list_order() -> None:
    """APA 7 §8.12: works in one parenthesis in the order of the reference list."""
    bib = Formatted(KIM)
    assert bib.cite("p", "kimlee2019", "kimlee2012", "kim2015") == (
        "(Kim, 2015; Kim & Lee, 2012; Kim, Lee, et al., 2019)"
    )


GARCIA = """
@book{garcia_nd, author = {García, L.}, title = {Undated}, publisher = {P}}
@book{garcia_a, author = {García, L.}, title = {Alpha}, publisher = {P}, year = {2019}}
@book{garcia_b, author = {García, L.}, title = {Beta}, publisher = {P}, year = {2019}}
@book{garcia_c, author = {García, L.}, title = {Gamma}, publisher = {P}, year = {2019}}
@book{garcia_press, author = {García, L.}, title = {Coming}, publisher = {P}, year = {in press}}
@misc{nhs_a, author = {{National Health Service}}, title = {Sleep}, url = {https://nhs.example/a}}
@misc{nhs_b, author = {{National Health Service}}, title = {Stress}, url = {https://nhs.example/b}}
"""


def test_8_12_same_authors_named_once_undated_first() -> None:
    """APA 7 §8.12: "(García, n.d., 2019b)": the name once, "n.d." before dated works."""
    bib = Formatted(GARCIA)
    assert bib.cite("p", "garcia_b", "garcia_nd") == "(García, n.d., 2019b)"
    assert bib.cite("p", "garcia_c", "garcia_a") == "(García, 2019a, 2019c)"


def test_8_12_in_press_comes_after_dated_works() -> None:
    """APA 7 §8.12 and §9.47: works in press after the dated ones."""
    bib = Formatted(GARCIA)
    assert bib.cite("p", "garcia_press", "garcia_a", "garcia_nd") == (
        "(García, n.d., 2019a, in press)"
    )
    assert bib.keys()[:5] == ["garcia_nd", "garcia_a", "garcia_b", "garcia_c", "garcia_press"]


def test_8_19_undated_works_by_the_same_author_get_n_d_letters() -> None:
    """APA 7 §8.19: "(National Health Service, n.d.-a, n.d.-b)"."""
    bib = Formatted(GARCIA)
    assert bib.cite("p", "nhs_b", "nhs_a") == "(National Health Service, n.d.-a, n.d.-b)"
    assert bib.reference("nhs_b").startswith("National Health Service. (n.d.-b). Stress.")


def test_8_12_same_authors_in_running_text_share_one_name() -> None:
    """APA 7 §8.12 in a narrative citation: "García (2019a, 2019c)"."""
    bib = Formatted(GARCIA)
    assert bib.cite("t", "garcia_a", "garcia_c") == "García (2019a, 2019c)"


def test_8_12_a_note_keeps_its_work_apart() -> None:
    """A page note belongs to one date, so works with notes are not merged (APA 7 §8.13)."""
    bib = Formatted(GARCIA)
    assert bib.cite("p", ("garcia_a", "", "p. 4"), "garcia_c") == (
        "(García, 2019a, p. 4; García, 2019c)"
    )


def test_8_12_each_date_of_a_group_links_to_its_own_entry() -> None:
    """Grouped dates stay links, each to its work's entry."""
    bib = Formatted(GARCIA)
    links = parts_of(bib.rich_cite("p", "garcia_a", "garcia_c"), BaseReferenceText)
    assert [(str(link), link.info[0].citation_id) for link in links] == [
        ("García, 2019a", "id-garcia_a"),
        ("2019c", "id-garcia_c"),
    ]


NO_AUTHOR = """
@book{sleep_book, title = {Understanding sleep}, publisher = {Sleep Press}, year = {2019}}
@article{sleep_article, title = {Sleep and health}, journal = {Sleep Notes}, year = {2019}}
@online{sleep_page, title = {A guide to rest}, url = {https://example.org/rest}, year = {2020}}
"""


def test_8_14_work_without_author_is_cited_by_its_italic_title_in_title_case() -> None:
    """APA 7 §8.14: "(*Understanding Sleep*, 2019)", italic for a stand-alone work."""
    bib = Formatted(NO_AUTHOR)
    assert bib.cite("p", "sleep_book") == "(Understanding Sleep, 2019)"
    assert italic(bib.rich_cite("p", "sleep_book")) == ["Understanding Sleep"]
    assert bib.cite("t", "sleep_page") == "A Guide to Rest (2020)"


def test_8_14_part_without_author_is_cited_by_its_title_in_quotation_marks() -> None:
    """APA 7 §8.14: an article's title in quotation marks, the comma inside them."""
    bib = Formatted(NO_AUTHOR)
    assert bib.cite("p", "sleep_article") == "(\u201cSleep and Health,\u201d 2019)"
    assert bib.cite("t", "sleep_article") == "\u201cSleep and Health\u201d (2019)"
    assert italic(bib.rich_cite("p", "sleep_article")) == []


def test_9_12_work_without_author_has_its_title_in_the_author_position() -> None:
    """APA 7 §9.12: the title moves before the date and files the work alphabetically."""
    bib = Formatted(NO_AUTHOR)
    assert bib.reference("sleep_book") == "Understanding sleep. (2019). Sleep Press."
    assert bib.reference("sleep_article") == "Sleep and health. (2019). Sleep Notes."
    # "A guide to rest" files under "guide" (§9.47).
    assert bib.keys() == ["sleep_page", "sleep_article", "sleep_book"]


def test_6_17_title_case_of_a_title_in_the_author_position() -> None:
    """APA 7 §6.17: major words and words of four letters or more capitalized, both halves
    of a hyphenated word, the first word after a colon; names and acronyms as written."""
    assert title_case("sleep and well-being: a self-report study of the DNA of McKnight") == (
        "Sleep and Well-Being: A Self-Report Study of the DNA of McKnight"
    )
    assert title_case("what to do with anger") == "What to Do With Anger"
