"""Reference-list forms of APA 7 chapters 9 and 10 beyond articles, books and chapters.

Each test names the rule of the Publication Manual (7th ed.) it checks, on entries written
for it.
"""

from __future__ import annotations

from apa_helpers import Formatted, italic, reference


def test_9_29_group_author_that_is_also_the_publisher_is_not_repeated() -> None:
    """APA 7 §9.29 (and §10.2): the publisher is left out when it is the author."""
    bib = """@book{key, author = {{American Psychiatric Association}},
        title = {Diagnostic and statistical manual of mental disorders}, edition = {5},
        publisher = {American Psychiatric Association}, year = {2013}}"""
    assert reference(bib) == (
        "American Psychiatric Association. (2013). Diagnostic and statistical manual of "
        "mental disorders (5th ed.)."
    )


def test_9_29_publisher_stays_when_it_differs_from_the_group_author() -> None:
    """APA 7 §9.29 only drops a publisher equal to the author."""
    bib = """@book{key, author = {{World Health Organization}}, title = {Guide},
        publisher = {WHO Press}, year = {2013}}"""
    assert reference(bib) == "World Health Organization. (2013). Guide. WHO Press."


def test_10_16_site_name_that_is_the_author_is_left_out() -> None:
    """APA 7 §10.16: "When the author and site name are the same, omit the site name"."""
    bib = """@online{key, author = {{National Health Service}}, title = {Insomnia},
        organization = {National Health Service}, year = {2021},
        url = {https://www.nhs.uk/conditions/insomnia/}}"""
    assert reference(bib) == (
        "National Health Service. (2021). Insomnia. https://www.nhs.uk/conditions/insomnia/"
    )


def test_10_16_site_name_that_differs_from_the_author_is_kept() -> None:
    bib = """@online{key, author = {Doe, Jane}, title = {Sleep}, organization = {Sleep Site},
        year = {2021}, url = {https://example.org/sleep}}"""
    assert reference(bib) == "Doe, J. (2021). Sleep. Sleep Site. https://example.org/sleep"


def test_10_4_report_with_a_number() -> None:
    """APA 7 §10.4: "(Report No. WHO/ABC/21.1)" after the italic title."""
    bib = """@techreport{key, author = {{World Health Organization}},
        title = {Sexual health and its linkages to reproductive health},
        number = {WHO/ABC/21.1}, institution = {World Health Organization}, year = {2021},
        url = {https://example.org/report}}"""
    formatted = Formatted(bib)
    assert formatted.reference("key") == (
        "World Health Organization. (2021). Sexual health and its linkages to reproductive "
        "health (Report No. WHO/ABC/21.1). https://example.org/report"
    )
    assert italic(formatted.by_key["key"].text) == [
        "Sexual health and its linkages to reproductive health"
    ]


def test_10_4_report_with_its_own_kind_of_number() -> None:
    """APA 7 §10.4: "(Technical Report No. 17-4321)", the publisher after it."""
    bib = """@techreport{key, author = {Lee, Anna}, title = {Sleep in shift workers},
        type = {Technical Report}, number = {17-4321}, institution = {Sleep Institute},
        year = {2017}}"""
    assert reference(bib) == (
        "Lee, A. (2017). Sleep in shift workers (Technical Report No. 17-4321). Sleep Institute."
    )


def test_10_4_report_without_a_number() -> None:
    bib = """@report{key, author = {Lee, Anna}, title = {Sleep}, institution = {Sleep Institute},
        year = {2017}}"""
    assert reference(bib) == "Lee, A. (2017). Sleep. Sleep Institute."


def test_10_3_chapter_with_edition_and_volume() -> None:
    """APA 7 §10.3: "(2nd ed., Vol. 2, pp. 1-20)", with an en dash, after the book title."""
    bib = """@incollection{key, author = {Hardy, Kenneth}, title = {Couples at work},
        booktitle = {Handbook of couple therapy}, editor = {Lebow, Jay}, edition = {2},
        volume = {2}, pages = {1--20}, publisher = {Wiley}, year = {2022}}"""
    assert reference(bib) == (
        "Hardy, K. (2022). Couples at work. In J. Lebow (Ed.), Handbook of couple therapy "
        "(2nd ed., Vol. 2, pp. 1\u201320). Wiley."
    )


def test_9_27_article_number_instead_of_pages() -> None:
    """APA 7 §9.27: "*16*(2), Article e0245678."."""
    bib = """@article{key, author = {Ng, Olivia}, title = {Touch}, journal = {PLOS ONE},
        volume = {16}, number = {2}, eid = {e0245678}, year = {2021},
        doi = {10.5555/example.0245678}}"""
    formatted = Formatted(bib)
    assert formatted.reference("key") == (
        "Ng, O. (2021). Touch. PLOS ONE, 16(2), Article e0245678. "
        "https://doi.org/10.5555/example.0245678"
    )
    assert italic(formatted.by_key["key"].text) == ["PLOS ONE", "16"]


def test_10_6_published_dissertation_names_the_school_in_brackets() -> None:
    """APA 7 §10.6: "[Doctoral dissertation, University of Michigan]", then the database."""
    bib = """@phdthesis{key, author = {Rivera, Ana}, title = {Intimacy after illness},
        school = {University of Michigan}, publisher = {ProQuest Dissertations and Theses Global},
        year = {2019}, url = {https://example.org/thesis}}"""
    formatted = Formatted(bib)
    assert formatted.reference("key") == (
        "Rivera, A. (2019). Intimacy after illness [Doctoral dissertation, University of "
        "Michigan]. ProQuest Dissertations and Theses Global. https://example.org/thesis"
    )
    assert italic(formatted.by_key["key"].text) == ["Intimacy after illness"]


def test_10_6_unpublished_thesis_names_the_school_after_the_brackets() -> None:
    """APA 7 §10.6: "[Unpublished master's thesis]. University of Toronto."."""
    bib = """@mastersthesis{key, author = {Chen, Wei}, title = {Couples and sleep},
        school = {University of Toronto}, year = {2018}}"""
    assert reference(bib) == (
        "Chen, W. (2018). Couples and sleep [Unpublished master's thesis]. University of Toronto."
    )


def test_10_6_biblatex_thesis_type() -> None:
    bib = """@thesis{key, author = {Chen, Wei}, title = {Couples}, type = {phdthesis},
        institution = {University of Toronto}, year = {2018}}"""
    assert reference(bib) == (
        "Chen, W. (2018). Couples [Unpublished doctoral dissertation]. University of Toronto."
    )


def test_9_17_advance_online_publication() -> None:
    """APA 7 §9.17 and §10.1: "*Journal*. Advance online publication. https://doi.org/..."."""
    bib = """@article{key, author = {Constant, E.}, title = {Attachment},
        journal = {Current Psychology}, year = {2018}, note = {Advance online publication},
        doi = {10.1007/s12144-018-0062-x}}"""
    assert reference(bib) == (
        "Constant, E. (2018). Attachment. Current Psychology. Advance online publication. "
        "https://doi.org/10.1007/s12144-018-0062-x"
    )


def test_9_17_other_notes_are_not_printed() -> None:
    """A note is for the writer; APA prints only the advance online publication one."""
    bib = """@article{key, author = {Constant, E.}, title = {Attachment},
        journal = {Current Psychology}, year = {2018}, note = {Seen in print}}"""
    assert reference(bib) == "Constant, E. (2018). Attachment. Current Psychology."


def test_9_16_in_press_article() -> None:
    """APA 7 §9.16: "(in press)" for an accepted article not yet published."""
    bib = """@article{key, author = {Ng, O.}, title = {Touch}, journal = {Sleep Notes},
        pubstate = {inpress}}"""
    assert reference(bib) == "Ng, O. (in press). Touch. Sleep Notes."


def test_10_5_paper_in_published_proceedings_reads_like_a_chapter() -> None:
    """APA 7 §10.5: proceedings published as a book are cited like an edited book chapter."""
    bib = """@inproceedings{key, author = {Ng, Olivia}, title = {Touch in couples},
        booktitle = {Proceedings of the Couples Conference}, editor = {Lee, Anna},
        pages = {12--18}, publisher = {Couples Press}, year = {2020}}"""
    assert reference(bib) == (
        "Ng, O. (2020). Touch in couples. In A. Lee (Ed.), Proceedings of the Couples "
        "Conference (pp. 12\u201318). Couples Press."
    )


def test_9_42_single_page_chapter_uses_p() -> None:
    """APA 7 §9.42 uses "p." for one page and "pp." for a range."""
    bib = """@incollection{key, author = {Ng, O.}, title = {Foreword}, booktitle = {Book},
        editor = {Lee, A.}, pages = {7}, publisher = {P}, year = {2020}}"""
    assert "Book (p. 7). P." in reference(bib)
